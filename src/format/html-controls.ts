import { AREA_NAMES } from '../engine/areas.js';
import type { ScanResult } from '../findings/types.js';
import type { CatalogueEntry } from './catalogue.js';
import { html, join, type SafeHtml } from './html-escape.js';
import { severityBadge } from './html-parts.js';

/**
 * One row per control the scan ran: its findings (open and waived) and its outcome. A control that found
 * nothing but could not look at everything says so: missing data is never a pass. The control id links to
 * the findings table, which the script then filters to that control.
 */
export function controlsSection(result: ScanResult, entries: readonly CatalogueEntry[]): SafeHtml {
  const partial = new Set(result.summary.notEvaluated.flatMap((n) => n.controls));
  // Counted in one pass: a filter per control was 60 passes over 300,000 findings.
  const counts = new Map<string, { open: number; waived: number }>();
  for (const f of result.findings) {
    const n = counts.get(f.controlId) ?? { open: 0, waived: 0 };
    if (f.waiver) n.waived += 1;
    else n.open += 1;
    counts.set(f.controlId, n);
  }
  const rows = entries.map((c) => {
    const { open, waived } = counts.get(c.id) ?? { open: 0, waived: 0 };
    const outcome =
      open > 0
        ? html`<strong>${open === 1 ? '1 finding' : `${open} findings`}</strong>`
        : partial.has(c.id)
          ? html`Not fully evaluated (data missing)`
          : waived > 0
            ? html`Only waived findings`
            : html`<span class="muted">No findings</span>`;
    const id = open > 0 ? html`<a href="#findings-heading" data-filter-control="${c.id}" class="id">${c.id}</a>` : html`<span class="id">${c.id}</span>`;
    const detail = html`<dl class="detail"><dt>What it checks</dt><dd>${c.description}</dd><dt>How to fix it</dt><dd>${c.remediation}</dd>${
      c.references.length > 0 ? html`<dt>Related controls</dt><dd>${join(c.references, ', ')}</dd>` : ''
    }</dl>`;
    return html`<tr data-control="${c.id}"><th scope="row">${id}</th><td><details><summary>${c.title}</summary>${detail}</details></td><td>${AREA_NAMES[c.area] ?? c.area}</td><td>${severityBadge(c.severity)}</td><td class="num" data-count="control-${c.id}">${open}</td><td class="num">${waived}</td><td>${outcome}</td></tr>`;
  });
  return html`<section aria-labelledby="controls-heading"><h2 id="controls-heading">Controls (${entries.length})</h2>
<p class="muted">Every control this scan ran. Select a control id to see its findings in the table above.</p>
<table id="controls-table"><thead><tr><th scope="col">Control</th><th scope="col">Title</th><th scope="col">Area</th><th scope="col">Severity</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Waived</th><th scope="col">Outcome</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The parts of the export the scan needed and did not have, and the controls that could not look at everything. */
export function notEvaluatedSection(result: ScanResult): SafeHtml {
  const items = result.summary.notEvaluated;
  const body =
    items.length === 0
      ? html`<p>Every control had the data it needs.</p>`
      : html`<table id="not-evaluated-table"><thead><tr><th scope="col">Part of the export</th><th scope="col">Controls</th><th scope="col">Why</th></tr></thead><tbody>${items.map(
          (n) => html`<tr><th scope="row"><code>${n.section}</code></th><td class="id">${join(n.controls, ', ')}</td><td>${n.reason}</td></tr>`,
        )}</tbody></table>`;
  return html`<section aria-labelledby="not-evaluated-heading"><h2 id="not-evaluated-heading">Not evaluated (${items.length})</h2>${body}</section>`;
}
