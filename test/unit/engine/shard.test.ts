import { describe, expect, it } from 'vitest';
import { PolicyError, UsageError } from '../../../src/errors.js';
import type { ControlMetadata } from '../../../src/engine/bundle.js';
import { mergeNotEvaluated } from '../../../src/engine/shard-merge.js';
import { estimateShardBytes, planShards, readsOf, runsIn, scopeOf, shardData, splitLargeShards } from '../../../src/engine/shard-plan.js';
import { normaliseTenant } from '../../../src/model/normalise.js';
import type { MergedExport } from '../../../src/load/types.js';
import { builtinBundle, costliestAndCheapest, loadTenant, workersFor } from '../../../src/scan.js';
import { EXAMPLE } from '../../helpers/cli.js';
import { copyText, writeJson, type TaskText } from '../../../src/engine/task-text.js';

const control = (id: string, extra: Partial<ControlMetadata> = {}) => ({ id, entrypoint: `x/${id}`, sections: [], ...extra }) as unknown as ControlMetadata;

describe('not-evaluated reports of several shards, merged', () => {
  it('keeps a report that does not count once, adds counts, and unites listed names (sorted, counted again)', () => {
    const merged = mergeNotEvaluated([
      [
        { controlId: 'A', section: 'groups', reason: 'section absent from the export' },
        { controlId: 'G', section: 'users[].sponsors', reason: '3 guest(s) carry no sponsors field: whether they have a sponsor is not known' },
        { controlId: 'F', section: 'flows[].trigger.kind', reason: '2 flow(s) with run-only users do not say what triggers them: "b", "d"' },
      ],
      [
        { controlId: 'A', section: 'groups', reason: 'section absent from the export' },
        { controlId: 'G', section: 'users[].sponsors', reason: '3 guest(s) carry no sponsors field: whether they have a sponsor is not known' },
        { controlId: 'F', section: 'flows[].trigger.kind', reason: '3 flow(s) with run-only users do not say what triggers them: "a", "b", "c, with a comma"' },
      ],
    ]);
    expect(merged).toEqual([
      { controlId: 'A', section: 'groups', reason: 'section absent from the export' },
      { controlId: 'G', section: 'users[].sponsors', reason: '6 guest(s) carry no sponsors field: whether they have a sponsor is not known' },
      { controlId: 'F', section: 'flows[].trigger.kind', reason: '4 flow(s) with run-only users do not say what triggers them: "a", "b", "c, with a comma", "d"' },
    ]);
  });

  it('fails rather than guess when a listed report does not split into as many quoted names as it counts', () => {
    // A display name holding `", "` splits in two.
    expect(() => mergeNotEvaluated([[{ controlId: 'F', section: 's', reason: '2 flow(s) x: "a", "b", "c"' }]])).toThrow(PolicyError);
    expect(mergeNotEvaluated([[{ controlId: 'F', section: 's', reason: '3 flow(s) x: "a", "b", "c"' }]])).toHaveLength(1);
  });
});

describe('the shard plan', () => {
  it('every built-in control declares its shards in METADATA, so none falls back to the whole tenant', () => {
    expect(builtinBundle().manifest.controls.filter((c) => !c.shards?.length).map((c) => c.id)).toEqual([]);
  });

  it('puts every object of a kind some control iterates in exactly one shard, the tenant shard last', async () => {
    const { tenant } = await loadTenant([EXAMPLE]);
    const shards = planShards(tenant, builtinBundle().manifest.controls, { maxObjects: 4 });
    for (const kind of ['users', 'groups', 'flows', 'apps'] as const) {
      const ids = shards.filter((s) => s.kind === kind).flatMap((s) => s.ids);
      expect(ids.sort()).toEqual(Object.keys(tenant[kind]!).sort());
      expect(shards.filter((s) => s.kind === kind).every((s) => s.ids.length <= 4)).toBe(true);
    }
    expect(shards.at(-1)).toEqual({ kind: 'tenant', ids: [] });
    expect(scopeOf(shards.at(-1)!, tenant)?.environments.sort()).toEqual(Object.keys(tenant.environments!).sort());
  });

  it('names a shard\'s objects in its scope, or says `all` of its kind when its data holds no other object of that kind', async () => {
    const { tenant } = await loadTenant([EXAMPLE]);
    const shard = { kind: 'users' as const, ids: Object.keys(tenant.users!).slice(0, 2) };
    expect(scopeOf(shard, tenant)).toMatchObject({ users: shard.ids, groups: [], flows: [] });
    expect(scopeOf(shard, tenant)?.all).toBeUndefined();
    const all = scopeOf(shard, tenant, true);
    expect(all).toMatchObject({ users: [], all: ['users'] });
    // The tenant shard lists its environments and DLP policies whatever it is told.
    expect(scopeOf({ kind: 'tenant', ids: [] }, tenant, true)?.all).toBeUndefined();
  });

  it('cuts flows and apps in the order of the largest group they name, so that a group\'s members come into few shards', () => {
    const owner = (id: string, type = 'Group') => ({ principalId: id, principalType: type });
    const { tenant } = normaliseTenant({
      sections: { users: true, groups: true, flows: true, apps: true, tenant: true },
      files: [],
      tenant: { id: 't' },
      users: ['u1', 'u2', 'u3', 'u4'].map((id) => ({ id, userType: 'Member' })),
      groups: [
        { id: 'small', members: ['u1'] },
        { id: 'large', members: ['u2', 'u3', 'u4'] },
      ],
      flows: [
        { id: 'f1', owners: [owner('small')] },
        { id: 'f2', owners: [owner('u1', 'User')] },
        { id: 'f3', owners: [owner('large')] },
        { id: 'f4', owners: [owner('small'), owner('large')] },
        { id: 'f5', owners: [owner('small')] },
      ],
      apps: [
        { id: 'a1', sharedWith: [owner('small')] },
        { id: 'a2', sharedWith: [owner('large')] },
        { id: 'a3', sharedWith: [owner('small')] },
      ],
    } as unknown as MergedExport);
    const plan = planShards(tenant, [control('F', { shards: ['flows'] }), control('A', { shards: ['apps'] }), control('U', { shards: ['users'] })], { maxObjects: 2 });
    // No group first, then the largest group's key ('large' < 'small'), the export's order within one group.
    expect(plan.filter((s) => s.kind === 'flows').map((s) => s.ids)).toEqual([['f2', 'f3'], ['f4', 'f1'], ['f5']]);
    expect(plan.filter((s) => s.kind === 'apps').map((s) => s.ids)).toEqual([['a2', 'a1'], ['a3']]);
    expect(plan.filter((s) => s.kind === 'users').map((s) => s.ids)).toEqual([['u1', 'u2'], ['u3', 'u4']]);
  });

  it('runs a control that declares no shards against the whole tenant, and a control with no objects in the tenant shard', () => {
    const custom = control('CUSTOM-1', { origin: 'custom' });
    const plan = planShards(normaliseTenant({ sections: { tenant: true }, files: [], tenant: { id: 't' } } as unknown as MergedExport).tenant, [control('SG-GROUP-01', { shards: ['groups'] }), custom]);
    expect(plan.map((s) => s.kind)).toEqual(['tenant', 'whole']);
    expect(runsIn(control('SG-GROUP-01', { shards: ['groups'] }), 'tenant', plan)).toBe(true);
    expect(runsIn(custom, 'whole', plan)).toBe(true);
    expect(runsIn(custom, 'tenant', plan)).toBe(false);
  });
});

describe('the data of one shard', () => {
  const merged = {
    sections: { users: true, groups: true, flows: true, environments: true, dlpPolicies: true, tenant: true },
    files: [],
    tenant: { id: 't', initialDomain: 'contoso.com' },
    users: [
      { id: 'u1', userType: 'Guest', userPrincipalName: 'a_x.com#EXT#@contoso.com', sponsors: ['u2'] },
      { id: 'u2', userType: 'Member', userPrincipalName: 'b@contoso.com', mail: 'b@contoso.com' },
      { id: 'u3', userType: 'Member', userPrincipalName: 'c@contoso.com' },
      { id: 'u4', userType: 'Member', userPrincipalName: 'd@contoso.com' },
    ],
    groups: [{ id: 'g1', displayName: 'Team', members: ['u3'] }],
    environments: [{ id: 'e1', displayName: 'Prod' }, { id: 'e2', displayName: 'Dev' }],
    dlpPolicies: [{ id: 'p1', environmentType: 'OnlyEnvironments', environments: ['e1'] }],
    flows: [
      { id: 'f1', displayName: 'Flow one', environmentId: 'e1', creatorId: 'u1', owners: [{ principalId: 'g1', principalType: 'Group' }], sharedCopies: [{ recipientEmail: 'B@contoso.com' }] },
      { id: 'f2', environmentId: 'e2', creatorId: 'u4' },
    ],
  } as unknown as MergedExport;
  const { tenant } = normaliseTenant(merged);

  it('a flow shard holds its flow, the principals it names (group members too), its environment and the DLP policies covering it', () => {
    const { data, references } = shardData(tenant, { kind: 'flows', ids: ['f1'] });
    const t = data.tenant as Record<string, Record<string, unknown>>;
    expect(Object.keys(t.flows!)).toEqual(['f1']);
    expect(Object.keys(t.users!).sort()).toEqual(['u1', 'u2', 'u3']);
    expect(Object.keys(t.groups!)).toEqual(['g1']);
    expect(Object.keys(t.environments!)).toEqual(['e1']);
    expect(Object.keys(t.dlpPolicies!)).toEqual(['p1']);
    expect((t.index as Record<string, unknown>).usersByMail).toEqual({ 'b@contoso.com': 'u2' });
    expect(t.domains).toEqual(tenant.domains);
    expect(references).toEqual([]);
  });

  it("a user shard holds its users' flows by name, and users of its own kind it only references (a sponsor) apart", () => {
    const { data, references } = shardData(tenant, { kind: 'users', ids: ['u1'] });
    const t = data.tenant as Record<string, Record<string, unknown>>;
    expect(Object.keys(t.users!)).toEqual(['u1']);
    expect(t.flows).toEqual({ f1: { id: 'f1', displayName: 'Flow one' } });
    expect(references.map((r) => r.path)).toEqual([['tenant', 'users', 'u2']]);
    expect((t.index as Record<string, unknown>).counts).toEqual(tenant.index.counts);
  });
});

describe('the users a shard reaches through references, with the fields its controls read', () => {
  const merged = {
    sections: { users: true, groups: true, flows: true, environments: true, tenant: true },
    files: [],
    tenant: { id: 't', initialDomain: 'contoso.com' },
    users: [
      { id: 'u1', userType: 'Guest', displayName: 'Ann', userPrincipalName: 'a_x.com#EXT#@contoso.com', accountEnabled: false, department: 'Sales', sponsors: ['u2'] },
      { id: 'u2', userType: 'Member', displayName: 'Bo', userPrincipalName: 'b@contoso.com', department: 'Legal' },
    ],
    groups: [{ id: 'g1', displayName: 'Team', members: ['u2'] }],
    environments: [{ id: 'e1', displayName: 'Prod' }],
    flows: [{ id: 'f1', displayName: 'Flow one', environmentId: 'e1', creatorId: 'u1', owners: [{ principalId: 'g1', principalType: 'Group' }] }],
  } as unknown as MergedExport;
  const { tenant } = normaliseTenant(merged);

  it('are the union of what every control declares, with id; any control that does not say means every field', () => {
    expect(readsOf([{ reads: { users: ['displayName'] } }, { reads: { users: ['userType', 'displayName'] } }])).toEqual({ users: ['id', 'displayName', 'userType'] });
    expect(readsOf([{ reads: { users: ['displayName'] } }, {}])).toBeUndefined();
    expect(readsOf([{ reads: { users: [] } }])).toEqual({ users: ['id'] });
  });

  it('a flow shard holds its owners with those fields alone, absent ones left absent; a user shard keeps its own users whole', () => {
    const reads = { users: ['id', 'displayName', 'accountEnabled'] };
    const flows = shardData(tenant, { kind: 'flows', ids: ['f1'] }, undefined, reads).data.tenant as Record<string, Record<string, unknown>>;
    expect(flows.users).toEqual({ u1: { id: 'u1', displayName: 'Ann', accountEnabled: false }, u2: { id: 'u2', displayName: 'Bo' } });
    // The flow itself, its group and every whole-tenant fact are as they were.
    expect(flows.flows!.f1).toBe(tenant.flows!.f1);
    expect(flows.groups!.g1).toBe(tenant.groups!.g1);
    const users = shardData(tenant, { kind: 'users', ids: ['u1'] }, undefined, reads);
    expect((users.data.tenant as Record<string, Record<string, unknown>>).users!.u1).toBe(tenant.users!.u1);
    expect(users.references[0]!.value).toBe(tenant.users!.u2);
    expect((shardData(tenant, { kind: 'flows', ids: ['f1'] }).data.tenant as Record<string, Record<string, unknown>>).users!.u2).toBe(tenant.users!.u2);
  });

  it('every built-in control of the group, app and flow shards declares what it reads of users, and so do the views', () => {
    const manifest = builtinBundle().manifest;
    const partial = manifest.controls.filter((c) => c.shards?.some((k) => k === 'groups' || k === 'apps' || k === 'flows'));
    expect(partial.length).toBeGreaterThan(10);
    expect(partial.filter((c) => !c.reads).map((c) => c.id)).toEqual([]);
    expect(manifest.viewsReads?.users).toContain('userType');
  });
});

describe('the order the workers take the shards in', () => {
  it('is the costliest and the cheapest in turn, ties in plan order', () => {
    const shards = [
      { kind: 'users' as const, ids: ['a', 'b'] },
      { kind: 'groups' as const, ids: ['g'] },
      { kind: 'flows' as const, ids: ['f', 'h', 'i'] },
      { kind: 'users' as const, ids: ['c', 'd'] },
      { kind: 'apps' as const, ids: ['p', 'q', 'r', 's'] },
    ];
    expect(costliestAndCheapest(shards, (s) => s.ids.length).map((s) => s.ids[0])).toEqual(['p', 'g', 'f', 'c', 'a']);
    expect(costliestAndCheapest(shards.slice(0, 4), (s) => s.ids.length).map((s) => s.ids[0])).toEqual(['f', 'g', 'a', 'c']);
    expect(costliestAndCheapest([], () => 0)).toEqual([]);
  });
});

describe('workers for the memory there is', () => {
  const MiB = 1024 * 1024;
  it('runs --jobs workers when they fit, fewer when they do not, never more than the shards', () => {
    expect(workersFor({ largestShardBytes: 16 * MiB, rss: 1024 * MiB, total: 16384 * MiB, jobs: 4, shards: 10 })).toBe(4);
    // Each worker peaks near 16 x 16 MiB + 128 MiB = 384 MiB; 1,000 MiB free holds two.
    expect(workersFor({ largestShardBytes: 16 * MiB, rss: 1024 * MiB, total: 2024 * MiB, jobs: 4, shards: 10 })).toBe(2);
    expect(workersFor({ largestShardBytes: 16 * MiB, rss: 0, total: 16384 * MiB, jobs: 8, shards: 3 })).toBe(3);
  });

  it('fails with exit 2 naming the memory needed when one shard does not fit', () => {
    const run = () => workersFor({ largestShardBytes: 64 * MiB, rss: 7000 * MiB, total: 8000 * MiB, jobs: 2, shards: 10 });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/needs about 8152 MiB of memory .* but this machine has 8000 MiB/);
  });
});

describe('shards whose references are large', () => {
  it('are cut until their data fits, every object still in exactly one shard, in order', async () => {
    const { tenant } = await loadTenant([EXAMPLE]);
    const planned = planShards(tenant, builtinBundle().manifest.controls, { maxObjects: 1000 });
    const max = 4 * 1024;
    const split = splitLargeShards(tenant, planned, max);
    expect(split.length).toBeGreaterThan(planned.length);
    for (const shard of split) expect(shard.ids.length <= 1 || estimateShardBytes(tenant, shard) <= max).toBe(true);
    for (const kind of ['users', 'groups', 'flows', 'apps'] as const) {
      expect(split.filter((s) => s.kind === kind).flatMap((s) => s.ids)).toEqual(planned.filter((s) => s.kind === kind).flatMap((s) => s.ids));
    }
    expect(split.at(-1)?.kind).toBe('tenant');
  });

  it('are left alone when they fit', async () => {
    const { tenant } = await loadTenant([EXAMPLE]);
    const planned = planShards(tenant, builtinBundle().manifest.controls, { maxObjects: 1000 });
    expect(splitLargeShards(tenant, planned, 1024 * 1024 * 1024)).toEqual(planned);
  });
});

describe('when a scan shards, and how a kind is cut', () => {
  // A tenant of the given objects per kind, each about `bytes` of JSON: what the plan and the decision read.
  const sized = (counts: Partial<Record<'users' | 'groups' | 'flows' | 'apps', number>>, bytes = 100) => {
    const tenant: Record<string, unknown> = {};
    for (const [kind, n] of Object.entries(counts)) {
      const map: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) map[`${kind}-${i}`] = { id: `${kind}-${i}`, displayName: 'x'.repeat(bytes) };
      tenant[kind] = map;
    }
    return tenant as unknown as Parameters<typeof planShards>[0];
  };

  it('shards a tenant past 16 MiB of objects when there is more than one thread, and keeps it whole with one', async () => {
    const { shouldShard } = await import('../../../src/scan.js');
    const bundle = builtinBundle();
    const large = sized({ users: 20 }, 1024 * 1024); // about 20 MiB of objects
    const small = sized({ users: 10 }, 1024 * 1024); // about 10 MiB
    expect(shouldShard(large, bundle, { jobs: 2 })).toBe(true);
    expect(shouldShard(large, bundle, { jobs: 1 })).toBe(false);
    expect(shouldShard(small, bundle, { jobs: 2 })).toBe(false);
  });

  it('cuts a kind into shards of even size', () => {
    const tenant = sized({ flows: 20 });
    const perObject = JSON.stringify({ id: 'flows-10', displayName: 'x'.repeat(100) }).length + 'flows-10'.length + 4;
    // Room for about 14.7 flows a shard: two shards of 10, not 14 and 6.
    const shards = planShards(tenant, [control('F', { shards: ['flows'] })], { targetBytes: Math.floor(14.7 * perObject), jobs: 1 });
    expect(shards.map((s) => s.ids.length)).toEqual([10, 10]);
  });

  it('splits a kind per thread only when the shards by size are fewer than two a thread', () => {
    const controls = [control('U', { shards: ['users'] }), control('G', { shards: ['groups'] })];
    // Objects of about 200 KB, so that a split per thread is not held back by its 2 MiB floor (10 objects).
    const bytes = 200_000;
    const perObject = JSON.stringify({ id: 'users-10', displayName: 'x'.repeat(bytes) }).length + 'users-10'.length + 4;
    const targetBytes = 20 * perObject;
    // 80 users (4 shards by size) and 16 groups (1): enough shards for two threads, the groups stay whole.
    const enough = planShards(sized({ users: 80, groups: 16 }, bytes), controls, { targetBytes, jobs: 2 });
    expect(enough.filter((s) => s.kind === 'groups').map((s) => s.ids.length)).toEqual([16]);
    expect(enough.filter((s) => s.kind === 'users').map((s) => s.ids.length)).toEqual([20, 20, 20, 20]);
    // 20 users (1) and 16 groups (1): two shards for two threads, so each kind is cut in two.
    const few = planShards(sized({ users: 20, groups: 16 }, bytes), controls, { targetBytes, jobs: 2 });
    expect(few.filter((s) => s.kind === 'groups').map((s) => s.ids.length)).toEqual([8, 8]);
    expect(few.filter((s) => s.kind === 'users').map((s) => s.ids.length)).toEqual([10, 10]);
  });
});

describe('the references a shard follows', () => {
  it('are the model description\'s: an app shard holds the users its co-owners name', () => {
    const tenant = normaliseTenant({
      sections: { users: true, apps: true, environments: true },
      files: [],
      users: [{ id: 'u-owner' }, { id: 'u-co' }, { id: 'u-other' }],
      environments: [{ id: 'e1' }],
      apps: [{ id: 'a1', displayName: 'App', environmentId: 'e1', ownerId: 'u-owner', coOwners: ['u-co'], sharedWith: [] }],
    } as unknown as MergedExport).tenant;
    const { data } = shardData(tenant, { kind: 'apps', ids: ['a1'] });
    expect(Object.keys(data.tenant.users as object).sort()).toEqual(['u-co', 'u-owner']);
  });
});

describe('a shard document written entry by entry (DocumentOptions.streamed)', () => {
  it('is the JSON of the document made as objects, references inlined or apart, users in part or whole', async () => {
    const { tenant } = await loadTenant([EXAMPLE]);
    const controls = builtinBundle().manifest.controls;
    const plan = planShards(tenant, controls, { maxObjects: 3 });
    expect(plan.length).toBeGreaterThan(8);
    let referencing = 0;
    for (const shard of plan) {
      const reads = readsOf(controls.filter((c) => runsIn(c, shard.kind, plan)));
      for (const r of [reads, undefined]) {
        const made = shardData(tenant, shard, { some: 'derived' }, r);
        const streamed = shardData(tenant, shard, { some: 'derived' }, r, { streamed: true });
        const text = (doc: unknown) => Buffer.from(bytesOf(writeJson(doc))).toString('utf8');
        // Entry by entry, in the same order, as JSON.stringify gives the objects (and as toJSON makes them).
        expect(text(streamed.data)).toBe(JSON.stringify(made.data));
        expect(JSON.stringify(streamed.data)).toBe(JSON.stringify(made.data));
        expect(streamed.references).toEqual(made.references);
        // Inlined, the references are in the document as patching them in would put them (ShardData.references).
        const inlined = shardData(tenant, shard, { some: 'derived' }, r, { streamed: true, inlineReferences: true });
        const patched = JSON.parse(JSON.stringify(made.data)) as Record<string, Record<string, Record<string, unknown>>>;
        for (const ref of made.references) patched.tenant![ref.path[1]!]![ref.path[2]!] = ref.value;
        expect(JSON.parse(text(inlined.data))).toEqual(patched);
        expect(inlined.references).toEqual(made.references);
        referencing += made.references.length;
      }
    }
    // Contoso's guests have sponsors in other user shards: the inlined case is exercised.
    expect(referencing).toBeGreaterThan(0);
  });
});

function bytesOf(text: TaskText): Uint8Array {
  const out = new Uint8Array(text.length);
  copyText(text, out, 0);
  return out;
}
