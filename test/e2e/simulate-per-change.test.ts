import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant } from '../../scripts/bench/generate.mjs';
import { benchChanges } from '../../scripts/bench/child-changes.mjs';
import { loadPolicies } from '../../src/index.js';
import { builtinBundle, exceedsOneInstance, loadTenant, type LoadedTenant } from '../../src/scan.js';
import { loadChanges } from '../../src/simulate/changes.js';
import { EXAMPLE_POLICIES, HTTP_CASE, tempDir } from '../helpers/policies.js';
import { resolveChanges } from '../../src/simulate/resolve.js';
import { simulate, type ChangeResult } from '../../src/simulate/simulate.js';
import type { RawChange } from '../../src/simulate/types.js';

// The bench's mix of changes (shares with guests and members, copies to new addresses, group members,
// environment roles, invitations, redemptions) and three settings changes, over a generated 2,000-user tenant:
// with documents per change (forced; the tenant is far below the size that chooses them) the simulation must
// give what the one instance gives, change by change.

const AS_OF = new Date('2026-11-30T00:00:00Z');
let dir: string;
let loaded: LoadedTenant;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sim-per-change-'));
  generateTenant({ out: dir, users: 2000 });
  loaded = await loadTenant([dir]);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function comparable(results: ChangeResult[]) {
  const findings = (list: ChangeResult['introduced']) => list.map((f) => `${f.fingerprint} ${f.controlId} ${f.severity} ${f.message}`).sort();
  return results.map((r) => ({
    index: r.index,
    decision: r.decision,
    platform: r.platform,
    effects: r.effects,
    introduced: findings(r.introduced),
    resolved: findings(r.resolved),
  }));
}

describe('simulate with documents per change on a generated tenant', () => {
  it('is chosen by size only past one instance, not for 2,000 users; the built-in controls need no whole tenant', () => {
    expect(exceedsOneInstance(loaded.tenant, builtinBundle())).toBe(false);
    // Bounded per change only if every built-in control declares its shards: one that does not is kept in an
    // instance of the whole tenant (closure-step.ts).
    expect(builtinBundle().manifest.controls.filter((c) => !c.shards?.length).map((c) => c.id)).toEqual([]);
  });

  it('gives the one-instance answers for the bench mix and settings changes', async () => {
    const raw = [
      ...(benchChanges(loaded.tenant, 60) as RawChange[]),
      { action: 'set', path: 'externalCollaboration.guestUserAccess', value: 'restricted' },
      ...(benchChanges(loaded.tenant, 70).slice(60) as RawChange[]),
      { action: 'set', path: 'powerPlatform.tenantSettings.enableGuestsToMake', value: false },
    ] as RawChange[];
    const changes = resolveChanges(raw, loaded.tenant);
    const normal = await simulate(loaded, changes, { asOf: AS_OF });
    const perChange = await simulate(loaded, changes, { asOf: AS_OF, perChange: { force: true }, jobs: 2 });
    expect(comparable(perChange.results)).toEqual(comparable(normal.results));
    // Not vacuous: most changes applied, many moved findings, both ways.
    expect(normal.results.filter((r) => r.effects.applied).length).toBeGreaterThan(50);
    expect(normal.results.filter((r) => r.introduced.length > 0).length).toBeGreaterThan(10);
    expect(normal.results.filter((r) => r.resolved.length > 0).length).toBeGreaterThan(0);
  }, 120_000);

  it('gives the one-instance answers with the example custom policies', async () => {
    const bundle = loadPolicies({ policyDirs: [EXAMPLE_POLICIES], cacheDir: tempDir('per-change-cache') });
    const cases: [string, Record<string, Record<string, unknown>>, RawChange[]][] = [
      [path.join(HTTP_CASE, 'tenant.yaml'), { 'CONTOSO-FLOW-01': { allowedRunOnlyGroup: 'Integration Runners' } }, [
        { action: 'add-group-member', actor: 'isaiah.langer@contoso.com', group: 'Integration Runners', principal: 'megan.bowen@contoso.com' },
        { action: 'share-flow', actor: 'isaiah.langer@contoso.com', flow: 'Push orders to ERP', principal: 'wei.chen@northwindtraders.com', role: 'run-only' },
        { action: 'add-group-member', actor: 'isaiah.langer@contoso.com', group: 'Integration Admins', principal: 'wei.chen@northwindtraders.com' },
      ]],
      ['examples/contoso', { 'CONTOSO-FIN-01': { competitorDomains: ['fabrikam.com', 'northwindtraders.com'] } }, [
        { action: 'share-flow', actor: 'adele.vance@contoso.com', flow: 'Invoice approval routing', principal: 'ravi.patel@fabrikam.com', role: 'owner' },
        { action: 'add-group-member', actor: 'henrietta.mueller@contoso.com', group: 'Payroll Approvers', principal: 'wei.chen@northwindtraders.com' },
        ...loadChanges('examples/changes/risky-pr.yaml').changes,
      ]],
    ];
    let custom = 0;
    for (const [tenantPath, params, raw] of cases) {
      const t = await loadTenant([tenantPath]);
      const changes = resolveChanges(raw, t.tenant);
      const normal = await simulate(t, changes, { asOf: AS_OF, bundle, params });
      const perChange = await simulate(t, changes, { asOf: AS_OF, bundle, params, perChange: { force: true }, jobs: 1 });
      expect(comparable(perChange.results), tenantPath).toEqual(comparable(normal.results));
      custom += normal.results.flatMap((r) => [...r.introduced, ...r.resolved]).filter((f) => f.controlId.startsWith('CONTOSO-')).length;
    }
    expect(custom).toBeGreaterThanOrEqual(5); // custom controls' findings were among those compared
  }, 120_000);
});
