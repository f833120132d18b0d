import type { Finding, ScanResult } from '../../src/findings/types.js';
import { countBySeverity } from '../../src/findings/findings.js';
import { applyGate } from '../../src/gate/gate.js';
import { scan } from '../../src/scan.js';
import { compareWithEarlier } from '../../src/trend/compare.js';
import { loadWaivers } from '../../src/waivers/load.js';
import { AS_OF, EXAMPLE } from './cli.js';

let contoso: Promise<ScanResult> | undefined;

/** The example tenant's scan result at the pinned instant (tests run from the repository root, as the CLI's do). */
export async function contosoResult(): Promise<ScanResult> {
  contoso ??= scan([EXAMPLE], { asOf: new Date(AS_OF) });
  return structuredClone(await contoso);
}

/**
 * The example's result as `shareguard diff BASE HEAD --waivers examples/waivers.yaml --fail-on high` would give
 * it, through the real gate: in BASE the critical and the first three high findings did not exist yet (they are
 * new), and the first two medium findings existed and are gone from HEAD (resolved). The example's waivers
 * apply four, report one expired and one stale. Deterministic: picks by position in the sorted findings.
 */
export function asDiff(result: ScanResult): ScanResult {
  const byPosition = (severity: Finding['severity']) => result.findings.filter((f) => f.severity === severity);
  const introduced = new Set([...byPosition('critical'), ...byPosition('high').slice(0, 3)]);
  const removed = new Set(byPosition('medium').slice(0, 2));
  const head: ScanResult = { ...result, findings: result.findings.filter((f) => !removed.has(f)) };
  head.summary = { ...result.summary, total: head.findings.length, counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } };
  for (const f of head.findings) head.summary.counts[f.severity] += 1;
  return applyGate(head, {
    failOn: 'high',
    baseline: { source: 'base/exports', findings: result.findings.filter((f) => !introduced.has(f)) },
    waivers: loadWaivers('examples/waivers.yaml'),
  });
}

/**
 * The example's result as `scan --compare` with an earlier audit (as of 2026-10-31) would give it: the first
 * three high findings are new since then, and the first two medium findings were there and are gone (resolved).
 * So: ▲ 3 more high, ▼ 2 fewer medium, ▲ 1 more finding in all. No gate, baseline or waivers.
 */
export function asCompared(result: ScanResult): ScanResult {
  const byPosition = (severity: Finding['severity']) => result.findings.filter((f) => f.severity === severity);
  const introduced = new Set(byPosition('high').slice(0, 3));
  const removed = new Set(byPosition('medium').slice(0, 2));
  const now: ScanResult = { ...result, findings: result.findings.filter((f) => !removed.has(f)) };
  now.summary = { ...result.summary, total: now.findings.length, counts: countBySeverity(now.findings) };
  return compareWithEarlier(now, {
    source: 'audits/2026-10.json',
    findings: result.findings.filter((f) => !introduced.has(f)),
    asOf: '2026-10-31T00:00:00.000Z',
    tenant: result.tenant,
    tenantLocation: { file: 'audits/2026-10.json', line: 1, column: 1 },
  });
}
