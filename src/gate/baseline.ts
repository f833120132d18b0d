import type { BaselineState, Finding, ScanResult } from '../findings/types.js';

/** The findings of an earlier run to compare with, and where they came from (a file or an export path). */
export interface Baseline {
  source: string;
  findings: readonly Finding[];
}

/**
 * Marks each finding of `result` new or unchanged by fingerprint (control, resource, principal: nothing
 * about files or positions), and lists the baseline's findings that are gone as resolved. Pure: returns a
 * new result and leaves both inputs as they were.
 */
export function compareWithBaseline(result: ScanResult, baseline: Baseline): ScanResult {
  const { states, resolved } = matchByFingerprint(result.findings, baseline.findings);
  const findings = result.findings.map((f, i): Finding => ({ ...f, baselineState: states[i] as BaselineState }));
  return { ...result, findings, baseline: { source: baseline.source, resolved } };
}

/**
 * The comparison itself, shared by the gate's baseline and the report's trend (scan --compare): for each of
 * `findings` in order, whether an earlier finding had its fingerprint, and the earlier findings that are gone
 * (once per fingerprint, as the earlier run reported them).
 */
export function matchByFingerprint(findings: readonly Finding[], earlier: readonly Finding[]): { states: BaselineState[]; resolved: Finding[] } {
  const before = new Set(earlier.map((f) => f.fingerprint));
  const now = new Set(findings.map((f) => f.fingerprint));
  const states = findings.map((f): BaselineState => (before.has(f.fingerprint) ? 'unchanged' : 'new'));
  const resolved: Finding[] = [];
  const seen = new Set<string>();
  for (const f of earlier) {
    if (now.has(f.fingerprint) || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    resolved.push(asReported(f));
  }
  return { states, resolved };
}

/** A finding as the earlier run reported it, without what that run's own comparisons and waivers added. */
function asReported(f: Finding): Finding {
  const { baselineState: _state, waiver: _waiver, trend: _trend, ...rest } = f;
  return rest;
}
