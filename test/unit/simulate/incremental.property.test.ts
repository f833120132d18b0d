import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTenant, type LoadedTenant } from '../../../src/scan.js';
import { resolveChanges } from '../../../src/simulate/resolve.js';
import { SETTING_SCHEMAS } from '../../../src/simulate/settings.js';
import { simulate } from '../../../src/simulate/simulate.js';
import type { RawChange } from '../../../src/simulate/types.js';
import { SETTING_PATHS } from '../../../src/simulate/types.js';
import { changeArbitrary, comparable, distinctInvites } from './changes-arbitrary.js';

// The incremental simulator (the tenant patched in the engine, only affected objects re-checked) must give
// exactly the answer of the reference that normalises and evaluates the whole tenant again after every
// change. fast-check draws change sequences over the Contoso example, where every control has findings.

const AS_OF = new Date('2026-11-30T00:00:00Z');
let contoso: LoadedTenant;
let clean: LoadedTenant;

beforeAll(async () => {
  contoso = await loadTenant(['examples/contoso']);
  clean = await loadTenant(['examples/clean']);
});

/** How many simulated changes were applied and moved findings: proof the property is not vacuous. */
const seen = { applied: 0, moved: 0 };

async function agree(t: LoadedTenant, raw: RawChange[]): Promise<void> {
  const changes = resolveChanges(distinctInvites(raw), t.tenant);
  const incremental = await simulate(t, changes, { asOf: AS_OF });
  const rescan = await simulate(t, changes, { asOf: AS_OF, strategy: 'rescan' });
  expect(comparable(incremental.results)).toEqual(comparable(rescan.results));
  for (const r of rescan.results) {
    if (r.effects.applied) seen.applied += 1;
    if (r.introduced.length + r.resolved.length > 0) seen.moved += 1;
  }
}

describe('incremental simulation equals a full re-scan', () => {
  it('on random change sequences over the Contoso example', async () => {
    await fc.assert(fc.asyncProperty(fc.array(changeArbitrary(contoso), { minLength: 1, maxLength: 8 }), (raw) => agree(contoso, raw)), {
      numRuns: 100,
    });
  }, 120_000);

  it('on random change sequences over the clean Fabrikam example (findings appear from nothing)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(changeArbitrary(clean), { minLength: 1, maxLength: 8 }), (raw) => agree(clean, raw)), {
      numRuns: 25,
    });
  }, 120_000);

  it('exercised applied changes that moved findings', () => {
    expect(seen.applied).toBeGreaterThan(200);
    expect(seen.moved).toBeGreaterThan(50);
  });

  it('on the example change files', async () => {
    const { loadChanges } = await import('../../../src/simulate/changes.js');
    for (const file of ['onboard-vendor.yaml', 'risky-pr.yaml', 'refused.yaml', 'share-sensitive-site.yaml']) {
      const changes = resolveChanges(loadChanges(`examples/changes/${file}`), contoso.tenant);
      const incremental = await simulate(contoso, changes, { asOf: AS_OF });
      const rescan = await simulate(contoso, changes, { asOf: AS_OF, strategy: 'rescan' });
      expect(comparable(incremental.results), file).toEqual(comparable(rescan.results));
      // The share example introduces nothing by design: its one allowed share is on a site already reported.
      expect(incremental.results.some((r) => r.introduced.length > 0), file).toBe(file !== 'refused.yaml' && file !== 'share-sensitive-site.yaml');
    }
  }, 60_000);
});

describe('incremental simulation of settings changes', () => {
  // A settings change re-evaluates the controls whose METADATA lists the section (custom.sections): this
  // tries every setting with every value on both examples, so a control reading a setting it does not
  // declare fails here rather than silently giving a partial answer.
  it('equals a full re-scan for every setting and value', async () => {
    const values = (path: (typeof SETTING_PATHS)[number]): unknown[] => {
      const schema = SETTING_SCHEMAS[path] as { type: string; enum?: string[] };
      if (schema.enum) return schema.enum;
      if (schema.type === 'boolean') return [true, false];
      if (schema.type === 'integer') return [0, 30];
      if (schema.type === 'array') return [['gmail.com'], []];
      return [{ mode: 'none' }, { mode: 'allowList', domains: ['fabrikam.com'] }, { mode: 'blockList', domains: ['gmail.com'] }];
    };
    const differences: string[] = [];
    let changed = 0;
    for (const t of [contoso, clean]) {
      for (const path of SETTING_PATHS) {
        for (const value of values(path)) {
          const changes = resolveChanges([{ action: 'set', path, value }], t.tenant);
          const incremental = comparable((await simulate(t, changes, { asOf: AS_OF })).results);
          const rescan = comparable((await simulate(t, changes, { asOf: AS_OF, strategy: 'rescan' })).results);
          if (rescan[0]!.introduced.length + rescan[0]!.resolved.length > 0) changed += 1;
          if (JSON.stringify(incremental) !== JSON.stringify(rescan)) {
            differences.push(`${t.tenant.tenant?.displayName}: ${path} = ${JSON.stringify(value)}: ${JSON.stringify(rescan[0])} but incrementally ${JSON.stringify(incremental[0])}`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
    expect(changed).toBeGreaterThan(10); // the settings really move findings, in both directions
  }, 120_000);
});
