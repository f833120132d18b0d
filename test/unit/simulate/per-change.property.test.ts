import fs from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTenant, type LoadedTenant } from '../../../src/scan.js';
import { loadChanges } from '../../../src/simulate/changes.js';
import { resolveChanges } from '../../../src/simulate/resolve.js';
import { SETTING_SCHEMAS } from '../../../src/simulate/settings.js';
import { simulate, type ChangeResult } from '../../../src/simulate/simulate.js';
import { SETTING_PATHS, type RawChange } from '../../../src/simulate/types.js';
import { changeArbitrary, comparable, distinctInvites } from './changes-arbitrary.js';

// On a tenant too large for one instance each change is judged and evaluated over documents of its own
// (closure-step.ts). Forced here on the examples, that way must give exactly what the one-instance way gives:
// verdicts (with the platform rules' messages), effects, introduced and resolved findings, decisions.

const AS_OF = new Date('2026-11-30T00:00:00Z');
let contoso: LoadedTenant;
let clean: LoadedTenant;

beforeAll(async () => {
  contoso = await loadTenant(['examples/contoso']);
  clean = await loadTenant(['examples/clean']);
});

/** comparable() and the platform's rules and effects. */
function full(results: ChangeResult[]) {
  return comparable(results).map((r, i) => ({ ...r, rules: results[i]!.platform.rules, effects: results[i]!.effects }));
}

const seen = { applied: 0, moved: 0, settings: 0 };

async function agree(t: LoadedTenant, raw: RawChange[], label = ''): Promise<void> {
  const changes = resolveChanges(distinctInvites(raw), t.tenant);
  const normal = await simulate(t, changes, { asOf: AS_OF });
  const perChange = await simulate(t, changes, { asOf: AS_OF, perChange: { force: true }, jobs: 1 });
  expect(full(perChange.results), label).toEqual(full(normal.results));
  for (const r of normal.results) {
    if (r.effects.applied) seen.applied += 1;
    if (r.introduced.length + r.resolved.length > 0) seen.moved += 1;
    if (r.action === 'set' && r.effects.applied) seen.settings += 1;
  }
}

describe('per-change documents equal the one-instance simulation', () => {
  it('on the example change files', async () => {
    const files = fs.readdirSync('examples/changes').filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const changes = loadChanges(`examples/changes/${file}`);
      await agree(contoso, changes.changes, file);
    }
    expect(seen.moved).toBeGreaterThan(0);
  }, 120_000);

  it('on random change sequences over the Contoso example', async () => {
    await fc.assert(fc.asyncProperty(fc.array(changeArbitrary(contoso), { minLength: 1, maxLength: 8 }), (raw) => agree(contoso, raw)), {
      numRuns: 60,
    });
  }, 240_000);

  it('on random change sequences over the clean Fabrikam example', async () => {
    await fc.assert(fc.asyncProperty(fc.array(changeArbitrary(clean), { minLength: 1, maxLength: 8 }), (raw) => agree(clean, raw)), {
      numRuns: 15,
    });
  }, 240_000);

  it('exercised applied changes that moved findings, settings among them', () => {
    expect(seen.applied).toBeGreaterThan(100);
    expect(seen.moved).toBeGreaterThan(30);
    expect(seen.settings).toBeGreaterThan(5);
  });

  it('for every setting and value (the sharded scan before and after)', async () => {
    const values = (path: (typeof SETTING_PATHS)[number]): unknown[] => {
      const schema = SETTING_SCHEMAS[path] as { type: string; enum?: string[] };
      if (schema.enum) return schema.enum.slice(0, 2);
      if (schema.type === 'boolean') return [true, false];
      if (schema.type === 'integer') return [0];
      if (schema.type === 'array') return [['gmail.com']];
      return [{ mode: 'allowList', domains: ['fabrikam.com'] }];
    };
    let moved = 0;
    for (const path of SETTING_PATHS) {
      for (const value of values(path)) {
        const changes = resolveChanges([{ action: 'set', path, value }], contoso.tenant);
        const normal = await simulate(contoso, changes, { asOf: AS_OF });
        const perChange = await simulate(contoso, changes, { asOf: AS_OF, perChange: { force: true }, jobs: 1 });
        expect(full(perChange.results), `${path} = ${JSON.stringify(value)}`).toEqual(full(normal.results));
        if (normal.results[0]!.introduced.length + normal.results[0]!.resolved.length > 0) moved += 1;
      }
    }
    expect(moved).toBeGreaterThan(5);
  }, 240_000);
});
