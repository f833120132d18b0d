import { describe, expect, it } from 'vitest';
import { CONTROL_COUNT } from '../../helpers/manifest.js';

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
    expect(result.summary.controls).toBe(CONTROL_COUNT);
  });
});

describe('library API: what a loaded tenant keeps', () => {
  it('keeps the raw list sections by default and drops them with raw: false, scanning the same either way', async () => {
    const { loadTenant, scan } = await import('shareguard');
    const asOf = new Date('2026-11-30T00:00:00Z');
    const kept = await loadTenant(['examples/contoso']);
    const lean = await loadTenant(['examples/contoso'], { raw: false });
    expect(kept.merged.users?.length).toBeGreaterThan(0);
    expect(lean.merged.users).toBeUndefined();
    expect(lean.merged.flows).toBeUndefined();
    expect(lean.tenant).toEqual(kept.tenant);
    const [a, b] = [await scan(kept, { asOf }), await scan(lean, { asOf })];
    expect(b.findings).toEqual(a.findings);
    expect(b.findings.length).toBeGreaterThan(0);
    // Positions come from the files, not the dropped objects.
    expect(b.findings.every((f) => f.location?.file)).toBe(true);
  });
});

describe('library API under concurrency', () => {
  it('scans two tenants at the same time without mixing them', async () => {
    const { scan } = await import('shareguard');
    const asOf = new Date('2026-11-30T00:00:00Z');
    const [contoso, clean] = await Promise.all([scan(['examples/contoso'], { asOf }), scan(['examples/clean'], { asOf })]);
    expect(contoso.tenant.displayName).toBe('Contoso Ltd');
    expect(contoso.summary.total).toBe(67);
    expect(clean.summary.total).toBe(0);
  });
});

describe('simulations under concurrency', () => {
  it('each scan or simulation gets its own engine instance (sharing only the compiled module)', async () => {
    const { engineFor, builtinBundle } = await import('../../../src/scan.js');
    const bundle = builtinBundle();
    const [a, b] = await Promise.all([engineFor(bundle), engineFor(bundle)]);
    expect(a).not.toBe(b);
    await a.setData({ tenant: { sections: { externalCollaboration: true }, externalCollaboration: { guestUserAccess: 'sameAsMember' } } });
    await b.setData({ tenant: { sections: { externalCollaboration: true }, externalCollaboration: { guestUserAccess: 'restricted' } } });
    const collab01 = bundle.manifest.controls.find((c) => c.id === 'SG-COLLAB-01')!.entrypoint;
    expect((a.evaluate({ asOf: 0 }, collab01) as { findings: unknown[] }).findings).toHaveLength(1);
    expect((b.evaluate({ asOf: 0 }, collab01) as { findings: unknown[] }).findings).toHaveLength(0);
  });

  it('two simulations at once give what each gives alone', async () => {
    const { loadTenant, resolveChanges, simulate } = await import('shareguard');
    const asOf = new Date('2026-11-30T00:00:00Z');
    const raw = [
      { action: 'set', path: 'externalCollaboration.allowInvitesFrom', value: 'everyone' },
      { action: 'set', path: 'externalCollaboration.guestUserAccess', value: 'sameAsMember' },
    ] as Parameters<typeof resolveChanges>[0];
    const [contoso, clean] = await Promise.all([loadTenant(['examples/contoso']), loadTenant(['examples/clean'])]);
    const run = (t: typeof contoso) => simulate(t, resolveChanges(raw, t.tenant), { asOf });
    const alone = [await run(contoso), await run(clean)];
    const together = await Promise.all([run(contoso), run(clean)]);
    const summary = (r: Awaited<ReturnType<typeof run>>) => r.results.map((x) => [x.decision, x.introduced.map((f) => f.controlId)]);
    expect(together.map(summary)).toEqual(alone.map(summary));
    // The clean tenant gains both findings; Contoso already had them.
    expect(summary(alone[1]!)).toEqual([['deny', ['SG-COLLAB-02']], ['deny', ['SG-COLLAB-01']]]);
    expect(summary(alone[0]!)).toEqual([['allow', []], ['allow', []]]);
  });

  it('gates a scan with a baseline and waivers, as a CI service would', async () => {
    const { scan, loadWaivers, applyGate } = await import('shareguard');
    const asOf = new Date('2026-11-30T00:00:00Z');
    const main = await scan(['examples/contoso'], { asOf });
    const result = applyGate(await scan(['examples/contoso'], { asOf }), {
      failOn: 'high',
      baseline: { source: 'main', findings: main.findings },
      waivers: loadWaivers('examples/waivers.yaml'),
    });
    expect(result.gate).toEqual({ failOn: 'high', failing: 0 });
    expect(result.findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
    expect(result.waivers?.applied).toBe(4);
  });
});

describe('simulate under concurrency', () => {
  it('two simulations on one loaded tenant at the same time give the answers they give alone', async () => {
    const { loadTenant, resolveChanges, simulate } = await import('shareguard');
    const tenant = await loadTenant(['examples/contoso']);
    const asOf = new Date('2026-11-30T00:00:00Z');
    const share = resolveChanges([{ action: 'share-flow', actor: 'adele.vance@contoso.com', flow: 'Invoice approval routing', principal: 'emma.larsen@woodgrovebank.com', role: 'owner' }], tenant.tenant);
    const role = resolveChanges([{ action: 'assign-environment-role', environment: 'Contoso Production', principal: 'ravi.patel@fabrikam.com', role: 'EnvironmentMaker' }], tenant.tenant);
    const alone = [await simulate(tenant, share, { asOf }), await simulate(tenant, role, { asOf })];
    const together = await Promise.all([simulate(tenant, share, { asOf }), simulate(tenant, role, { asOf })]);
    const ids = (r: (typeof alone)[number]) => r.results.map((c) => c.introduced.map((f) => f.fingerprint).sort());
    expect(together.map(ids)).toEqual(alone.map(ids));
    expect(ids(alone[0]!)[0]!.length).toBeGreaterThan(0);
    expect(ids(alone[0]!)).not.toEqual(ids(alone[1]!));
  });
});

describe('simulate with controls turned off', () => {
  it('a control turned off in the configuration introduces nothing, and its sections are not reported', async () => {
    const { loadTenant, resolveChanges, simulate } = await import('shareguard');
    const tenant = await loadTenant(['examples/contoso']);
    const asOf = new Date('2026-11-30T00:00:00Z');
    const share = resolveChanges([{ action: 'share-flow', actor: 'adele.vance@contoso.com', flow: 'Invoice approval routing', principal: 'emma.larsen@woodgrovebank.com', role: 'owner' }], tenant.tenant);
    const on = await simulate(tenant, share, { asOf });
    expect(on.results[0]!.introduced.map((f) => f.controlId)).toContain('SG-FLOW-01');
    const off = await simulate(tenant, share, { asOf, controls: { 'SG-FLOW-01': { enabled: false } } });
    expect(off.results[0]!.introduced.map((f) => f.controlId)).not.toContain('SG-FLOW-01');
    expect(off.results[0]!.introduced.length).toBe(on.results[0]!.introduced.length - 1);
  });
});
