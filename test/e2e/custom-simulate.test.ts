import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyBundle } from '../../src/engine/bundle.js';
import { loadPolicies } from '../../src/index.js';
import { loadTenant } from '../../src/scan.js';
import { resolveChanges } from '../../src/simulate/resolve.js';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import type { RawChange } from '../../src/simulate/types.js';
import { AS_OF, EXAMPLE } from '../helpers/cli.js';
import { EXAMPLE_POLICIES, HTTP_CASE, tempDir } from '../helpers/policies.js';

// A simulation re-checks only what each change touches (input.scope), through the scoped entrypoint, which
// includes the custom controls. Their findings must come out as a full re-scan after every change gives them.
let bundle: PolicyBundle;
beforeAll(() => {
  // Through the library API, as a service would.
  bundle = loadPolicies({ policyDirs: [EXAMPLE_POLICIES], cacheDir: tempDir('simulate-cache') });
});

const summary = (result: SimulationResult) =>
  result.results.map((r) => ({
    decision: r.decision,
    introduced: r.introduced.map((f) => `${f.controlId} ${f.resource.displayName} / ${f.principal?.displayName ?? '-'}`).sort(),
    resolved: r.resolved.map((f) => `${f.controlId} ${f.resource.displayName} / ${f.principal?.displayName ?? '-'}`).sort(),
  }));

async function both(paths: string[], raw: RawChange[], params: Record<string, Record<string, unknown>>) {
  const loaded = await loadTenant(paths);
  const changes = resolveChanges(raw, loaded.tenant);
  const options = { bundle, params, asOf: new Date(AS_OF) };
  const incremental = await simulate(loaded, changes, { ...options, strategy: 'incremental' });
  const rescan = await simulate(loaded, changes, { ...options, strategy: 'rescan' });
  return { incremental: summary(incremental), rescan: summary(rescan) };
}

describe('simulate with custom policies', () => {
  it('the scoped entrypoint holds the custom controls', () => {
    expect(bundle.manifest.scopedEntrypoint).toBe('shareguard/entrypoints/scoped/findings');
    expect(bundle.manifest.controls.filter((c) => c.origin === 'custom').map((c) => c.entrypoint)).toEqual([
      'shareguard/entrypoints/custom/competitor_guest_finance/result',
      'shareguard/entrypoints/custom/http_flow_run_only/result',
    ]);
  });

  it('membership changes resolve and introduce HTTP run-only findings as a full re-scan does', async () => {
    const raw = [
      // Megan joins the approved group: her run-only access to "Push orders to ERP" is now fine.
      { action: 'add-group-member', actor: 'isaiah.langer@contoso.com', group: 'Integration Runners', principal: 'megan.bowen@contoso.com' },
      // Wei is shared an HTTP flow directly.
      { action: 'share-flow', actor: 'isaiah.langer@contoso.com', flow: 'Push orders to ERP', principal: 'wei.chen@northwindtraders.com', role: 'run-only' },
      // Wei joins a group nested in the approved one: both of Wei's findings go.
      { action: 'add-group-member', actor: 'isaiah.langer@contoso.com', group: 'Integration Admins', principal: 'wei.chen@northwindtraders.com' },
    ] as RawChange[];
    const { incremental, rescan } = await both([path.join(HTTP_CASE, 'tenant.yaml')], raw, { 'CONTOSO-FLOW-01': { allowedRunOnlyGroup: 'Integration Runners' } });
    expect(incremental).toEqual(rescan);
    expect(incremental[0]!.resolved).toEqual(['CONTOSO-FLOW-01 Push orders to ERP / Megan Bowen']);
    expect(incremental[1]!.introduced).toEqual(['CONTOSO-FLOW-01 Push orders to ERP / Wei Chen']);
    expect(incremental[2]!.resolved).toEqual(['CONTOSO-FLOW-01 Push orders to ERP / Wei Chen', 'CONTOSO-FLOW-01 Supplier quote intake / Wei Chen']);
  });

  it('a competitor guest added to a Finance flow, directly or through its co-owning group, as a full re-scan does', async () => {
    const raw = [
      { action: 'share-flow', actor: 'adele.vance@contoso.com', flow: 'Invoice approval routing', principal: 'ravi.patel@fabrikam.com', role: 'owner' },
      // "Payroll Approvers" co-owns "Payroll change approval" in Finance Automation.
      { action: 'add-group-member', actor: 'henrietta.mueller@contoso.com', group: 'Payroll Approvers', principal: 'wei.chen@northwindtraders.com' },
    ] as RawChange[];
    const { incremental, rescan } = await both([EXAMPLE], raw, { 'CONTOSO-FIN-01': { competitorDomains: ['fabrikam.com', 'northwindtraders.com'] } });
    expect(incremental).toEqual(rescan);
    expect(incremental[0]!.introduced).toContain('CONTOSO-FIN-01 Invoice approval routing / Ravi Patel');
    expect(incremental[0]!.decision).toBe('deny');
    expect(incremental[1]!.introduced).toContain('CONTOSO-FIN-01 Payroll change approval / Wei Chen');
  });
});
