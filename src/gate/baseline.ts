import type { Finding, ScanResult } from '../findings/types.js';

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
  const before = new Set(baseline.findings.map((f) => f.fingerprint));
  const now = new Set(result.findings.map((f) => f.fingerprint));
  const findings = result.findings.map((f): Finding => ({ ...f, baselineState: before.has(f.fingerprint) ? 'unchanged' : 'new' }));
  const resolved: Finding[] = [];
  const seen = new Set<string>();
  for (const f of baseline.findings) {
    if (now.has(f.fingerprint) || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    resolved.push(asReported(f));
  }
  return { ...result, findings, baseline: { source: baseline.source, resolved } };
}

/** A finding as the baseline run reported it, without what that run's own comparison and waivers added. */
function asReported(f: Finding): Finding {
  const { baselineState: _state, waiver: _waiver, ...rest } = f;
  return rest;
}
