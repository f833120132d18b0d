import type { Finding, ScanResult } from '../../src/findings/types.js';
import { scan } from '../../src/scan.js';
import { AS_OF, EXAMPLE } from './cli.js';

let contoso: Promise<ScanResult> | undefined;

/** The example tenant's scan result at the pinned instant (tests run from the repository root, as the CLI's do). */
export async function contosoResult(): Promise<ScanResult> {
  contoso ??= scan([EXAMPLE], { asOf: new Date(AS_OF) });
  return structuredClone(await contoso);
}

/**
 * The example's result as a `diff` against a baseline with a waivers file would give it (the fields the CI gate
 * fills): the critical and the first three high findings are new, the rest unchanged; two medium findings are
 * resolved (they were in the baseline only); one new high finding and one low finding are waived; one waiver
 * has expired and one matches nothing; the gate is --fail-on high. Deterministic: picks by position.
 */
export function asDiff(result: ScanResult): ScanResult {
  const r = structuredClone(result);
  const medium = r.findings.filter((f) => f.severity === 'medium');
  const resolved = medium.slice(0, 2);
  r.findings = r.findings.filter((f) => !resolved.includes(f));
  const isNew = new Set<Finding>([...r.findings.filter((f) => f.severity === 'critical'), ...r.findings.filter((f) => f.severity === 'high').slice(0, 3)]);
  for (const f of r.findings) f.baselineState = isNew.has(f) ? 'new' : 'unchanged';
  const waive = (f: Finding, reason: string) => {
    f.waiver = {
      controlId: f.controlId,
      resource: f.resource.id,
      reason,
      owner: 'it-security@contoso.com',
      expires: '2027-03-31',
      location: { file: 'shareguard-waivers.yaml', line: 4, column: 5 },
    };
  };
  waive(r.findings.filter((f) => f.severity === 'high')[2]!, 'Vendor integration signed off by the CISO until the contract ends (CHG-1042)');
  waive(r.findings.filter((f) => f.severity === 'low')[0]!, 'Accepted risk: <legacy> flow, retired in Q1');
  r.baseline = { source: 'base/exports', resolved: resolved.map((f) => ({ ...f })) };
  r.waivers = {
    source: 'shareguard-waivers.yaml',
    applied: 2,
    problems: [
      {
        kind: 'expired',
        waiver: { controlId: 'SG-GUEST-01', resource: '*', reason: 'Onboarding backlog', owner: 'helpdesk@contoso.com', expires: '2026-10-31' },
        message: 'waiver for SG-GUEST-01 (resource *) expired on 2026-10-31',
      },
    ],
  };
  const counted = r.findings.filter((f) => !f.waiver && (f.severity === 'critical' || f.severity === 'high'));
  r.gate = { failOn: 'high', failing: counted.length };
  r.summary.total = r.findings.length;
  r.summary.counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of r.findings) r.summary.counts[f.severity] += 1;
  return r;
}
