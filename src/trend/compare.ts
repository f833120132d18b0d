import { InputError } from '../errors.js';
import { countBySeverity } from '../findings/findings.js';
import type { BaselineState, Finding, ReportHeader, ScanResult } from '../findings/types.js';
import { matchByFingerprint } from '../gate/baseline.js';
import type { EarlierResult } from './earlier-result.js';

/**
 * `scan --compare`: marks each finding `trend: new | unchanged` by fingerprint, as a baseline does, and keeps
 * the earlier audit's counts and resolved findings for the report. Unlike a baseline it leaves
 * `baselineState` alone, so the gate and the CI formats judge the run as if there were no comparison.
 * Pure; throws an InputError when the earlier result is another tenant's (see tenantMismatch).
 */
export function compareWithEarlier<R extends ScanResult>(result: R, earlier: EarlierResult): R {
  const problem = tenantMismatch(result.tenant, earlier.tenant);
  if (problem) throw new InputError(problem, earlier.tenantLocation);
  const { states, resolved } = matchByFingerprint(result.findings, earlier.findings);
  const findings = result.findings.map((f, i): Finding => ({ ...f, trend: states[i] as BaselineState }));
  return {
    ...result,
    findings,
    comparison: { source: earlier.source, asOf: earlier.asOf, counts: countBySeverity([...earlier.findings]), resolved },
  };
}

/**
 * Why two results are not of one tenant, or undefined when they may be. Tenant ids decide when both are
 * known (compared without regard to case); else display names, when both are known; a result that names no
 * tenant at all is taken on trust.
 */
export function tenantMismatch(now: ReportHeader['tenant'], earlier: ReportHeader['tenant']): string | undefined {
  const differ = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() !== b.toLowerCase();
  const idsKnown = now.id !== null && earlier.id !== null;
  if (idsKnown ? !differ(now.id, earlier.id) : !differ(now.displayName, earlier.displayName)) return undefined;
  return `the earlier result is of tenant ${describe(earlier)}, not of this export's tenant ${describe(now)}: a trend compares two audits of one tenant`;
}

function describe(tenant: ReportHeader['tenant']): string {
  const name = tenant.displayName !== null ? JSON.stringify(tenant.displayName) : '(unnamed)';
  return tenant.id !== null ? `${name} (id ${tenant.id})` : name;
}
