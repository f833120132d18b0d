import type { ControlMetadata } from './bundle.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import { LIST_SECTIONS, referenceReader, sectionOf, type ListSection } from '../tenant-model/description.js';
import { StreamedMap, type EntryVisitor } from './task-text.js';

/**
 * Sharded evaluation, the plan: which objects each shard iterates and which data it is given.
 *
 * A shard iterates one kind of object (users, groups, flows or apps: the large collections) or is the one
 * tenant shard (environments, DLP policies and settings: a few hundred objects even in a large tenant).
 * Its `input.scope` names its objects, so the controls' `*_in_scope` collections (policies/lib/tenant.rego)
 * hold only them, and every object is iterated in exactly one shard: findings are produced once. Its data
 * is those objects plus the closure of what they reference (Closure below) plus the whole-tenant facts
 * the normaliser precomputed (counts, userFields, domains, settings, sections).
 */

/** The kinds a shard can iterate. 'tenant' is the one shard of environments, DLP policies and settings. */
export type ShardKind = 'users' | 'groups' | 'flows' | 'apps' | 'tenant' | 'whole';

/** The partitioned collections (each object in exactly one shard of its kind). */
export const PARTITIONED = ['users', 'groups', 'flows', 'apps'] as const;
export type PartitionedKind = (typeof PARTITIONED)[number];

/** The collections a shard may hold objects of (partitioned or referenced). */
const COLLECTIONS = ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps'] as const;
type Collection = (typeof COLLECTIONS)[number];

/**
 * What a control iterates is declared in its METADATA (custom.shards, custom.countsPartition: see
 * ControlMetadata in bundle.ts), audited from its Rego: `shards` lists the kinds of shard it runs in;
 * `countsPartition` marks a control whose not-evaluated rules count or list every object of its shard's
 * kind (`some user in lib.users`, `some flow in lib.flows`), so they must see the shard's partition alone,
 * without the same-kind objects brought in as references (a guest's sponsors are users too): the shard runs it
 * once before patching those in (shard-run.ts). The built-in controls count the `*_in_scope` collections
 * instead, which hold the partition alone, and declare none. A control
 * that declares nothing (a custom policy, as a rule) runs once against the whole tenant: correct, but not
 * bounded in memory.
 *
 * Audit notes: the collab controls read settings only; env and DLP-policy controls iterate
 * environments/dlpPolicies (the tenant shard); SG-DLP-02 also lists flows with group owners in a
 * not-evaluated rule (`some flow in lib.flows`), so it runs in flow shards as well (its environments are
 * out of scope there); SG-GUEST-09 iterates users and reports flows with group owners the same way.
 */
export function shardKindsOf(control: ControlMetadata): readonly ShardKind[] {
  return control.shards && control.shards.length > 0 ? (control.shards as ShardKind[]) : ['whole'];
}

/**
 * Whether a control is evaluated in a shard of the plan: in the shards of the kinds it runs on, or, when
 * none of those has a shard (the collection is empty or absent), in the tenant shard.
 */
export function runsIn(control: ControlMetadata, kind: ShardKind, plan: readonly Shard[]): boolean {
  const kinds = shardKindsOf(control);
  if (kinds.includes(kind)) return true;
  return kind === 'tenant' && !kinds.some((k) => k === 'whole' || plan.some((s) => s.kind === k));
}

/** One shard: the objects it iterates (ids of its kind; empty for the tenant and whole shards). */
export interface Shard {
  kind: ShardKind;
  ids: string[];
}

/** The scope given as input.scope: the shard's objects, by kind (see policies/lib/tenant.rego). */
export type ShardScope = Record<ListSection, string[]> & {
  flowEnvironments: string[];
  tenantCounts: boolean;
  /**
   * The kinds whose every object in the data is in scope (policies/lib/tenant.rego): the shard's own kind
   * when it holds no object of that kind as a reference. Their ids are then not listed.
   */
  all?: PartitionedKind[];
};

/**
 * The list sections a shard neither partitions nor slices (sites and teams today, and any section added to
 * the model description later): few objects even in a large tenant, iterated in the tenant shard, given whole
 * to every shard, and their references followed there (TenantWide).
 */
const UNSLICED_LISTS: readonly ListSection[] = LIST_SECTIONS.filter((s) => !(COLLECTIONS as readonly string[]).includes(s));

/**
 * `holdsOnlyOwn`: the shard's data holds no object of its kind but its own (shardData gave no references), so
 * the scope says `all` of that kind rather than listing the ids.
 */
export function scopeOf(shard: Shard, tenant: NormalisedTenant, holdsOnlyOwn = false): ShardScope | undefined {
  if (shard.kind === 'whole') return undefined;
  const scope = { flowEnvironments: [], tenantCounts: false } as unknown as ShardScope;
  for (const section of LIST_SECTIONS) scope[section] = [];
  if (shard.kind === 'tenant') {
    scope.environments = Object.keys(tenant.environments ?? {});
    scope.dlpPolicies = Object.keys(tenant.dlpPolicies ?? {});
    for (const section of UNSLICED_LISTS) scope[section] = Object.keys(tenant[section] ?? {});
    scope.tenantCounts = true;
  } else if (holdsOnlyOwn) {
    scope.all = [shard.kind];
  } else {
    scope[shard.kind] = shard.ids;
  }
  return scope;
}

/**
 * How much JSON of iterated objects one shard holds. An instance needs about 16 times its data's JSON size
 * at its peak (engine.ts, initialPages: about 6.5 for the parsed document and up to 8 for the largest
 * control's own allocations). The references come on top; measured on the bench's 20,000-user tenant, one
 * shard per kind: users 14.5 MB of objects in 17.7 MB of data, flows 4.5 in 15.6, apps 0.5 in 10.1, groups
 * 2.2 in 11.1 (a group brings its members). 16 MiB of objects stays well inside the 2 GiB an instance can
 * address and gives a 100,000-user tenant some 10 shards to spread over the cores.
 */
export const SHARD_TARGET_BYTES = 16 * 1024 * 1024;

/** How many objects are sampled to estimate a collection's JSON size. */
const SAMPLE = 500;

/** Estimated JSON bytes of each partitioned collection (a sample's mean times the count). */
export function estimateBytes(tenant: NormalisedTenant): Record<PartitionedKind, { count: number; perObject: number }> {
  const out = {} as Record<PartitionedKind, { count: number; perObject: number }>;
  for (const kind of PARTITIONED) {
    const map = tenant[kind] ?? {};
    const ids = Object.keys(map);
    let bytes = 0;
    let n = 0;
    const step = Math.max(1, Math.floor(ids.length / SAMPLE));
    for (let i = 0; i < ids.length && n < SAMPLE; i += step, n += 1) bytes += JSON.stringify(map[ids[i]!]).length + ids[i]!.length + 4;
    out[kind] = { count: ids.length, perObject: n === 0 ? 0 : bytes / n };
  }
  return out;
}

export interface ShardPlanOptions {
  /** Objects per shard at most (tests force tiny shards with it); default: from SHARD_TARGET_BYTES. */
  maxObjects?: number;
  targetBytes?: number;
  /**
   * Threads that will evaluate the shards: when the kinds' shards by size come to fewer than two a thread,
   * each kind is split into at least this many shards when each still holds 2 MiB of objects, so that no
   * thread waits on one kind's single shard (the flow controls take most of a scan's time: 60% on the bench's
   * 20,000-user tenant). With enough shards already, splitting further only repeats references: the group
   * and app shards of the bench's 100,000-user tenant held 125 MiB of JSON as two shards each, against 95 MiB
   * as one, for about 0.2 s of evaluation in all.
   */
  jobs?: number;
}

/** The shards of a tenant for the given controls: each object of a kind some control runs on in exactly one. */
export function planShards(tenant: NormalisedTenant, controls: readonly ControlMetadata[], options: ShardPlanOptions = {}, sizes = estimateBytes(tenant)): Shard[] {
  const kinds = new Set(controls.flatMap((c) => shardKindsOf(c)));
  const jobs = options.jobs ?? 1;
  const planned = PARTITIONED.filter((kind) => kinds.has(kind)).map((kind) => {
    const ids = byLargestGroup(tenant, kind, Object.keys(tenant[kind] ?? {}));
    const perObject = Math.max(1, sizes[kind].perObject);
    const byBytes = Math.floor((options.targetBytes ?? SHARD_TARGET_BYTES) / perObject);
    const byThreads = Math.max(Math.ceil(ids.length / jobs), Math.floor((2 * 1024 * 1024) / perObject));
    return { kind, ids, byBytes, byThreads };
  });
  const bySize = planned.reduce((n, p) => n + Math.ceil(p.ids.length / Math.max(1, p.byBytes)), 0);
  const shards: Shard[] = [];
  for (const { kind, ids, byBytes, byThreads } of planned) {
    const most = Math.max(1, bySize >= 2 * jobs ? byBytes : Math.min(byBytes, byThreads));
    // As many shards as that takes, of even size (20,000 flows in two of 10,000 rather than 14,700 and 5,300).
    const perShard = options.maxObjects ?? Math.ceil(ids.length / Math.max(1, Math.ceil(ids.length / most)));
    for (let i = 0; i < ids.length; i += perShard) shards.push({ kind, ids: ids.slice(i, i + perShard) });
  }
  // The tenant and whole shards come last: they read data.derived, which the flow shards' views give. A
  // control whose kinds have no object at all (no groups exported) runs in the tenant shard: it still
  // reports what it could not evaluate.
  const present = new Set(shards.map((s) => s.kind));
  const homeless = controls.some((c) => !shardKindsOf(c).some((k) => present.has(k) || k === 'tenant' || k === 'whole'));
  if (kinds.has('tenant') || homeless) shards.push({ kind: 'tenant', ids: [] });
  if (kinds.has('whole')) shards.push({ kind: 'whole', ids: [] });
  return shards;
}

/**
 * The order a kind's objects are cut into shards in: flows and apps by the largest group they name (an owner, a
 * co-owner, a share), so that the objects naming one group share few shards. A group brings its members into
 * every shard one of its objects is in: in export order, the 14 flow shards of the bench's 1,000,000-user tenant
 * would hold 1,429 MiB of objects by estimateShardBytes, 986 MiB in this order; its 2 app shards 703 MiB, 501
 * MiB in this order (sorting took 0.5 s and 0.1 s). Users name groups seldom (a sponsor can be one) and a group
 * is its own: both stay in export order. Objects naming no group come first; ties keep the export's order.
 */
function byLargestGroup(tenant: NormalisedTenant, kind: PartitionedKind, ids: string[]): string[] {
  if (kind !== 'flows' && kind !== 'apps') return ids;
  const objects = tenant[kind]!;
  const groups = tenant.groups;
  if (!groups) return ids;
  // The fields that may name a group (an owner, a share), not those that name a user alone (a creator).
  const readers = sectionOf(kind)
    .references.filter((r) => r.kind !== 'user')
    .map((r) => referenceReader(r.path));
  const keyed = ids.map((id, i) => {
    let key = '';
    let most = -1;
    const consider = (principal: unknown): void => {
      if (typeof principal !== 'string') return;
      const g = groups[principal];
      if (!g) return;
      const members = arr(g.transitiveMembers).length;
      if (members > most || (members === most && principal < key)) {
        key = principal;
        most = members;
      }
    };
    for (const read of readers) read(objects[id]!, consider);
    return { id, i, key };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return keyed.map((e) => e.id);
}

// ------------------------------------------------------------------------------------------- references

/**
 * The references the controls follow from an object, in one place: the principals the model description
 * declares as its section's reference fields, and for each kind the environments, flows and index keys a
 * control judging it may look up.
 * A principal that is a group brings its nested groups and its transitive members (a flow co-owned by a
 * group is judged by its members).
 */
export class Closure {
  readonly ids: Record<Collection, Set<string>> = {
    users: new Set(), groups: new Set(), environments: new Set(), dlpPolicies: new Set(), flows: new Set(), apps: new Set(),
  };
  /**
   * Objects a shard needs only to name (their id and displayName): the flows and groups of a user shard's
   * users, which SG-GUEST-09 lists by name ("owns or runs "X" (owner)", "through group "G""). An object
   * also referenced in full is given in full.
   */
  readonly named: Record<'groups' | 'flows', Set<string>> = { groups: new Set(), flows: new Set() };
  /** Index keys to keep, by index. */
  readonly keys = { usersByUpn: new Set<string>(), usersByMail: new Set<string>(), memberOf: new Set<string>(), flowsByPrincipal: new Set<string>() };
  private readonly expanded = new Set<string>();

  /**
   * `sizing`: a closure that only counts the objects a shard would hold in full (estimateShardBytes) skips the
   * flows and groups a user shard names and the index keys, which the estimate does not count (Closure.user
   * was the costliest function of building the bench's 300,000-user tenant's shards, 1.3 s in a profile).
   */
  constructor(
    private readonly t: NormalisedTenant,
    private readonly sizing = false,
  ) {}

  /** Adds what another closure gathered (of another state of the tenant: see closureDocument). */
  add(other: Closure): void {
    for (const c of COLLECTIONS) for (const id of other.ids[c]) this.ids[c].add(id);
    for (const c of ['groups', 'flows'] as const) for (const id of other.named[c]) this.named[c].add(id);
    for (const k of Object.keys(this.keys) as (keyof Closure['keys'])[]) for (const key of other.keys[k]) this.keys[k].add(key);
  }

  principal(id: unknown): void {
    if (typeof id !== 'string' || !id) return;
    if (this.t.users?.[id]) this.ids.users.add(id);
    else if (this.t.groups?.[id]) this.group(id);
  }

  /**
   * Every principal the object names in a reference field the model description declares for its section
   * (a user's sponsors, a flow's owners, an app's co-owners …): a reference added there is followed here too.
   */
  private references(section: 'users' | 'flows' | 'apps', o: JsonObject): void {
    for (const read of referenceReaders(section)) read(o, (id) => this.principal(id));
  }

  /** A group with its nested groups and transitive user members. */
  group(id: string): void {
    if (this.expanded.has(id)) return;
    this.expanded.add(id);
    const g = this.t.groups?.[id];
    if (!g) return;
    this.ids.groups.add(id);
    // transitiveMembers holds users of the tenant alone (normalise.ts, expandGroups), and an id that is no
    // user's is left out of the document anyway (closureDocument): no lookup among the users per member
    // (Closure.group took 4.8 s in a profile of building the bench's 1,000,000-user tenant's flow shards).
    for (const m of arr(g.transitiveMembers)) if (typeof m === 'string') this.ids.users.add(m);
    // A nested group: looked up among the groups first (thousands) rather than the users (up to millions).
    for (const m of arr(g.members)) if (typeof m === 'string' && this.t.groups?.[m] && !this.t.users?.[m]) this.group(m);
  }

  environment(id: unknown): void {
    if (typeof id !== 'string' || !this.t.environments?.[id]) return;
    this.ids.environments.add(id);
    for (const p of this.t.index.dlpPoliciesByEnvironment[id] ?? []) this.ids.dlpPolicies.add(p);
  }

  /** A user a shard iterates: its sponsors and inviter (in full), its groups and its flows (lib.flows_of_user; by name). */
  user(id: string): void {
    const u = this.t.users?.[id];
    if (!u) return;
    this.ids.users.add(id);
    this.references('users', u);
    if (this.sizing) return;
    this.keys.memberOf.add(id);
    this.flowsOf(id);
    for (const via of this.t.index.memberOf[id] ?? []) {
      // A group's flows are named once per shard, not again for each of its members there: a user shard of the
      // bench's 1,000,000-user tenant holds 22,728 users, each a member of 2.14 of its 20,000 groups on average.
      if (this.named.groups.has(via) || this.keys.flowsByPrincipal.has(via)) continue;
      if (this.t.groups?.[via]) this.named.groups.add(via);
      this.flowsOf(via);
    }
  }

  /** The flows a principal owns or runs, by name (index.flowsByPrincipal), with the index key that finds them. */
  private flowsOf(principal: string): void {
    const entries = this.t.index.flowsByPrincipal[principal];
    if (!entries) return;
    this.keys.flowsByPrincipal.add(principal);
    for (const e of entries) this.named.flows.add(e.flowId);
  }

  /** A flow a shard iterates: every principal it names, the users its shared copies' addresses resolve to, its environment. */
  flow(id: string): void {
    const f = this.t.flows?.[id];
    if (!f) return;
    this.ids.flows.add(id);
    this.references('flows', f);
    for (const c of objs(f.sharedCopies)) {
      for (const value of Object.values(c)) if (typeof value === 'string' && value.includes('@')) this.address(value);
    }
    this.environment(f.environmentId);
  }

  app(id: string): void {
    const a = this.t.apps?.[id];
    if (!a) return;
    this.ids.apps.add(id);
    this.references('apps', a);
    this.environment(a.environmentId);
  }

  groupIterated(id: string): void {
    this.group(id);
    const g = this.t.groups?.[id];
    for (const o of arr(g?.owners)) this.principal(o);
  }

  /** Every environment and DLP policy, and the principals of the environments' role assignments. */
  tenantWide(): void {
    for (const id of Object.keys(this.t.environments ?? {})) {
      this.environment(id);
      for (const r of objs(this.t.environments![id]!.roleAssignments)) this.principal(r.principalId);
    }
    for (const id of Object.keys(this.t.dlpPolicies ?? {})) this.ids.dlpPolicies.add(id);
    // The sections given whole (sites, teams): the principals and groups their reference fields name, as the
    // model description declares them (a site's owners, a team's group).
    for (const section of UNSLICED_LISTS) {
      const readers = referenceReaders(section);
      for (const o of Object.values(this.t[section] ?? {})) {
        for (const read of readers) {
          read(o, (id) => {
            // A group named by a site or team brings its owners too (SG-SPO-09 reads a site's group's owners).
            if (typeof id === 'string' && this.t.groups?.[id]) this.groupIterated(id);
            else this.principal(id);
          });
        }
      }
    }
  }

  /** The users an address names (index.usersByMail and usersByUpn), with the index keys that find them. */
  address(value: string): void {
    const key = value.toLowerCase();
    for (const index of ['usersByMail', 'usersByUpn'] as const) {
      const user = this.t.index[index][key];
      if (user === undefined) continue;
      this.keys[index].add(key);
      this.principal(user);
    }
  }
}

/** The data of one shard, and the objects of its own kind that it holds only as references. */
export interface ShardData {
  /** data.tenant for the shard (and data.derived, for the tenant and whole shards, when given). */
  data: { tenant: Record<string, unknown>; derived?: unknown };
  /**
   * Objects of the shard's own kind that its objects reference (a guest's sponsor): set after the
   * evaluations of the controls marked custom.countsPartition, so those count the partition alone.
   */
  references: { path: string[]; value: JsonObject }[];
}

/** Keys of NormalisedTenant handled here; any other key (a section added later) is given whole to every shard. */
const SLICED = new Set<string>([...COLLECTIONS, 'index']);

/** The data a shard is given: its objects, their references, and the whole-tenant facts. */
export function shardData(tenant: NormalisedTenant, shard: Shard, derived?: unknown, reads?: Reads, how: DocumentOptions = {}): ShardData {
  if (shard.kind === 'whole') return { data: { tenant: tenant as unknown as Record<string, unknown>, ...(derived === undefined ? {} : { derived }) }, references: [] };
  return closureDocument(tenant, closureOf(tenant, shard), shard.kind, shard.kind === 'tenant' ? [] : shard.ids, derived, new Set(), reads, how);
}

/**
 * The fields a shard's controls read of the users they reach through a reference (ControlMetadata.reads), or
 * undefined (every field) when one of them does not say. `id` is always kept.
 */
export type Reads = { users: readonly string[] } | undefined;

/** What the given controls (and views, for a flow shard) read of referenced users, together. */
export function readsOf(readers: readonly ({ reads?: { users: readonly string[] } } | undefined)[]): Reads {
  const users = new Set<string>(['id']);
  for (const r of readers) {
    if (!r?.reads) return undefined;
    for (const f of r.reads.users) users.add(f);
  }
  return { users: [...users] };
}

/** What a shard's objects reference (see Closure). */
function closureOf(tenant: NormalisedTenant, shard: Shard, sizing = false): Closure {
  const closure = new Closure(tenant, sizing);
  if (shard.kind === 'tenant') closure.tenantWide();
  for (const id of shard.ids) addObject(closure, shard.kind, id);
  return closure;
}

/** One object a shard of `kind` iterates, into its closure. */
function addObject(closure: Closure, kind: ShardKind, id: string): void {
  if (kind === 'users') closure.user(id);
  else if (kind === 'flows') closure.flow(id);
  else if (kind === 'apps') closure.app(id);
  else if (kind === 'groups') closure.groupIterated(id);
}

/** The JSON of the objects a closure holds in full, estimated from each kind's mean size (estimateBytes). */
function closureBytes(closure: Closure, sizes: ReturnType<typeof estimateBytes>): number {
  let bytes = 0;
  for (const kind of PARTITIONED) bytes += closure.ids[kind].size * sizes[kind].perObject;
  return bytes;
}

/**
 * The JSON a shard's data will take, estimated from the objects its closure holds (each kind's mean size,
 * estimateBytes) without building it. A shard is planned by the size of its own objects, but what they
 * reference can be far larger: on the bench's 1,000,000-user tenant a shard of 25,000 apps shared with
 * groups brought in those groups' members, some 340 MiB of data, past what one instance can address.
 */
export function estimateShardBytes(tenant: NormalisedTenant, shard: Shard, sizes = estimateBytes(tenant)): number {
  if (shard.kind === 'whole' || shard.kind === 'tenant') return 0;
  return closureBytes(closureOf(tenant, shard, true), sizes);
}

/**
 * The plan with every partitioned shard whose data would pass `maxBytes` cut into pieces that do not (or are one
 * object), so that no shard is refused for what its objects reference. A referenced user counts whole, also
 * where the shard will hold it in part (custom.reads): see evaluateSharded in scan.ts for why.
 *
 * One pass per shard: its objects are added to a closure one by one, and a piece is cut before the object that
 * would take it past `maxBytes`. Halving a shard until its halves fitted worked the closures out again at each
 * level: 6.9 s of planning for the bench's 1,000,000-user tenant, whose two app shards of 352 MiB by this
 * estimate became sixteen; cut in one pass, 3.2 s. Cutting the pieces again to even sizes took another 1.1 s
 * there, for shards as many: the pieces stay as cut, each under the limit.
 */
export function splitLargeShards(tenant: NormalisedTenant, shards: readonly Shard[], maxBytes: number, sizes = estimateBytes(tenant)): Shard[] {
  // A shard's objects and references are some of the tenant's: when all of them fit, every shard does, and
  // no closure needs working out (0.7 s of planning on the bench's 100,000-user tenant, 103 MiB of objects).
  if (PARTITIONED.reduce((sum, kind) => sum + sizes[kind].count * sizes[kind].perObject, 0) <= maxBytes) return [...shards];
  const out: Shard[] = [];
  for (const shard of shards) {
    if (shard.kind === 'tenant' || shard.kind === 'whole' || shard.ids.length <= 1) {
      out.push(shard);
      continue;
    }
    out.push(...cutToFit(tenant, shard, maxBytes, sizes));
  }
  return out;
}

/** The shard in pieces, in order, each closed before the object that would take its data past `maxBytes`. */
function cutToFit(tenant: NormalisedTenant, shard: Shard, maxBytes: number, sizes: ReturnType<typeof estimateBytes>): Shard[] {
  const pieces: Shard[] = [];
  let closure = new Closure(tenant, true);
  let ids: string[] = [];
  for (const id of shard.ids) {
    addObject(closure, shard.kind, id);
    if (ids.length > 0 && closureBytes(closure, sizes) > maxBytes) {
      pieces.push({ kind: shard.kind, ids });
      closure = new Closure(tenant, true);
      ids = [];
      addObject(closure, shard.kind, id);
    }
    ids.push(id);
  }
  pieces.push({ kind: shard.kind, ids });
  return pieces;
}

/**
 * The data document holding what a closure gathered: its objects (those of `ownKind` not in `own` apart, as
 * references; the users of a shard of another kind with the fields `reads` names alone), the index entries it
 * kept, and every whole-tenant fact. A shard's data (shardData), and a
 * simulated change's (closure.ts).
 */
export function closureDocument(
  tenant: NormalisedTenant,
  closure: Closure,
  ownKind: ShardKind | undefined,
  ownIds: readonly string[],
  derived?: unknown,
  omit: ReadonlySet<string> = new Set(),
  reads?: Reads,
  how: DocumentOptions = {},
): ShardData {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(tenant)) if (!SLICED.has(key) && !omit.has(key)) out[key] = (tenant as unknown as Record<string, unknown>)[key];
  const own = new Set(ownIds);
  const references: ShardData['references'] = [];
  const map = (each: (visit: EntryVisitor) => void): unknown => (how.streamed ? new StreamedMap(each) : new StreamedMap(each).toJSON());
  for (const c of COLLECTIONS) {
    const objects = tenant[c];
    if (!objects) continue;
    const given = closure.ids[c];
    // The users of a shard of another kind, with the fields its controls read alone (custom.reads).
    const fields = c === 'users' && reads && ownKind !== 'users' ? reads.users : undefined;
    if (c === ownKind) for (const id of given) if (objects[id] !== undefined && !own.has(id)) references.push({ path: ['tenant', c, id], value: objects[id]! });
    out[c] = map((visit) => {
      for (const id of given) {
        const o = objects[id];
        // Not there: an object a closure of another state of the tenant named (see Closure.add).
        if (o === undefined) continue;
        if (c === ownKind && !own.has(id)) {
          if (how.inlineReferences) visit(id, o);
        } else if (fields) visit(id, o, fields);
        else visit(id, o);
      }
      if (c !== 'groups' && c !== 'flows') return;
      // Named only (see Closure.named), unless given in full above.
      for (const id of closure.named[c]) {
        const o = objects[id];
        if (o && !given.has(id)) visit(id, o.displayName === undefined ? { id: o.id ?? id } : { id: o.id ?? id, displayName: o.displayName });
      }
    });
  }
  // Index keys of the objects present: lookups by address and membership of any user the shard holds.
  const index = tenant.index;
  const slice = <T>(from: Record<string, T>, keys: Iterable<string>): unknown =>
    map((visit) => {
      for (const k of keys) if (from[k] !== undefined) visit(k, from[k]);
    });
  const sliced: Record<string, unknown> = {};
  for (const key of Object.keys(index)) sliced[key] = (index as unknown as Record<string, unknown>)[key];
  sliced.usersByUpn = slice(index.usersByUpn, closure.keys.usersByUpn);
  sliced.usersByMail = slice(index.usersByMail, closure.keys.usersByMail);
  sliced.memberOf = slice(index.memberOf, closure.keys.memberOf);
  sliced.flowsByPrincipal = slice(index.flowsByPrincipal, closure.keys.flowsByPrincipal);
  // flowsByEnvironment is read only without data.derived (lib.flows_in_environment): its flows are not here.
  sliced.flowsByEnvironment = ownKind === 'tenant' ? index.flowsByEnvironment : slice(index.flowsByEnvironment, []);
  out.index = sliced;
  return { data: { tenant: out, ...(derived === undefined ? {} : { derived }) }, references };
}

/**
 * How closureDocument gives its document. `streamed`: its collections and index slices as StreamedMaps, for
 * writeJson (a shard's task) rather than as objects. `inlineReferences`: the objects of the shard's own kind it
 * holds only as references (a guest's sponsor) in the document with the others, not apart (they are still listed
 * in ShardData.references).
 */
export interface DocumentOptions {
  streamed?: boolean;
  inlineReferences?: boolean;
}

const readersBySection = new Map<ListSection, ReturnType<typeof referenceReader>[]>();

/** The readers of a section's declared reference fields (description.ts), made once. */
function referenceReaders(section: ListSection): ReturnType<typeof referenceReader>[] {
  let readers = readersBySection.get(section);
  if (!readers) readersBySection.set(section, (readers = sectionOf(section).references.map((r) => referenceReader(r.path))));
  return readers;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function objs(v: unknown): Record<string, unknown>[] {
  return arr(v).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
}
