import type { DataPatch } from '../engine/engine.js';
import { epochField, isListSection, isTimeField, LIST_SECTIONS, type FlowRole } from '../tenant-model/description.js';
import { countConnectors, expandGroup, flowConnectors, forEachFlowRole, shapeObject } from '../model/normalise.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import type { ObjectKind } from './apply.js';
import type { CopyOnWriteStore, Pending } from './store.js';

type FlowEntry = { flowId: string; role: FlowRole };

/** What re-normalising one change's edits gives: the engine's patches and what moved, for the scope. */
export interface Renormalised {
  /** Edits that bring the engine's data.tenant up to date. */
  patches: DataPatch[];
  /** Objects re-shaped or re-expanded, per kind. */
  dirty: Map<ObjectKind, Set<string>>;
  /** Users and groups whose flow roles changed. */
  dirtyPrincipals: Set<string>;
  /** Users edited or added: their attributes changed. */
  attributeUsers: Set<string>;
  /** A list section that was absent appeared: findings can change anywhere. */
  global: boolean;
  /** index.counts moved. */
  tenantCounts: boolean;
  /** The settings sections the change set something in. */
  sections: string[];
}

/**
 * Normalises again just the objects a change edited, as normalise.ts would have shaped them, and keeps the
 * indexes they feed in step (UPN and mail lookups, user counts and fields, group expansion and memberOf,
 * flows by principal and by environment, connectors by environment), writing a patch for every update.
 */
export class Renormaliser {
  private readonly indexes = {
    usersByUpn: new Map<string, string | undefined>(),
    usersByMail: new Map<string, string | undefined>(),
    memberOf: new Map<string, string[]>(),
    flowsByPrincipal: new Map<string, FlowEntry[]>(),
    flowsByEnvironment: new Map<string, string[]>(),
    connectorsByEnvironment: new Map<string, Record<string, number>>(),
  };
  private counts: NormalisedTenant['index']['counts'];
  private readonly userFields = new Set<string>();
  /** Nested group → the groups that list it as a member (for re-expanding the groups above an edited one). */
  private parents: Map<string, Set<string>> | undefined;

  constructor(
    private readonly store: CopyOnWriteStore,
    private readonly base: NormalisedTenant = store.base,
  ) {
    this.counts = { ...base.index.counts };
  }

  /** Builds the group nesting the first change would otherwise pay for. */
  prepare(): void {
    this.groupParents();
  }

  /** The groups a user is in now, directly or through nested groups. */
  memberOf(userId: string): string[] {
    return this.indexes.memberOf.get(userId) ?? this.base.index.memberOf[userId] ?? [];
  }

  /**
   * Re-normalises what `pending` names; `shaped` hears of every object re-shaped (the scope's reference
   * index follows what it now names).
   */
  commit(pending: Pending, shaped: (kind: ObjectKind, id: string, object: JsonObject) => void): Renormalised {
    const patches: DataPatch[] = [];
    const dirty = new Map<ObjectKind, Set<string>>(LIST_SECTIONS.map((k) => [k, new Set()]));
    const dirtyPrincipals = new Set<string>();
    let global = false;
    let tenantCounts = false;

    for (const section of pending.settings) {
      patches.push({ path: ['tenant', section], value: this.store.setting(section) });
      if (!this.store.hasSection(section)) this.addSection(section, patches);
    }
    for (const [kind, edited] of pending.objects) {
      if (!this.store.hasSection(kind)) {
        this.addSection(kind, patches);
        global = true;
      }
      for (const [id, before] of edited) {
        const after = this.reshape(kind, this.store.get(kind, id)!);
        this.store.replace(kind, id, after);
        dirty.get(kind)!.add(id);
        if (kind === 'users') this.reindexUser(id, before, after, patches);
        if (kind === 'flows') this.reindexFlow(id, before, after, patches, dirtyPrincipals);
        shaped(kind, id, after);
        if (kind === 'users' && this.recount(before, after, patches)) tenantCounts = true;
      }
    }
    // Groups last: an edited group, and every group above it, is expanded again over the current users.
    const groups = pending.objects.get('groups');
    const addedUsers = [...(pending.objects.get('users') ?? new Map()).entries()].filter(([, before]) => !before).map(([id]) => id);
    if (groups || addedUsers.length > 0) this.reexpandGroups([...(groups?.keys() ?? [])], addedUsers, patches, dirty);
    for (const kind of LIST_SECTIONS) {
      for (const id of pending.objects.get(kind)?.keys() ?? []) {
        if (kind !== 'groups') patches.push({ path: ['tenant', kind, id], value: this.store.get(kind, id) });
      }
    }
    const attributeUsers = new Set(pending.objects.get('users')?.keys() ?? []);
    return { patches, dirty, dirtyPrincipals, attributeUsers, global, tenantCounts, sections: [...pending.settings] };
  }

  /** A section absent from the export appears (e.g. the first user of an export without users). */
  private addSection(name: string, patches: DataPatch[]): void {
    this.store.addSection(name);
    patches.push({ path: ['tenant', 'sections', name], value: true });
    if (isListSection(name)) patches.push({ path: ['tenant', name], value: {} });
  }

  private reshape(kind: ObjectKind, edited: JsonObject): JsonObject {
    // Derived time fields are worked out again from the times as they are now.
    const o = { ...edited };
    for (const key of Object.keys(o)) if (isTimeField(key)) delete o[epochField(key)];
    const shaped = shapeObject(kind, o);
    if (kind === 'groups') return { ...shaped, transitiveMembers: o.transitiveMembers ?? [], memberCount: o.memberCount ?? 0 };
    return shaped;
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

  private flowsOf(principalId: string): FlowEntry[] {
    return this.indexes.flowsByPrincipal.get(principalId) ?? this.base.index.flowsByPrincipal[principalId] ?? [];
  }

  private flowsIn(environmentId: string): string[] {
    return this.indexes.flowsByEnvironment.get(environmentId) ?? this.base.index.flowsByEnvironment[environmentId] ?? [];
  }

  private reindexFlow(id: string, before: JsonObject | undefined, after: JsonObject, patches: DataPatch[], dirtyPrincipals: Set<string>): void {
    const entries = (flow: JsonObject | undefined): Map<string, FlowEntry[]> => {
      const out = new Map<string, FlowEntry[]>();
      if (!flow) return out;
      forEachFlowRole(flow, (p, role) => {
        const list = out.get(p) ?? [];
        list.push({ flowId: id, role });
        out.set(p, list);
      });
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
      for (const m of asArray(this.store.get('groups', id)?.members)) {
        if (typeof m === 'string' && this.store.get('groups', m)) {
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

    const isUser = (id: string) => this.store.get('users', id) !== undefined;
    const groupOf = (id: string) => this.store.get('groups', id);
    const memberChanges = new Map<string, string[]>();
    for (const groupId of todo) {
      const group = this.store.get('groups', groupId);
      if (!group) continue;
      const before = new Set(asArray(group.transitiveMembers) as string[]);
      const members = expandGroup(groupId, groupOf, isUser);
      const after = new Set(members);
      const updated = { ...group, transitiveMembers: members, memberCount: members.length };
      this.store.replace('groups', groupId, updated);
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
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
