import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant } from '../../scripts/bench/generate.mjs';
import { benchChanges } from '../../scripts/bench/child-changes.mjs';
import { builtinBundle, exceedsOneInstance, loadTenant, type LoadedTenant } from '../../src/scan.js';
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
  it('is chosen by size only past one instance, not for 2,000 users', () => {
    expect(exceedsOneInstance(loaded.tenant, builtinBundle())).toBe(false);
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
});
