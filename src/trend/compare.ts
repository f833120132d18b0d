import { InputError } from '../errors.js';
import { countBySeverity } from '../findings/findings.js';
import type { BaselineState, Finding, ScanResult } from '../findings/types.js';
import { matchByFingerprint, tenantMismatch } from '../gate/baseline.js';
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

export { tenantMismatch } from '../gate/baseline.js';
