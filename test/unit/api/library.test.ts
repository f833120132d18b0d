import { describe, expect, it } from 'vitest';

// Services import shareguard by name: this goes through package.json "exports" to the built dist/.
describe('library API', () => {
  it('loads a tenant and asks "may I?" with simulate, as an approval service would', async () => {
    const { loadTenant, resolveChanges, simulate } = await import('shareguard');
    const tenant = await loadTenant(['examples/contoso']);
    const changes = resolveChanges(
      [{ action: 'assign-environment-role', environment: 'Contoso Production', principal: 'ravi.patel@fabrikam.com', role: 'EnvironmentMaker' }],
      tenant.tenant,
    );
    const result = await simulate(tenant, changes, { asOf: new Date('2026-11-30T00:00:00Z') });
    expect(result.results).toHaveLength(1);
    expect(result.results[0]!.introduced.map((f) => [f.controlId, f.principal?.displayName])).toEqual([['SG-ENV-01', 'Ravi Patel']]);
    expect(result.results[0]!.decision).toBe('deny');
  });

  it('rejects a malformed change from a caller as an input error naming the change', async () => {
    const { loadTenant, resolveChanges, InputErrors } = await import('shareguard');
    const tenant = await loadTenant(['examples/contoso']);
    const bad = [{ action: 'assign-environment-role', actor: null, environment: 'Contoso Production' }] as unknown as Parameters<typeof resolveChanges>[0];
    expect(() => resolveChanges(bad, tenant.tenant)).toThrow(InputErrors);
    expect(() => resolveChanges(bad, tenant.tenant)).toThrow(/^change 0 \(assign-environment-role\)/m);
  });

  it('scans with the same API', async () => {
    const { scan } = await import('shareguard');
    const result = await scan(['examples/clean'], { asOf: new Date('2026-11-30T00:00:00Z') });
    expect(result.summary.total).toBe(0);
    expect(result.summary.controls).toBe(37);
  });
});
