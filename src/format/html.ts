import { createHash } from 'node:crypto';
import type { Finding, ScanResult } from '../findings/types.js';
import { areaOf as areaOfId, catalogue } from './catalogue.js';
import { changeView, type ChangeView } from './changes.js';
import { controlsSection, notEvaluatedSection } from './html-controls.js';
import { html, scriptJson, type SafeHtml } from './html-escape.js';
import { compactFindings, compactJsonChunks, isCompact } from './html-data.js';
import { findingsSection, resolvedSection, waivedSection } from './html-findings.js';
import { instant } from './html-parts.js';
import { REPORT_SCRIPT } from './html-script.js';
import { REPORT_CSS } from './html-style.js';
import { summarySection } from './html-summary.js';
import type { ChunkedFormatter, Formatter } from './types.js';

/**
 * An audit report for people: one self-contained HTML page (inline CSS, script and SVG; it loads nothing, and
 * its Content-Security-Policy forbids it to) with the header, the summary and trend, the findings table, the
 * waived and resolved findings, what was not evaluated and every control. Everything is rendered here, so the
 * page reads and prints without JavaScript; the inline script adds sorting, filters, search and pages, reading
 * the embedded findings: the result as JSON (the same document as `--output json`), or, for a large result,
 * compact columns of which the page renders only the first rows (html-data.ts). Written in pieces, so a large
 * result never makes one string.
 */
export const formatHtmlChunks: ChunkedFormatter = function* (result, options) {
  const entries = catalogue(result, options.controls);
  const areas = new Map(entries.map((c) => [c.id, c.area]));
  const areaOf = (f: Finding) => areas.get(f.controlId) ?? areaOfId(f.controlId);
  const titles = new Map(entries.map((c) => [c.id, c.title]));
  const view = changeView(result);
  const tenant = tenantName(result);
  const compact = isCompact(result);
  const body = html`<header class="page">${heading(tenant)}${facts(result, view)}${toc(result, view)}</header>
<main>
${summarySection(result, view, areaOf)}
${findingsSection({ result, view, areaOf, titles, compact })}
${waivedSection(result)}
${resolvedSection(view)}
${notEvaluatedSection(result)}
${controlsSection(result, entries)}
</main>
<footer class="page"><p>Made by ${result.tool.name} ${result.tool.version}. This file is self-contained: it makes no network request. ${
    compact
      ? html`The findings are embedded in the script block <code>shareguard-data</code> as columns over a table of their distinct strings (the <code>--output json</code> report holds the whole document).`
      : html`The findings are embedded as JSON (the <code>--output json</code> document) in the script block <code>shareguard-data</code>.`
  }</p></footer>`;
  const [head, tail] = page(`shareguard audit: ${tenant}, as of ${result.asOf.slice(0, 10)}`, body, result);
  yield head;
  if (compact) yield* compactJsonChunks(compactFindings(result, areaOf));
  else yield scriptJson(result);
  yield tail;
};

/** The page as one string (tests, small results); the CLI writes formatHtmlChunks piece by piece. */
export const formatHtml: Formatter = (result, options) => [...formatHtmlChunks(result, options)].join('');

/** The page before and after the text of its data block. */
function page(title: string, body: SafeHtml, result: ScanResult): [string, string] {
  // Only this page's own style and script may run, nothing may be fetched: a name that slipped past escaping
  // still could not run a script or call out.
  const csp = `default-src 'none'; style-src '${sha256(REPORT_CSS)}'; script-src '${sha256(REPORT_SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="${html`${result.tool.name} ${result.tool.version}`}">
<title>${html`${title}`}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
<script type="application/json" id="shareguard-data">`,
    `</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`,
  ];
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function tenantName(result: ScanResult): string {
  return result.tenant.displayName ?? result.tenant.id ?? 'unnamed tenant';
}

function heading(tenant: string): SafeHtml {
  return html`<p class="muted">Governance audit · Microsoft 365, Entra ID and Power Platform</p><h1>${tenant}</h1>`;
}

function facts(result: ScanResult, view: ChangeView | undefined): SafeHtml {
  const objects = Object.entries(result.summary.objects)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k === 'dlpPolicies' ? 'DLP policies' : k}`)
    .join(', ');
  const rows: [string, SafeHtml | string][] = [
    ['Tenant', result.tenant.id !== null ? html`${result.tenant.displayName ?? ''} <span class="id muted">${result.tenant.id}</span>` : tenantName(result)],
    ['Export taken', result.exportedAt ? instant(result.exportedAt) : html`<span class="muted">not stated in the export</span>`],
    ['As of', instant(result.asOf)],
    ['Scanned', `${result.summary.files} file(s), ${result.summary.controls} controls${objects ? `; ${objects}` : ''}`],
  ];
  if (view) rows.push(['Compared with', html`${result.comparison ? `the audit of ${view.label}` : 'the baseline'} <code>${view.source}</code>`]);
  if (result.gate) rows.push(['Gate', verdict(result.gate)]);
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function verdict(gate: NonNullable<ScanResult['gate']>): SafeHtml {
  if (gate.failOn === 'none') return html`<span class="verdict">never fails (<code>--fail-on none</code>)</span>`;
  return gate.failing > 0
    ? html`<span class="verdict fails">fails: ${gate.failing} finding(s) count at or above ${gate.failOn}</span>`
    : html`<span class="verdict passes">passes at ${gate.failOn}</span>`;
}

function toc(result: ScanResult, view: ChangeView | undefined): SafeHtml {
  const links: [string, string][] = [
    ['summary-heading', 'Summary'],
    ['findings-heading', 'Findings'],
    ...(result.waivers || result.findings.some((f) => f.waiver) ? ([['waived-heading', 'Waived']] as [string, string][]) : []),
    ...(view ? ([['resolved-heading', 'Resolved']] as [string, string][]) : []),
    ['not-evaluated-heading', 'Not evaluated'],
    ['controls-heading', 'Controls'],
  ];
  return html`<nav class="toc" aria-label="Sections"><ul>${links.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>`;
}

