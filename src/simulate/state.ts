import type { DataPatch } from '../engine/engine.js';
import { countConnectors, expandGroup, flowConnectors, shapeFlow, shapeGroup, shapeSite, shapeUser, withEpochs } from '../model/normalise.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import { setCopied, type ChangeTarget, type ObjectKind } from './apply.js';

type Obj = Record<string, unknown>;
type FlowEntry = { flowId: string; role: 'creator' | 'owner' | 'runOnly' };
type Settings = 'externalCollaboration' | 'powerPlatform' | 'sharePoint' | 'teamsSettings';
const SETTINGS_SECTIONS: readonly string[] = ['externalCollaboration', 'powerPlatform', 'sharePoint', 'teamsSettings'];

/**
 * What a scoped evaluation re-checks (input.scope): object ids per kind, and whether a tenant-wide count
 * (users, enabled users) moved, for the controls that compare with one.
 */
export type Scope = Record<ObjectKind, string[]> & {
  /** Environments whose flows are re-checked (for controls on environments that read their flows). */
  flowEnvironments: string[];
  tenantCounts: boolean;
};

/** What committing one change gives the simulator. */
export interface Commit {
  /** Edits that bring the engine's data.tenant up to date. */
  patches: DataPatch[];
  /**
   * The objects whose findings the change can alter, or `null` when it can alter findings anywhere
   * (a settings change, or a section that was absent appearing): then every affected control is
   * evaluated over the whole tenant.
   */
  scope: Scope | null;
  /** The sections whose settings changed (for choosing the controls to evaluate when scope is null). */
  sections: string[];
}

const KINDS: readonly ObjectKind[] = ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps', 'sites'];

/**
 * The tenant as the simulation's changes leave it, kept normalised without normalising everything
 * again: a copy-on-write layer over the loaded (never modified) tenant. A change edits objects through
 * the ChangeTarget methods; `commit` then re-normalises just those objects, updates the indexes they
 * feed (UPN and mail lookups, group expansion and memberOf, flows by principal and by environment),
 * returns the patches for the engine's data, and works out which objects' findings the change can
 * alter. Which objects matter is plumbing (who references whom); whether anything is a problem is
 * still decided by the policies, evaluated on those objects.
 *
 * `unknownPrincipals` is not maintained: no policy reads it (it feeds the scan summary's count).
 */
export class TenantState implements ChangeTarget {
  private readonly objects = new Map<ObjectKind, Map<string, JsonObject>>(KINDS.map((k) => [k, new Map()]));
  private readonly indexes = {
    usersByUpn: new Map<string, string | undefined>(),
    usersByMail: new Map<string, string | undefined>(),
    memberOf: new Map<string, string[]>(),
    flowsByPrincipal: new Map<string, FlowEntry[]>(),
    flowsByEnvironment: new Map<string, string[]>(),
    connectorsByEnvironment: new Map<string, Record<string, number>>(),
  };
  private readonly settings = new Map<Settings, JsonObject>();
  private counts: NormalisedTenant['index']['counts'];
  private readonly userFields = new Set<string>();
  private readonly addedSections = new Set<string>();
  /** Nested group → the groups that list it as a member (for re-expanding the groups above an edited one). */
  private parents: Map<string, Set<string>> | undefined;
  /** Principal id → the objects referencing it other than through flowsByPrincipal (scope only). */
  private references: Map<string, Set<string>> | undefined;

  // The change being applied: objects edited or added (id → state before, undefined when new).
  private pending = new Map<ObjectKind, Map<string, JsonObject | undefined>>();
  private pendingSettings = new Set<Settings>();

  constructor(private readonly base: NormalisedTenant) {
    this.counts = { ...base.index.counts };
  }

  /** Builds the lookups the first change would otherwise pay for (who references whom, group nesting). */
  prepare(): void {
    this.referenceIndex();
    this.groupParents();
  }

  // ---- reading the current tenant ----

  get(kind: ObjectKind, id: string): JsonObject | undefined {
    const changed = this.objects.get(kind)!.get(id);
    if (changed) return changed;
    const map = this.base[kind];
    return map && Object.hasOwn(map, id) ? map[id] : undefined;
  }

  private memberOf(userId: string): string[] {
    return this.indexes.memberOf.get(userId) ?? this.base.index.memberOf[userId] ?? [];
  }

  private flowsOf(principalId: string): FlowEntry[] {
    return this.indexes.flowsByPrincipal.get(principalId) ?? this.base.index.flowsByPrincipal[principalId] ?? [];
  }

  private flowsIn(environmentId: string): string[] {
    return this.indexes.flowsByEnvironment.get(environmentId) ?? this.base.index.flowsByEnvironment[environmentId] ?? [];
  }

  private hasSection(name: string): boolean {
    return this.addedSections.has(name) || Object.hasOwn(this.base.sections, name);
  }

  // ---- ChangeTarget: where applyChange writes ----

  edit(kind: ObjectKind, id: string): Obj | undefined {
    const current = this.get(kind, id);
    if (!current) return undefined;
    const pending = this.pendingOf(kind);
    if (!pending.has(id)) pending.set(id, current);
    const copy = { ...current };
    this.objects.get(kind)!.set(id, copy);
    return copy;
  }

  add(kind: ObjectKind, object: Obj): void {
    const id = String(object.id);
    this.pendingOf(kind).set(id, undefined);
    this.objects.get(kind)!.set(id, { ...(object as JsonObject) });
  }

  setSetting(path: readonly string[], value: unknown): void {
    const [section, ...rest] = path as [Settings, ...string[]];
    const current = this.settings.get(section) ?? this.base[section] ?? {};
    const copy = { ...current };
    setCopied(copy, rest, value);
    this.settings.set(section, copy);
    this.pendingSettings.add(section);
  }

  private pendingOf(kind: ObjectKind): Map<string, JsonObject | undefined> {
    let map = this.pending.get(kind);
    if (!map) this.pending.set(kind, (map = new Map()));
    return map;
  }

  // ---- commit: normalise what changed ----

  commit(): Commit {
    const patches: DataPatch[] = [];
    const dirty = new Map<ObjectKind, Set<string>>(KINDS.map((k) => [k, new Set()]));
    const dirtyPrincipals = new Set<string>(); // users and groups whose flow roles or memberships changed
    let global = false;
    let tenantCounts = false;

    for (const section of this.pendingSettings) {
      patches.push({ path: ['tenant', section], value: this.settings.get(section) });
      if (!this.hasSection(section)) this.addSection(section, patches);
    }
    for (const [kind, edited] of this.pending) {
      if (!this.hasSection(kind)) {
        this.addSection(kind, patches);
        global = true;
      }
      for (const [id, before] of edited) {
        const after = this.reshape(kind, this.objects.get(kind)!.get(id)!);
        this.objects.get(kind)!.set(id, after);
        dirty.get(kind)!.add(id);
        if (kind === 'users') this.reindexUser(id, before, after, patches);
        if (kind === 'flows') this.reindexFlow(id, before, after, patches, dirtyPrincipals);
        this.addReferences(kind, id, after);
        if (kind === 'users' && this.recount(before, after, patches)) tenantCounts = true;
      }
    }
    // Groups last: an edited group, and every group above it, is expanded again over the current users.
    const groups = this.pending.get('groups');
    const addedUsers = [...(this.pending.get('users') ?? new Map()).entries()].filter(([, before]) => !before).map(([id]) => id);
    if (groups || addedUsers.length > 0) this.reexpandGroups([...(groups?.keys() ?? [])], addedUsers, patches, dirty);
    for (const kind of KINDS) {
      for (const id of this.pending.get(kind)?.keys() ?? []) {
        if (kind !== 'groups') patches.push({ path: ['tenant', kind, id], value: this.objects.get(kind)!.get(id) });
      }
    }

    const sections = [...this.pendingSettings];
    const attributeUsers = new Set(this.pending.get('users')?.keys() ?? []); // edited or added: their attributes changed
    this.pending = new Map();
    this.pendingSettings = new Set();
    if (global || sections.length > 0) return { patches, scope: null, sections };
    return { patches, scope: this.scopeOf(dirty, attributeUsers, dirtyPrincipals, tenantCounts), sections };
  }

  /** A section absent from the export appears (e.g. the first user of an export without users). */
  private addSection(name: string, patches: DataPatch[]): void {
    this.addedSections.add(name);
    patches.push({ path: ['tenant', 'sections', name], value: true });
    if (!SETTINGS_SECTIONS.includes(name)) patches.push({ path: ['tenant', name], value: {} });
  }

  private reshape(kind: ObjectKind, edited: JsonObject): JsonObject {
    // Derived time fields are worked out again from the times as they are now.
    const o = { ...edited };
    for (const key of Object.keys(o)) if (key.endsWith('DateTime') || key.endsWith('At')) delete o[`${key}Epoch`];
    if (kind === 'users') return shapeUser(o);
    if (kind === 'groups') return { ...shapeGroup(o), transitiveMembers: o.transitiveMembers ?? [], memberCount: o.memberCount ?? 0 };
    if (kind === 'flows') return shapeFlow(o);
    if (kind === 'sites') return shapeSite(o);
    return withEpochs(o);
  }

  private reindexUser(id: string, before: JsonObject | undefined, after: JsonObject, patches: DataPatch[]): void {
    for (const [field, index, name] of [
      ['userPrincipalName', this.indexes.usersByUpn, 'usersByUpn'],
      ['mail', this.indexes.usersByMail, 'usersByMail'],
    ] as const) {
      const old = typeof before?.[field] === 'string' ? (before[field] as string).toLowerCase() : undefined;
      const now = typeof after[field] === 'string' ? (after[field] as string).toLowerCase() : undefined;
      if (old === now) continue;
      const base = this.base.index[name];
      if (old !== undefined && (index.has(old) ? index.get(old) : base[old]) === id) {
        index.set(old, undefined);
        patches.push({ path: ['tenant', 'index', name, old] });
      }
      if (now !== undefined) {
        index.set(now, id);
        patches.push({ path: ['tenant', 'index', name, now], value: id });
      }
    }
  }

  /** Keeps index.counts and index.userFields in step; true when a count moved. */
  private recount(before: JsonObject | undefined, after: JsonObject, patches: DataPatch[]): boolean {
    for (const key in after) {
      if (after[key] === null || this.userFields.has(key) || Object.hasOwn(this.base.index.userFields, key)) continue;
      this.userFields.add(key);
      patches.push({ path: ['tenant', 'index', 'userFields', key], value: true });
    }
    const enabled = (u: JsonObject | undefined) => (u && u.accountEnabled !== false ? 1 : 0);
    const users = before ? 0 : 1;
    const notDisabled = enabled(after) - enabled(before);
    if (users === 0 && notDisabled === 0) return false;
    this.counts = { users: this.counts.users + users, usersNotDisabled: this.counts.usersNotDisabled + notDisabled };
    patches.push({ path: ['tenant', 'index', 'counts'], value: this.counts });
    return true;
  }

  private reindexFlow(id: string, before: JsonObject | undefined, after: JsonObject, patches: DataPatch[], dirtyPrincipals: Set<string>): void {
    const entries = (flow: JsonObject | undefined): Map<string, FlowEntry[]> => {
      const out = new Map<string, FlowEntry[]>();
      if (!flow) return out;
      const add = (p: unknown, role: FlowEntry['role']) => {
        if (typeof p !== 'string' || !p) return;
        const list = out.get(p) ?? [];
        list.push({ flowId: id, role });
        out.set(p, list);
      };
      add(flow.creatorId, 'creator');
      for (const o of asArray(flow.owners)) add((o as Obj)?.principalId, 'owner');
      for (const r of asArray(flow.runOnlyUsers)) add((r as Obj)?.principalId, 'runOnly');
      return out;
    };
    const old = entries(before);
    const now = entries(after);
    for (const principal of new Set([...old.keys(), ...now.keys()])) {
      const a = JSON.stringify(old.get(principal) ?? []);
      const b = JSON.stringify(now.get(principal) ?? []);
      if (a === b) continue;
      const list = [...this.flowsOf(principal).filter((e) => e.flowId !== id), ...(now.get(principal) ?? [])];
      this.indexes.flowsByPrincipal.set(principal, list);
      patches.push({ path: ['tenant', 'index', 'flowsByPrincipal', principal], value: list });
      dirtyPrincipals.add(principal);
    }
    const connectors = (flow: JsonObject | undefined) => (flow ? `${String(flow.environmentId)} ${flowConnectors(flow).sort().join(' ')}` : '');
    if (connectors(before) !== connectors(after)) {
      for (const [flow, delta] of [[before, -1], [after, 1]] as const) {
        if (!flow || typeof flow.environmentId !== 'string') continue;
        const env = flow.environmentId;
        const counts = { ...(this.indexes.connectorsByEnvironment.get(env) ?? this.base.index.connectorsByEnvironment[env] ?? {}) };
        countConnectors(counts, flow, delta);
        this.indexes.connectorsByEnvironment.set(env, counts);
        patches.push({ path: ['tenant', 'index', 'connectorsByEnvironment', env], value: counts });
      }
    }
    const oldEnv = typeof before?.environmentId === 'string' ? before.environmentId : undefined;
    const newEnv = typeof after.environmentId === 'string' ? after.environmentId : undefined;
    if (oldEnv !== newEnv) {
      if (oldEnv !== undefined) this.setFlowsIn(oldEnv, this.flowsIn(oldEnv).filter((f) => f !== id), patches);
      if (newEnv !== undefined) this.setFlowsIn(newEnv, [...this.flowsIn(newEnv), id], patches);
    }
  }

  private setFlowsIn(environmentId: string, flows: string[], patches: DataPatch[]): void {
    this.indexes.flowsByEnvironment.set(environmentId, flows);
    patches.push({ path: ['tenant', 'index', 'flowsByEnvironment', environmentId], value: flows });
  }

  /**
   * Expands again the edited groups, every group above them, and (for new users whose id a group
   * already listed) the groups naming them; updates memberOf for every user who joined or left one.
   */
  private reexpandGroups(edited: string[], addedUsers: string[], patches: DataPatch[], dirty: Map<ObjectKind, Set<string>>): void {
    const parents = this.groupParents();
    for (const id of edited) {
      for (const m of asArray(this.get('groups', id)?.members)) {
        if (typeof m === 'string' && this.get('groups', m)) {
          const set = parents.get(m) ?? new Set();
          set.add(id);
          parents.set(m, set);
        }
      }
    }
    const todo = new Set<string>();
    const climb = (id: string) => {
      if (todo.has(id)) return;
      todo.add(id);
      for (const p of parents.get(id) ?? []) climb(p);
    };
    for (const id of edited) climb(id);
    for (const userId of addedUsers) for (const p of parents.get(userId) ?? []) climb(p);

    const isUser = (id: string) => this.get('users', id) !== undefined;
    const groupOf = (id: string) => this.get('groups', id);
    const memberChanges = new Map<string, string[]>();
    for (const groupId of todo) {
      const group = this.get('groups', groupId);
      if (!group) continue;
      const before = new Set(asArray(group.transitiveMembers) as string[]);
      const members = expandGroup(groupId, groupOf, isUser);
      const after = new Set(members);
      const updated = { ...group, transitiveMembers: members, memberCount: members.length };
      this.objects.get('groups')!.set(groupId, updated);
      patches.push({ path: ['tenant', 'groups', groupId], value: updated });
      dirty.get('groups')!.add(groupId);
      for (const u of after) if (!before.has(u)) memberChanges.set(u, [...(memberChanges.get(u) ?? this.memberOf(u)), groupId]);
      for (const u of before) if (!after.has(u)) memberChanges.set(u, (memberChanges.get(u) ?? this.memberOf(u)).filter((g) => g !== groupId));
    }
    for (const [userId, groups] of memberChanges) {
      this.indexes.memberOf.set(userId, groups);
      patches.push({ path: ['tenant', 'index', 'memberOf', userId], value: groups });
      dirty.get('users')!.add(userId);
    }
  }

  private groupParents(): Map<string, Set<string>> {
    if (this.parents) return this.parents;
    const parents = new Map<string, Set<string>>();
    const groups = this.base.groups ?? {};
    for (const [id, group] of Object.entries(groups)) {
      for (const m of asArray(group.members)) {
        if (typeof m !== 'string' || !Object.hasOwn(groups, m)) continue;
        const set = parents.get(m) ?? new Set();
        set.add(id);
        parents.set(m, set);
      }
    }
    return (this.parents = parents);
  }

  // ---- scope: which objects a change can affect ----

  /** principal id → keys ("kind/id") of the groups, environments, flows, apps and sites that name it. */
  private referenceIndex(): Map<string, Set<string>> {
    if (this.references) return this.references;
    this.references = new Map();
    for (const kind of ['groups', 'environments', 'flows', 'apps', 'sites'] as const) {
      for (const id of this.ids(kind)) this.addReferences(kind, id, this.get(kind, id)!);
    }
    return this.references;
  }

  /** Records who the object names, once the index exists (it only grows: a stale entry just widens a scope). */
  private addReferences(kind: ObjectKind, id: string, o: JsonObject): void {
    const index = this.references;
    if (!index) return; // built later from the current objects
    const key = `${kind}/${id}`;
    const add = (p: unknown) => {
      if (typeof p !== 'string' || !p) return;
      let set = index.get(p);
      if (!set) index.set(p, (set = new Set()));
      set.add(key);
    };
    const each = (list: unknown, field: string) => {
      for (const e of asArray(list)) add((e as Obj)?.[field]);
    };
    if (kind === 'groups') {
      for (const m of asArray(o.members)) add(m);
      for (const m of asArray(o.owners)) add(m);
    } else if (kind === 'environments') {
      each(o.roleAssignments, 'principalId');
      add(o.securityGroupId);
    } else if (kind === 'flows') {
      add(o.creatorId);
      each(o.owners, 'principalId');
      each(o.runOnlyUsers, 'principalId');
      each(o.connectionReferences, 'connectionOwnerId');
      each(o.sharedCopies, 'recipientId');
      each(o.sharedCopies, 'sentBy');
    } else if (kind === 'apps') {
      add(o.ownerId);
      each(o.sharedWith, 'principalId');
    } else if (kind === 'sites') {
      for (const p of asArray(o.owners)) add(p);
      for (const p of asArray(o.externalUsers)) add(p);
    }
  }

  /**
   * The objects to re-check:
   * - every edited object (an edited user, group, flow, environment or app);
   * - users whose group memberships or flow roles changed, and the members of a group whose flow roles
   *   changed (controls on users read which flows they can reach);
   * - the groups, flows, environments and apps that name an edited user (directly, or through a group it
   *   is in: they read its attributes) or an edited group (they read its members);
   * - the environments of the flows re-checked, apart (flowEnvironments): only controls on environments
   *   that read their flows look at those.
   * A user who only gained or lost a membership or a flow role is not followed into its other groups:
   * nothing read through them changed.
   */
  private scopeOf(dirty: Map<ObjectKind, Set<string>>, edited: Set<string>, dirtyPrincipals: Set<string>, tenantCounts: boolean): Scope {
    const references = this.referenceIndex();
    const users = new Set(dirty.get('users'));
    for (const p of dirtyPrincipals) {
      if (this.get('users', p)) users.add(p);
      else for (const m of asArray(this.get('groups', p)?.transitiveMembers)) users.add(m as string);
    }
    const readers = new Set<string>([...edited, ...dirty.get('groups')!]);
    for (const u of edited) for (const g of this.memberOf(u)) readers.add(g);

    const scope = new Map<ObjectKind, Set<string>>(KINDS.map((k) => [k, new Set(k === 'users' ? users : dirty.get(k)!)]));
    for (const p of readers) {
      if (this.get('groups', p)) scope.get('groups')!.add(p);
      for (const key of references.get(p) ?? []) {
        const slash = key.indexOf('/');
        scope.get(key.slice(0, slash) as ObjectKind)!.add(key.slice(slash + 1));
      }
    }
    const flowEnvironments = new Set<string>();
    for (const id of scope.get('flows')!) {
      const env = this.get('flows', id)?.environmentId;
      if (typeof env === 'string') flowEnvironments.add(env);
    }
    const out = Object.fromEntries(KINDS.map((k) => [k, [...scope.get(k)!].sort()])) as Record<ObjectKind, string[]>;
    return { ...out, flowEnvironments: [...flowEnvironments].sort(), tenantCounts };
  }

  /** Every id of a kind, added objects included. */
  ids(kind: ObjectKind): string[] {
    return [...new Set([...Object.keys(this.base[kind] ?? {}), ...this.objects.get(kind)!.keys()])];
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
