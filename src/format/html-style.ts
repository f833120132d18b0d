/**
 * The report's stylesheet, inlined in the page (no external font or file). Colours keep text at WCAG AA
 * contrast or better (severity badges are dark text on a light tint, over 7:1); focus is always visible;
 * the print rules drop the filters and navigation and keep colours in charts and badges.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #c9d1d9; --bg: #ffffff; --band: #f4f6f8; --accent: #0b57a4; --focus: #b45f06; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header.page, main, footer.page { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header.page { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
nav.toc ul { list-style: none; padding: 0; margin: 8px 0 16px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.verdict { font-weight: 600; }
.verdict.fails { color: #8c0f1c; }
.verdict.passes { color: #16622d; }
.summary-grid > div { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: center; }
.chart { max-width: 100%; height: auto; font-size: 12px; fill: var(--ink); }
.chart rect.bar { fill: var(--accent); }
.chart rect.critical { fill: #9b0a1e; } .chart rect.high { fill: #b84400; } .chart rect.medium { fill: #8f6a00; }
.chart rect.low { fill: #2d6cb0; } .chart rect.info { fill: #5f6b78; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
table.compact { width: auto; }
#findings-table { table-layout: fixed; }
th[data-sort="change"] { white-space: normal; }
col.col-sev { width: 7em; } col.col-control { width: 8em; } col.col-resource { width: 16%; }
col.col-principal { width: 14%; } col.col-change { width: 7em; } col.col-location { width: 16%; }
#findings-table td { overflow-wrap: anywhere; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--band); position: sticky; top: 0; z-index: 1; white-space: nowrap; }
td.id, th .id, td time { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: #f8fafc; }
th button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
th button.sort::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button.sort::after { content: " \\25B2"; color: var(--ink); }
th[aria-sort="descending"] button.sort::after { content: " \\25BC"; color: var(--ink); }
.sev { display: inline-block; min-width: 5.5em; padding: 0 6px; border-radius: 4px; border: 1px solid; font-size: 0.85rem; font-weight: 600; text-align: center; }
.sev.critical { background: #fde8ea; color: #7a0014; border-color: #e3a3ab; }
.sev.high { background: #fff0e3; color: #7e2f00; border-color: #e8b189; }
.sev.medium { background: #fff7d1; color: #5c4500; border-color: #d9c16a; }
.sev.low { background: #e7f0fb; color: #0b437a; border-color: #9dbde2; }
.sev.info { background: #eef0f3; color: #363e48; border-color: #b9c0c8; }
.change { font-size: 0.85rem; font-weight: 600; }
.change.new { color: #8c0f1c; } .change.unchanged { color: var(--muted); }
.up { color: #8c0f1c; } .down { color: #16622d; }
.id, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
code.path { overflow-wrap: normal; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
form.filters p.hint { flex-basis: 100%; margin: 0; font-size: 0.85rem; color: var(--muted); }
details > summary { cursor: pointer; }
details.finding > summary { font-weight: 600; }
details .detail { margin: 6px 0 4px; }
details .detail dt { font-weight: 600; color: var(--muted); margin-top: 6px; }
details .detail dd { margin: 0; white-space: pre-line; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; padding: 12px; background: var(--band); border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; font-weight: 600; gap: 2px; }
form.filters select, form.filters input, form.filters button { font: inherit; font-weight: 400; padding: 4px 6px; border: 1px solid #7b8794; border-radius: 4px; background: #fff; color: var(--ink); }
form.filters input[type="search"] { min-width: 16em; }
form.filters button { cursor: pointer; }
#findings-status { margin: 8px 0; font-weight: 600; }
nav.pager { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
nav.pager[hidden] { display: none; }
nav.pager button { font: inherit; padding: 4px 10px; border: 1px solid #7b8794; border-radius: 4px; background: #fff; color: var(--ink); cursor: pointer; }
nav.pager button:disabled { cursor: default; color: var(--muted); }
.empty { padding: 12px; color: var(--muted); }
ul.trend { margin: 4px 0 12px; }
footer.page { margin-top: 40px; padding-bottom: 32px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
@media print {
  body { font-size: 10.5pt; }
  nav.toc, form.filters, nav.pager, .no-print { display: none !important; }
  header.page, main, footer.page { max-width: none; padding: 0; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, .chart { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .sev, .chart, .change { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 1.5cm; }
}
`;
