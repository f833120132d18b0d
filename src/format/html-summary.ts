import { AREA_NAMES, compareAreas } from '../engine/areas.js';
import { SEVERITIES } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { describeDirection, totalDirection, trendPhrases, type ChangeView } from './changes.js';
import { html, type SafeHtml } from './html-escape.js';
import { SEVERITY_LABEL, severityBadge } from './html-parts.js';
import { barChart } from './svg-chart.js';

/**
 * The summary: totals, the trend since the earlier audit, then findings by severity and by area, each as a
 * table (the numbers, for every reader) beside a small chart (for a glance). Cells that tests and readers
 * look up carry data-count.
 */
export function summarySection(result: ScanResult, view: ChangeView | undefined, areaOf: (f: Finding) => string): SafeHtml {
  const { total, counts } = result.summary;
  const waived = result.findings.filter((f) => f.waiver).length;
  const line =
    total === 0
      ? html`<p class="lead"><strong>No findings.</strong></p>`
      : html`<p class="lead"><strong data-count="total">${total}</strong> ${total === 1 ? 'finding' : 'findings'}: ${SEVERITIES.map((s, i) => html`${i > 0 ? ', ' : ''}${counts[s]} ${s}`)}${waived > 0 ? `, of which ${waived} waived` : ''}.</p>`;
  return html`<section aria-labelledby="summary-heading"><h2 id="summary-heading">Summary</h2>${line}${trend(view)}
<div class="summary-grid">${bySeverity(result, view)}${byArea(result, areaOf)}</div></section>`;
}

function trend(view: ChangeView | undefined): SafeHtml {
  if (!view) return html``;
  const phrases = [...trendPhrases(view), totalDirection(view)];
  return html`<h3 id="trend-heading">Since ${view.label}</h3>
<p><strong data-count="new">${view.added.length}</strong> new, <strong data-count="unchanged">${view.unchanged.length}</strong> unchanged, <strong data-count="resolved">${view.resolved.length}</strong> resolved${view.unverified.length > 0 ? html`, <strong data-count="unverified">${view.unverified.length}</strong> not re-checked (gone, but their control could not look at everything)` : html``} (compared with <code>${view.source}</code>).</p>
<ul class="trend" aria-labelledby="trend-heading">${phrases.map((p) => html`<li>${arrow(p)}</li>`)}</ul>`;
}

function bySeverity(result: ScanResult, view: ChangeView | undefined): SafeHtml {
  const of = (s: string) => result.findings.filter((f) => f.severity === s);
  const rows = SEVERITIES.map((s) => {
    const findings = of(s);
    const direction = view?.bySeverity.find((d) => d.severity === s);
    return html`<tr><th scope="row">${severityBadge(s)}</th><td class="num" data-count="${s}">${findings.length}</td><td class="num">${findings.filter((f) => f.waiver).length}</td>${
      view && direction
        ? html`<td class="num">${view.added.filter((f) => f.severity === s).length}</td><td class="num">${view.resolved.filter((f) => f.severity === s).length}</td><td>${arrow(describeDirection(direction, s, view.label))}</td>`
        : ''
    }</tr>`;
  });
  const head = html`<tr><th scope="col">Severity</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Waived</th>${
    view ? html`<th scope="col" class="num">New</th><th scope="col" class="num">Resolved</th><th scope="col">Since ${view.label}</th>` : ''
  }</tr>`;
  const chart = barChart(
    'chart-severity',
    'Findings by severity',
    SEVERITIES.map((s) => ({ label: SEVERITY_LABEL[s], value: result.summary.counts[s], tone: s })),
  );
  return html`<div><table class="compact" id="severity-table"><caption>Findings by severity</caption><thead>${head}</thead><tbody>${rows}</tbody></table>${chart}</div>`;
}

/** "▼ 4 fewer high than …" with the arrow coloured (down is good news) and the text kept for screen readers. */
function arrow(phrase: string): SafeHtml {
  const cls = phrase.startsWith('▲') ? 'up' : phrase.startsWith('▼') ? 'down' : 'muted';
  return html`<span class="${cls}">${phrase}</span>`;
}

function byArea(result: ScanResult, areaOf: (f: Finding) => string): SafeHtml {
  const areas = [...new Set(result.findings.map(areaOf))].sort(compareAreas);
  if (areas.length === 0) return html``;
  const name = (a: string) => AREA_NAMES[a] ?? a;
  const rows = areas.map((a) => {
    const findings = result.findings.filter((f) => areaOf(f) === a);
    const controls = new Set(findings.map((f) => f.controlId)).size;
    return html`<tr><th scope="row">${name(a)}</th><td class="num" data-count="area-${a}">${findings.length}</td><td class="num">${controls}</td></tr>`;
  });
  const chart = barChart(
    'chart-area',
    'Findings by area',
    areas.map((a) => ({ label: name(a), value: result.findings.filter((f) => areaOf(f) === a).length, tone: 'bar' })),
  );
  return html`<div><table class="compact" id="area-table"><caption>Findings by area</caption><thead><tr><th scope="col">Area</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Controls with findings</th></tr></thead><tbody>${rows}</tbody></table>${chart}</div>`;
}

