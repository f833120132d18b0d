import { AREA_NAMES, compareAreas } from '../engine/areas.js';
import { SEVERITIES } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { changeOf, type ChangeView } from './changes.js';
import { PAGE_SIZE } from './html-data.js';
import { html, type SafeHtml } from './html-escape.js';
import { expandable, locationCode, objectCell, SEVERITY_LABEL, severityBadge } from './html-parts.js';

interface Context {
  result: ScanResult;
  view: ChangeView | undefined;
  areaOf: (f: Finding) => string;
  /** Control id → title, for the control filter's choices. */
  titles: ReadonlyMap<string, string>;
  /** Large results (html-data.ts): only the first PAGE_SIZE rows are in the markup, the script renders the others. */
  compact: boolean;
}

/**
 * The findings that are not waived: a filter form (hidden until the script shows it, since only the script
 * can apply it), a live status line, the rows, and the pager (shown by the script when the findings that
 * match are more than a page). Each row carries its index in the embedded data (data-index), what the filters
 * compare that the JSON lacks (data-area, data-change), and its control (data-control), by which tests find
 * rows. Every row is in the markup, unless the result is large (html-data.ts): then the first PAGE_SIZE.
 */
export function findingsSection(ctx: Context): SafeHtml {
  const { result, view } = ctx;
  const open = result.findings.map((f, index) => ({ f, index })).filter(({ f }) => !f.waiver);
  const listed = ctx.compact ? open.slice(0, PAGE_SIZE) : open;
  const columns = 6 + (view ? 1 : 0);
  const rows = listed.map(
    ({ f, index }) =>
      html`<tr data-index="${index}" data-area="${ctx.areaOf(f)}" data-control="${f.controlId}"${view ? html` data-change="${changeOf(f, result) ?? ''}"` : ''}><td>${severityBadge(f.severity)}</td><td class="id">${f.controlId}</td><td>${expandable(f)}</td><td>${objectCell(f.resource)}</td><td>${objectCell(f.principal)}</td>${
        view ? html`<td>${changeBadge(changeOf(f, result))}</td>` : ''
      }<td>${locationCode(f)}</td></tr>`,
  );
  const sortable = (key: string, label: string, first = 'ascending') => html`<th scope="col" data-sort="${key}" data-sort-first="${first}">${label}</th>`;
  const head = html`<tr>${sortable('severity', 'Severity', 'descending')}${sortable('control', 'Control')}${sortable('title', 'Finding')}${sortable('resource', 'Resource')}${sortable('principal', 'Person or group')}${
    view ? sortable('change', `Since ${view.label}`) : ''
  }${sortable('location', 'Location')}</tr>`;
  const noscript =
    listed.length < open.length
      ? `Sorting, filtering, search and the other pages need JavaScript; the first ${PAGE_SIZE} of ${open.length} findings are listed below (the json and csv reports have them all).`
      : 'Sorting, filtering and search need JavaScript; every finding is listed below.';
  return html`<section aria-labelledby="findings-heading"><h2 id="findings-heading">Findings (${open.length})</h2>
<p class="muted">Findings that are not waived, most severe first. Select a finding to read what was found, how to fix it, where it is in the export and its related controls.</p>
<noscript><p>${noscript}</p></noscript>
${filterForm(ctx, open.map((o) => o.f))}
<p id="findings-status" role="status" aria-live="polite">${open.length === 1 ? '1 finding' : `${open.length} findings`}</p>
<table id="findings-table"${ctx.compact ? html` data-compact="1"` : ''}><caption class="visually-hidden">Findings that are not waived</caption>${columnWidths(view !== undefined)}<thead>${head}</thead><tbody>${rows}<tr id="findings-empty"${open.length > 0 ? ' hidden' : ''}><td colspan="${columns}" class="empty">${open.length > 0 ? 'No finding matches these filters.' : 'No findings.'}</td></tr></tbody></table>
<nav id="findings-pages" class="pager" aria-label="Pages of findings" hidden><button type="button" id="findings-prev">Previous page</button><span id="findings-page"></span><button type="button" id="findings-next">Next page</button></nav></section>`;
}

/**
 * Fixed column widths: the browser then lays out the table from its first row instead of measuring every
 * cell, which is most of the time a page with thousands of findings takes to open.
 */
function columnWidths(withChange: boolean): SafeHtml {
  const cols = ['sev', 'control', 'finding', 'resource', 'principal', ...(withChange ? ['change'] : []), 'location'];
  return html`<colgroup>${cols.map((c) => html`<col class="col-${c}">`)}</colgroup>`;
}

function changeBadge(state: string | undefined): SafeHtml {
  return state ? html`<span class="change ${state}">${state}</span>` : html``;
}

function filterForm(ctx: Context, findings: readonly Finding[]): SafeHtml {
  const count = (pick: (f: Finding) => string) => {
    const m = new Map<string, number>();
    for (const f of findings) m.set(pick(f), (m.get(pick(f)) ?? 0) + 1);
    return m;
  };
  const severities = count((f) => f.severity);
  const areas = count(ctx.areaOf);
  const controls = count((f) => f.controlId);
  const kinds = count((f) => f.resource.kind);
  const changes = count((f) => changeOf(f, ctx.result) ?? '');
  const option = (value: string, label: string, n: number) => html`<option value="${value}">${label} (${n})</option>`;
  const select = (id: string, label: string, all: string, options: SafeHtml[]) =>
    html`<label for="${id}">${label}<select id="${id}" name="${id}"><option value="">${all}</option>${options}</select></label>`;
  return html`<form id="findings-filters" class="filters" role="search" aria-label="Filter findings" hidden>
${select('filter-severity', 'Severity', 'All severities', SEVERITIES.filter((s) => severities.has(s)).map((s) => option(s, SEVERITY_LABEL[s], severities.get(s)!)))}
${select('filter-area', 'Area', 'All areas', [...areas.keys()].sort(compareAreas).map((a) => option(a, AREA_NAMES[a] ?? a, areas.get(a)!)))}
${select('filter-control', 'Control', 'All controls', [...controls.keys()].sort(byId).map((c) => option(c, `${c} ${ctx.titles.get(c) ?? ''}`.trim(), controls.get(c)!)))}
${select('filter-kind', 'Resource kind', 'All kinds', [...kinds.keys()].sort().map((k) => option(k, k, kinds.get(k)!)))}
${ctx.view ? select('filter-change', `Since ${ctx.view.label}`, 'New and unchanged', ['new', 'unchanged'].filter((c) => changes.has(c)).map((c) => option(c, c, changes.get(c)!))) : ''}
<label for="filter-text">Search<input id="filter-text" name="filter-text" type="search" placeholder="name, id, text…" autocomplete="off"></label>
<button type="reset">Clear filters</button><p class="hint">Select a column heading to sort the table by it; select it again to reverse the order.</p></form>`;
}

/** Waived findings, apart from the rest: who accepted each, until when and why. */
export function waivedSection(result: ScanResult): SafeHtml {
  const waived = result.findings.filter((f) => f.waiver);
  const problems = result.waivers?.problems ?? [];
  if (waived.length === 0 && problems.length === 0 && !result.waivers) return html``;
  const rows = waived.map(
    (f) =>
      html`<tr><td>${severityBadge(f.severity)}</td><td class="id">${f.controlId}</td><td>${expandable(f)}</td><td>${objectCell(f.resource)}</td><td>${objectCell(f.principal)}</td><td>${f.waiver!.owner}</td><td><time datetime="${f.waiver!.expires}">${f.waiver!.expires}</time></td><td>${f.waiver!.reason}</td></tr>`,
  );
  const table =
    waived.length === 0
      ? html`<p class="empty">No finding is waived.</p>`
      : html`<table id="waived-table"><caption class="muted">They are reported but do not count toward the gate.</caption><thead><tr><th scope="col">Severity</th><th scope="col">Control</th><th scope="col">Finding</th><th scope="col">Resource</th><th scope="col">Person or group</th><th scope="col">Owner</th><th scope="col">Expires</th><th scope="col">Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
  const problemList =
    problems.length === 0
      ? html``
      : html`<h3>Waiver problems (${problems.length})</h3><ul>${problems.map((p) => html`<li><strong>${p.kind}</strong>: ${p.message}</li>`)}</ul>`;
  const source = result.waivers ? html`<p class="muted">Waivers from <code>${result.waivers.source}</code>: ${result.waivers.applied} applied.</p>` : html``;
  return html`<section aria-labelledby="waived-heading"><h2 id="waived-heading">Waived findings (${waived.length})</h2>${source}${table}${problemList}</section>`;
}

/** The earlier run's findings that are gone. */
export function resolvedSection(view: ChangeView | undefined): SafeHtml {
  if (!view) return html``;
  const rows = view.resolved.map(
    (f) => html`<tr><td>${severityBadge(f.severity)}</td><td class="id">${f.controlId}</td><td>${expandable(f)}</td><td>${objectCell(f.resource)}</td><td>${objectCell(f.principal)}</td></tr>`,
  );
  const body =
    rows.length === 0
      ? html`<p class="empty">None: every finding of ${view.label} is still there.</p>`
      : html`<table id="resolved-table"><thead><tr><th scope="col">Severity</th><th scope="col">Control</th><th scope="col">Finding</th><th scope="col">Resource</th><th scope="col">Person or group</th></tr></thead><tbody>${rows}</tbody></table>`;
  return html`<section aria-labelledby="resolved-heading"><h2 id="resolved-heading">Resolved since ${view.label} (${view.resolved.length})</h2>${body}</section>`;
}

function byId(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
