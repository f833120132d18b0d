import { SEVERITIES, type Severity } from '../findings/severity.js';
import type { BaselineState, Finding, ScanResult } from '../findings/types.js';

/**
 * What changed since an earlier run, as the reports for people (markdown, html, csv) show it. The trend of
 * `scan --compare` when the run has one, else the gate's baseline (`--baseline`, `diff`): an audit report
 * answers "what changed since last time", which is what --compare was asked for.
 */
export interface ChangeView {
  /** Where the earlier findings came from (a file, or an export for diff). */
  source: string;
  /** The earlier audit's day (YYYY-MM-DD), when known: with --compare. */
  since: string | null;
  /** How the earlier run is named in prose: "2026-10-31", or "the baseline". */
  label: string;
  added: Finding[];
  unchanged: Finding[];
  resolved: Finding[];
  /** Gone since the baseline, but their control did not look at everything this run: not counted as resolved. */
  unverified: Finding[];
  /** Per severity, most severe first: how many findings now and in the earlier run. */
  bySeverity: Direction[];
}

export interface Direction {
  severity: Severity;
  now: number;
  before: number;
}

/** A finding's state against the earlier run of the view: the trend when there is one, else the baseline's. */
export function changeOf(f: Finding, result: ScanResult): BaselineState | undefined {
  return result.comparison ? f.trend : f.baselineState;
}

export function changeView(result: ScanResult): ChangeView | undefined {
  const earlier = result.comparison ?? result.baseline;
  if (!earlier) return undefined;
  const since = result.comparison ? dayOf(result.comparison.asOf) : null;
  const added = result.findings.filter((f) => changeOf(f, result) === 'new');
  const unchanged = result.findings.filter((f) => changeOf(f, result) === 'unchanged');
  const bySeverity = SEVERITIES.map((severity): Direction => {
    const now = result.findings.filter((f) => f.severity === severity).length;
    // A baseline keeps no counts: what it had is what is still there plus what is gone.
    const before =
      result.comparison?.counts[severity] ??
      unchanged.filter((f) => f.severity === severity).length + earlier.resolved.filter((f) => f.severity === severity).length;
    return { severity, now, before };
  });
  const unverified = result.comparison ? [] : (result.baseline?.unverified ?? []);
  const label = since ?? (result.comparison ? 'the earlier audit' : 'the baseline');
  return { source: earlier.source, since, label, added, unchanged, resolved: earlier.resolved, unverified, bySeverity };
}

/** "▼ 4 fewer high than 2026-10-31", "▲ 1 more critical than the baseline", "= 21 medium, as in 2026-10-31". */
export function describeDirection(d: { now: number; before: number }, what: string, label: string): string {
  const delta = d.now - d.before;
  if (delta < 0) return `▼ ${-delta} fewer ${what} than ${label}`;
  if (delta > 0) return `▲ ${delta} more ${what} than ${label}`;
  return `= ${d.now} ${what}, as in ${label}`;
}

/** The severities whose count changed, as phrases; the whole when none did. */
export function trendPhrases(view: ChangeView): string[] {
  const changed = view.bySeverity.filter((d) => d.now !== d.before).map((d) => describeDirection(d, d.severity, view.label));
  return changed.length > 0 ? changed : [`no change in the number of findings of any severity since ${view.label}`];
}

/** The total, now against then: "▼ 3 fewer findings than 2026-10-31". */
export function totalDirection(view: ChangeView): string {
  const sum = (k: 'now' | 'before') => view.bySeverity.reduce((n, d) => n + d[k], 0);
  const total = { now: sum('now'), before: sum('before') };
  const one = total.now === total.before ? total.now === 1 : Math.abs(total.now - total.before) === 1;
  return describeDirection(total, one ? 'finding' : 'findings', view.label);
}

function dayOf(iso: string | null): string | null {
  const m = iso === null ? null : /^\d{4}-\d{2}-\d{2}/.exec(iso);
  return m ? m[0] : null;
}
