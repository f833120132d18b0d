import { InputError, type SourcePosition } from '../errors.js';
import type { BaselineState, Finding, ReportHeader, ScanResult } from '../findings/types.js';

/** The findings of an earlier run to compare with, and where they came from (a file or an export path). */
export interface Baseline {
  source: string;
  findings: readonly Finding[];
  /** The earlier run's tenant, when its document says; a baseline of another tenant is refused. */
  tenant?: ReportHeader['tenant'];
  /** Where that tenant is written, for the error. */
  tenantLocation?: SourcePosition;
}

/**
 * Marks each finding of `result` new or unchanged by fingerprint (control, resource, principal: nothing
 * about files or positions), and lists the baseline's findings that are gone as resolved. A finding that is
 * gone but whose control did not look at everything this time (`rechecked` says no: turned off, or it
 * reported something not evaluated) is listed as unverified instead: missing data never reads as a fix.
 * Pure: returns a new result and leaves both inputs as they were. Throws an InputError when the baseline is
 * another tenant's.
 */
export function compareWithBaseline(result: ScanResult, baseline: Baseline, rechecked: (controlId: string) => boolean = () => true): ScanResult {
  const problem = baseline.tenant ? tenantMismatch(result.tenant, baseline.tenant, 'baseline') : undefined;
  if (problem) throw new InputError(problem, baseline.tenantLocation);
  const { states, resolved } = matchByFingerprint(result.findings, baseline.findings);
  const findings = result.findings.map((f, i): Finding => ({ ...f, baselineState: states[i] as BaselineState }));
  const unverified = resolved.filter((f) => !rechecked(f.controlId));
  return {
    ...result,
    findings,
    baseline: {
      source: baseline.source,
      resolved: resolved.filter((f) => rechecked(f.controlId)),
      ...(unverified.length > 0 ? { unverified } : {}),
    },
  };
}

/**
 * Why two results are not of one tenant, or undefined when they may be. Tenant ids decide when both are
 * known (compared without regard to case); else display names, when both are known; a result that names no
 * tenant at all is taken on trust.
 */
export function tenantMismatch(now: ReportHeader['tenant'], earlier: ReportHeader['tenant'], role: 'baseline' | 'earlier result' = 'earlier result'): string | undefined {
  const differ = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() !== b.toLowerCase();
  const idsKnown = now.id !== null && earlier.id !== null;
  if (idsKnown ? !differ(now.id, earlier.id) : !differ(now.displayName, earlier.displayName)) return undefined;
  const purpose = role === 'baseline' ? 'a baseline must be an earlier result of the same tenant' : 'a trend compares two audits of one tenant';
  return `the ${role} is of tenant ${describeTenant(earlier)}, not of this export's tenant ${describeTenant(now)}: ${purpose}`;
}

function describeTenant(tenant: ReportHeader['tenant']): string {
  const name = tenant.displayName !== null ? JSON.stringify(tenant.displayName) : '(unnamed)';
  return tenant.id !== null ? `${name} (id ${tenant.id})` : name;
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
