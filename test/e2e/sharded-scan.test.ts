import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvaluationBudget } from '../../src/engine/engine.js';
import { shardRunner } from '../../src/engine/pool.js';
import { textOf } from '../../src/engine/task-text.js';
import { PolicyError } from '../../src/errors.js';
import type { ScanResult } from '../../src/findings/types.js';
import { loadConfig } from '../../src/config/config.js';
import { loadPolicies } from '../../src/policy/load.js';
import { builtinBundle, loadTenant, scan, type LoadedTenant, type ScanProgress } from '../../src/scan.js';
import { AS_OF, ROOT, runCli } from '../helpers/cli.js';
import { COMPETITOR_CASE, EXAMPLE_POLICIES, EXAMPLE_POLICIES_CONFIG, HTTP_CASE } from '../helpers/policies.js';
// @ts-ignore: the bench generator is plain JavaScript without typings (tests are not type-checked by the build)
import { generateTenant } from '../../scripts/bench/generate.mjs';

const asOf = new Date(AS_OF);
/** What must not change with sharding: findings in order and the whole summary (not-evaluated reports included). */
const essence = (r: ScanResult) => JSON.stringify({ findings: r.findings, summary: r.summary });

const EXAMPLES = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'examples', d, 'tenant.yaml')))
  .map((d) => `examples/${d}`);

let generated: string;
beforeAll(() => {
  generated = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-shard-'));
  // 2,000 accounts (300 guests), 40 groups, 400 flows, 100 apps: about 2 MB of JSON, scanned whole in ~1.5 s.
  generateTenant({ out: generated, users: 2000 });
});

/**
 * The generated tenant with gaps, so that the not-evaluated reports that count guests or list flows are
 * produced and must be merged across shards: sponsors, licences, identities and creation dates missing on
 * some users, trigger kinds and connections' runtimeSource on some flows, SharePoint lists as co-owners.
 */
async function withGaps(dropGroups: boolean): Promise<LoadedTenant> {
  const loaded = await loadTenant([generated]);
  const t = loaded.tenant;
  let i = 0;
  for (const u of Object.values(t.users!)) {
    i += 1;
    if (i % 3 === 0) delete u.sponsors;
    if (i % 4 === 0) delete u.licenses;
    if (i % 7 === 0) for (const k of ['createdDateTime', 'createdDateTimeEpoch', 'identities', 'mail']) delete u[k];
  }
  // Guests sponsored by guests of other shards that lack the sponsors field: a shard holds such a sponsor
  // as a reference, and must not count it among its own guests with no sponsors field.
  const guests = Object.values(t.users!).filter((u) => u.userType === 'Guest');
  const unsponsored = guests.filter((u) => !('sponsors' in u));
  guests.forEach((g, n) => {
    if ('sponsors' in g && n % 2 === 0) g.sponsors = [unsponsored[(n * 7) % unsponsored.length]!.id as string];
  });
  i = 0;
  for (const f of Object.values(t.flows!)) {
    i += 1;
    const trigger = f.trigger as Record<string, unknown> | undefined;
    if (i % 5 === 0 && trigger) delete trigger.kind;
    if (i % 2 === 0) for (const c of (f.connectionReferences ?? []) as Record<string, unknown>[]) delete c.runtimeSource;
    if (i % 9 === 0) f.owners = [...((f.owners ?? []) as object[]), { principalId: `list-${i}`, principalType: 'SharePointList' }];
  }
  if (dropGroups) {
    delete t.groups;
    delete t.sections.groups;
    for (const k of Object.keys(t.index.memberOf)) delete t.index.memberOf[k];
  }
  return loaded;
}

describe('a sharded scan gives the findings of one evaluation of the whole tenant', () => {
  it.each(EXAMPLES)('%s: shards of 1 and 3 objects, --jobs 1 and 2', async (example) => {
    const loaded = await loadTenant([example]);
    const whole = await scan(loaded, { asOf });
    expect(whole.findings.length + whole.summary.notEvaluated.length).toBeGreaterThanOrEqual(0);
    for (const [jobs, maxObjects] of [[1, 1], [2, 3]] as const) {
      const sharded = await scan(loaded, { asOf, jobs, sharding: { force: true, maxObjects } });
      expect(essence(sharded)).toBe(essence(whole));
    }
  });

  it('custom policies (examples/policies) run against the whole tenant beside the built-in shards', async () => {
    const bundle = loadPolicies({ policyDirs: [EXAMPLE_POLICIES], cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sg-shard-cache-')) });
    const config = loadConfig(EXAMPLE_POLICIES_CONFIG, bundle.manifest.controls);
    let custom = 0;
    for (const tenant of [COMPETITOR_CASE, HTTP_CASE]) {
      const loaded = await loadTenant([tenant]);
      const options = { asOf, bundle, params: config.params, controls: config.controls };
      const whole = await scan(loaded, options);
      custom += whole.findings.filter((f) => f.controlId.startsWith('CONTOSO-')).length;
      const sharded = await scan(loaded, { ...options, jobs: 2, sharding: { force: true, maxObjects: 2 } });
      expect(essence(sharded)).toBe(essence(whole));
    }
    expect(custom).toBeGreaterThan(0);
  });

  it('a custom control that counts every user (custom.countsPartition) counts each once: before the shard\'s references are patched in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-counts-'));
    const control = (counts: boolean) => `# METADATA
# title: Guest without a sponsors field
# description: Counts, over every user, the guests whose sponsors were not exported.
# custom:
#   id: CUSTOM-COUNT-01
#   severity: low
#   area: guest
#   sections: [users]
#   shards: [users]
${counts ? '#   countsPartition: true\n' : ''}#   remediation: Export the sponsors.
#   references: []
package shareguard.custom.counts_every_user

import data.shareguard.lib

# METADATA
# title: Guest with a sponsor that is disabled
findings contains lib.finding(rego.metadata.chain(), {"resource": lib.resource("user", user), "message": "a guest"}) if {
	some user in lib.users_in_scope
	lib.is_guest(user)
	some sponsor in user.sponsors
	not lib.enabled(lib.users[sponsor])
}

# METADATA
# title: Sponsors not exported
not_evaluated contains lib.not_evaluated(rego.metadata.chain(), "users[].sponsors", sprintf("%d guest(s) carry no sponsors field", [count(unknown)])) if {
	unknown := {id | some id, user in lib.users; lib.is_guest(user); not user.sponsors}
	count(unknown) > 0
}
`;
    const loaded = await withGaps(false);
    const reasons = (r: ScanResult) => r.summary.notEvaluated.filter((n) => n.controls.includes('CUSTOM-COUNT-01')).map((n) => n.reason);
    const results = [];
    for (const counts of [true, false]) {
      const policies = path.join(dir, String(counts), 'counts_every_user');
      fs.mkdirSync(policies, { recursive: true });
      fs.writeFileSync(path.join(policies, 'counts_every_user.rego'), control(counts));
      const bundle = loadPolicies({ policyDirs: [path.dirname(policies)], cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sg-shard-cache-')) });
      const whole = await scan(loaded, { asOf, bundle });
      const sharded = await scan(loaded, { asOf, bundle, jobs: 2, sharding: { force: true, maxObjects: 100 } });
      expect(reasons(whole)).toEqual([expect.stringMatching(/^\d+ guest\(s\) carry no sponsors field$/)]);
      results.push({ whole, sharded });
    }
    // Declared, the count is each guest once and the whole scan is matched; undeclared, sponsors held as references
    // in another user shard are counted there too, and the sharded scan says so (the merge refuses it or counts more).
    expect(essence(results[0]!.sharded)).toBe(essence(results[0]!.whole));
    expect(JSON.stringify(reasons(results[1]!.sharded))).not.toBe(JSON.stringify(reasons(results[1]!.whole)));
  });

  it.each([false, true])('a generated 2,000-user tenant with gaps (groups dropped: %s), in 20 and 7 shards of each kind', async (dropGroups) => {
    const loaded = await withGaps(dropGroups);
    const whole = await scan(loaded, { asOf });
    // The comparison means something: findings, and reports that count guests and list flows.
    expect(whole.findings.length).toBeGreaterThan(300);
    expect(whole.summary.notEvaluated.some((n) => /^\d+ guest\(s\)/.test(n.reason))).toBe(true);
    expect(whole.summary.notEvaluated.some((n) => /^\d+ flow\(s\) .*: "/.test(n.reason))).toBe(true);
    for (const [jobs, maxObjects] of [[1, 100], [2, 300]] as const) {
      const events: ScanProgress[] = [];
      const sharded = await scan(loaded, { asOf, jobs, sharding: { force: true, maxObjects }, onProgress: (p) => events.push(p) });
      expect(essence(sharded)).toBe(essence(whole));
      const shards = events.filter((e) => e.step === 'evaluate');
      expect(shards.length).toBeGreaterThan(2000 / maxObjects);
      expect(shards.at(-1)).toMatchObject({ done: shards.at(-1)!.total, unit: 'shards' });
    }
  });
});

describe('failures of a sharded scan are errors (exit 2), never a clean result', () => {
  it('a worker that fails fails the run with a PolicyError', async () => {
    const runner = await shardRunner(builtinBundle(), 2);
    const task = () => ({ text: textOf('{"tenant": '), references: [], input: {}, controls: [] });
    await expect(runner.run(2, task)).rejects.toThrow(PolicyError);
    await runner.close();
  });

  it.each([1, 2])('the --timeout deadline still holds with --jobs %i', async (jobs) => {
    const loaded = await loadTenant([generated]);
    const bundle = { ...builtinBundle(), budget: new EvaluationBudget(0.05) };
    const started = Date.now();
    const run = scan(loaded, { asOf, jobs, bundle, sharding: { force: true, maxObjects: 50 } });
    await expect(run).rejects.toThrow(/did not finish within 0.05 s \(--timeout\)/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('the command line takes --jobs, and refuses a value that is not a number of threads', () => {
    const ok = runCli(['scan', 'examples/contoso', '--as-of', AS_OF, '--output', 'json', '--jobs', '2']);
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.stdout).summary.total).toBeGreaterThan(0);
    const bad = runCli(['scan', 'examples/contoso', '--jobs', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--jobs "0" is not a number of worker threads/);
  });
});
