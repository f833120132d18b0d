import { formatPosition } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { changeOf, changeView, totalDirection, trendPhrases } from './changes.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { clip } from './prose.js';
import type { Formatter } from './types.js';

/** Under GitHub's 65,536 characters for an issue or pull request comment, with room to spare. */
export const DEFAULT_MAX_LENGTH = 60_000;
/** Longest message shown per finding; the JSON and SARIF reports have it whole. */
const MAX_MESSAGE = 600;
/** Longest tenant name or file name in the head of the report, which is never cut. */
const MAX_NAME = 200;

const LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

/**
 * For pull request comments, `$GITHUB_STEP_SUMMARY` and wiki pages: a title line, a table of findings by
 * severity (new, resolved and waived counts when the result has them), then the findings, new ones first, in
 * collapsible `<details>` groups by severity. Everything taken from the export is escaped, and the document is
 * cut to `maxLength` characters with a line saying how many findings were left out.
 */
export const formatMarkdown: Formatter = (result, options) => {
  const head = [...markerLine(options.marker), ...title(result), '', ...summary(result), ...table(result)].join('\n');
  const foot = `\n---\n<sub>${footer(result)}</sub>\n`;
  const body = capped(sections(result), (options.maxLength ?? DEFAULT_MAX_LENGTH) - head.length - foot.length);
  return `${head}\n${body}${foot}`;
};

function markerLine(marker: string | undefined): string[] {
  if (marker === undefined) return [];
  return [markerComment(marker)];
}

/** The hidden line that marks a report, e.g. `<!-- shareguard-report -->`, for a marker that fits in it. */
export function markerComment(marker: string): string {
  if (!isValidMarker(marker)) throw new Error(`invalid comment marker ${JSON.stringify(marker)}`);
  return `<!-- ${marker} -->`;
}

/** A marker fits in an HTML comment on one line: no "--", no ">", no line breaks. */
export function isValidMarker(marker: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9 _.:/=+-]*$/.test(marker) && !marker.includes('--') && marker.length <= 200;
}

function title(result: ScanResult): string[] {
  const tenant = result.tenant.displayName ?? result.tenant.id ?? 'unnamed tenant';
  return [`## shareguard: ${escapeMarkdown(clip(tenant, MAX_NAME))}, as of ${escapeMarkdown(clip(result.asOf, MAX_NAME))}`];
}

function summary(result: ScanResult): string[] {
  const { total, counts } = result.summary;
  const breakdown = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
  const lines = [total === 0 ? '**No findings.**' : `**${total} finding(s)**: ${breakdown}.`];
  if (result.gate) {
    const { failOn, failing } = result.gate;
    lines.push(
      failOn === 'none'
        ? 'Gate: `--fail-on none`, never fails.'
        : `Gate (\`--fail-on ${failOn}\`): ${failing > 0 ? `**fails**, ${failing} finding(s) count` : '**passes**'}.`,
    );
  }
  const view = changeView(result);
  if (view) {
    const addedWaived = view.added.filter((f) => f.waiver).length;
    const unverified = view.unverified.length;
    const what = view.since !== null ? `the audit of ${view.since} (${codeSpan(clip(view.source, MAX_NAME))})` : codeSpan(clip(view.source, MAX_NAME));
    lines.push(
      `Compared with ${what}: **${view.added.length} new**${addedWaived > 0 ? ` (${addedWaived} of them waived)` : ''}, ` +
        `${view.unchanged.length} unchanged, ${view.resolved.length} resolved` +
        (unverified > 0 ? `, ${unverified} not re-checked (gone, but their control could not look at everything)` : '') +
        '.',
    );
    if (result.comparison) lines.push(`Trend: ${trendPhrases(view).join('; ')}; ${totalDirection(view)}.`);
  }
  if (result.waivers) lines.push(`Waivers from ${codeSpan(clip(result.waivers.source, MAX_NAME))}: ${result.waivers.applied} applied, ${result.waivers.problems.length} problem(s).`);
  const partial = new Set(result.summary.notEvaluated.flatMap((n) => n.controls)).size;
  if (partial > 0) lines.push(`${partial} control(s) could not look at everything (see Not evaluated).`);
  return lines.flatMap((l) => [l, '']);
}

function table(result: ScanResult): string[] {
  const withBaseline = changeView(result) !== undefined;
  const withWaivers = result.waivers !== undefined || result.findings.some((f) => f.waiver);
  const columns = ['Severity', 'Findings', ...(withBaseline ? ['New', 'Resolved'] : []), ...(withWaivers ? ['Waived'] : [])];
  const row = (label: string, findings: Finding[], resolved: Finding[]) => [
    label,
    String(findings.length),
    ...(withBaseline ? [String(findings.filter((f) => changeOf(f, result) === 'new').length), String(resolved.length)] : []),
    ...(withWaivers ? [String(findings.filter((f) => f.waiver).length)] : []),
  ];
  const resolved = changeView(result)?.resolved ?? [];
  const rows = SEVERITIES.map((s) => row(LABEL[s], result.findings.filter((f) => f.severity === s), resolved.filter((f) => f.severity === s)));
  rows.push(row('Total', result.findings, resolved).map((c) => `**${c}**`));
  return [`| ${columns.join(' | ')} |`, `|${columns.map((_, i) => (i === 0 ? ':--' : '--:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function footer(result: ScanResult): string {
  return `${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)} · ${result.summary.controls} controls · ${result.summary.files} file(s) · full details in the JSON or SARIF report`;
}

/** A heading and its collapsible groups; an item is one finding (or one note) as a Markdown list item. */
interface Section {
  heading: string;
  groups: Group[];
}
interface Group {
  summary: string;
  open: boolean;
  items: Item[];
}
interface Item {
  text: string;
  findings: number;
}

function sections(result: ScanResult): Section[] {
  const out: Section[] = [];
  const open = result.findings.filter((f) => !f.waiver);
  const view = changeView(result);
  if (view) {
    out.push(findingSection('New findings', open.filter((f) => changeOf(f, result) === 'new'), true));
    out.push(findingSection('Unchanged findings', open.filter((f) => changeOf(f, result) !== 'new'), false));
    out.push(findingSection(`Resolved since ${view.label}`, view.resolved, false));
  } else {
    out.push(findingSection('Findings', open, true));
  }
  out.push(findingSection('Waived', result.findings.filter((f) => f.waiver), false, view?.label));
  const problems = result.waivers?.problems ?? [];
  if (problems.length > 0) {
    out.push({ heading: `Waiver problems (${problems.length})`, groups: [{ summary: `${problems.length} waiver(s) to look at`, open: true, items: problems.map((p) => ({ text: `- **${p.kind}**: ${escapeMarkdown(p.message)}`, findings: 0 })) }] });
  }
  const notEvaluated = result.summary.notEvaluated;
  if (notEvaluated.length > 0) {
    const items = notEvaluated.map((n) => ({ text: `- ${codeSpan(n.section)} (${n.controls.map(escapeMarkdown).join(', ')}): ${escapeMarkdown(n.reason)}`, findings: 0 }));
    out.push({ heading: 'Not evaluated', groups: [{ summary: `${notEvaluated.length} part(s) of the export missing`, open: false, items }] });
  }
  return out.filter((s) => s.groups.some((g) => g.items.length > 0));
}

/** Findings grouped by severity, most severe first; `openSevere` opens the critical and high groups. */
function findingSection(heading: string, findings: Finding[], openSevere: boolean, newSince?: string): Section {
  const groups = SEVERITIES.map((s) => {
    const items = findings.filter((f) => f.severity === s).map((f) => ({ text: findingItem(f, newSince), findings: 1 }));
    return { summary: `${LABEL[s]} (${items.length})`, open: openSevere && (s === 'critical' || s === 'high'), items };
  }).filter((g) => g.items.length > 0);
  return { heading: `${heading} (${findings.length})`, groups };
}

/** One finding; `newSince` (the earlier run's label) says so of a waived finding that is new since then. */
function findingItem(f: Finding, newSince?: string): string {
  const parts = [`- **${escapeMarkdown(f.controlId)}** ${escapeMarkdown(f.title)}`, escapeMarkdown(clip(f.message, MAX_MESSAGE))];
  if (f.location) parts.push(codeSpan(formatPosition(f.location)));
  if (f.waiver) {
    const isNew = newSince !== undefined && (f.trend ?? f.baselineState) === 'new' ? ` New since ${escapeMarkdown(newSince)}.` : '';
    parts.push(`Waived: ${escapeMarkdown(f.waiver.reason)} (owner ${escapeMarkdown(f.waiver.owner)}, expires ${escapeMarkdown(f.waiver.expires)}).${isNew}`);
  }
  return parts.join('<br>');
}

/**
 * Renders the sections within `budget` characters. Each `<details>` block is closed even when cut short;
 * what does not fit is counted in one closing line ("…and N more findings").
 */
function capped(all: Section[], budget: number): string {
  const closing = (n: number) => `\n…and ${n} more finding(s) not shown here (cut to fit); the JSON or SARIF report has them all.\n`;
  let remaining = budget - closing(Number.MAX_SAFE_INTEGER).length;
  let skipped = 0;
  let cut = false;
  const out: string[] = [];
  const take = (s: string) => {
    out.push(s);
    remaining -= s.length;
  };
  for (const section of all) {
    const heading = `\n### ${section.heading}\n`;
    for (const [i, group] of section.groups.entries()) {
      const open = `${i === 0 ? heading : ''}\n<details${group.open ? ' open' : ''}><summary><b>${group.summary}</b></summary>\n\n`;
      const close = '\n</details>\n';
      if (cut || open.length + close.length + (group.items[0]?.text.length ?? 0) + 1 > remaining) {
        cut = true;
        skipped += group.items.reduce((n, item) => n + item.findings, 0);
        continue;
      }
      take(open);
      remaining -= close.length;
      for (const item of group.items) {
        if (cut || item.text.length + 1 > remaining) {
          cut = true;
          skipped += item.findings;
          continue;
        }
        take(`${item.text}\n`);
      }
      out.push(close);
    }
  }
  if (cut) out.push(skipped > 0 ? closing(skipped) : '\n…the rest is not shown here (cut to fit); see the JSON or SARIF report.\n');
  return out.join('');
}
