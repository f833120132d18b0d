import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadTenant } from '../../../src/scan.js';
import { REAL_OPA } from '../../helpers/policies.js';

/**
 * policies/lib/testing/testing.rego builds, in Rego, the indexes the normaliser adds, so that opa tests can
 * write a tenant by hand. Held here against src/model/normalise.ts on the examples: the two cannot drift.
 */
const INDEXES = ['memberOf', 'flowsByPrincipal', 'flowsByEnvironment', 'connectorsByEnvironment', 'userFields', 'counts'] as const;

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedDeep((value as Record<string, unknown>)[k])]));
  return value;
}

describe('lib.testing.with_indexes and the normaliser', () => {
  for (const example of ['examples/contoso', 'examples/clean']) {
    it(`build the same indexes for ${example}`, async () => {
      const { tenant } = await loadTenant([example]);
      const { index, ...objects } = tenant;
      const r = spawnSync(REAL_OPA, ['eval', '-d', 'policies/lib', '--stdin-input', '--format', 'json', 'data.shareguard.lib.testing.with_indexes(input).index'], {
        input: JSON.stringify(objects),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.status, r.stderr).toBe(0);
      const built = JSON.parse(r.stdout).result[0].expressions[0].value as Record<string, unknown>;
      for (const name of INDEXES) expect(sortedDeep(built[name]), name).toEqual(sortedDeep(index[name]));
    });
  }
});
