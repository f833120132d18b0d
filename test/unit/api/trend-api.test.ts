import { describe, expect, it } from 'vitest';

// The audit trend from code, through the package's exports (the built dist/), as a reporting service would use it.
describe('library API: trends and progress', () => {
  it('compares a scan with an earlier result and reports progress through callbacks', async () => {
    const { scan, compareWithEarlier, applyGate } = await import('shareguard');
    const steps = new Set<string>();
    const now = await scan(['examples/contoso'], { asOf: new Date('2026-11-30T00:00:00Z'), onProgress: (p) => steps.add(p.step) });
    expect([...steps]).toEqual(['read', 'validate', 'evaluate']);
    const earlier = { source: 'audit-2026-10.json', findings: now.findings.slice(1), asOf: '2026-10-31T00:00:00.000Z', tenant: now.tenant, tenantLocation: { file: 'audit-2026-10.json', line: 1, column: 1 } };
    const compared = compareWithEarlier(applyGate(now, { failOn: 'high' }), earlier);
    expect(compared.findings.filter((f) => f.trend === 'new')).toEqual([expect.objectContaining({ fingerprint: now.findings[0]!.fingerprint })]);
    expect(compared.gate).toEqual(applyGate(now, { failOn: 'high' }).gate);
  });
});
