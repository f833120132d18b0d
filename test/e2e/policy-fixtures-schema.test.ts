import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The opa tests' hand-written tenants (`with data.tenant as X`) against schemas/data-tenant.schema.json, as
 * `node scripts/policies.mjs fixtures` checks them: what a test puts in place of data.tenant must have the
 * shape a scan gives, or the test proves nothing about a scan.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fixtures-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function fixtures(dir?: string) {
  const r = spawnSync(process.execPath, ['scripts/policies.mjs', 'fixtures', ...(dir ? [dir] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the opa tests\' data.tenant fixtures', () => {
  it('validate against the data.tenant schema, but for the known divergences', () => {
    const r = fixtures();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /fixtures: (\d+) distinct data\.tenant fixtures from (\d+) of (\d+) `with data\.tenant as` expressions in (\d+) test files .*; (\d+) known divergences, 0 problems/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    // Every `with data.tenant as` is seen (none skipped), and they give hundreds of distinct tenants.
    expect(Number(m![2])).toBe(Number(m![3]));
    expect(Number(m![1])).toBeGreaterThan(300);
    expect(Number(m![5])).toBeLessThanOrEqual(2);
  }, 300_000);

  it('reports a fixture with a misspelt field, at its test line', () => {
    const copy = path.join(work, 'policies');
    fs.cpSync(path.join(ROOT, 'policies'), copy, { recursive: true });
    fs.writeFileSync(
      path.join(copy, 'probe_test.rego'),
      [
        'package shareguard.probe_test',
        '',
        'test_misspelt_fixture if {',
        '\ttenant := {"sections": {"users": true}, "users": {"u1": {"id": "u1", "userPrincipleName": "a@contoso.com", "userType": "Member"}}}',
        '\tcount(data.tenant.users) == 1 with data.tenant as tenant',
        '}',
        '',
      ].join('\n'),
    );
    const r = fixtures(copy);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/users/<key>: must NOT have additional properties (userPrincipleName)');
    expect(r.stderr).toContain('probe_test.rego:5');
    expect(r.stdout).toMatch(/, 1 problems$/m);
  }, 300_000);
});
