import type { MergedExport } from '../load/types.js';
import {
  epochField,
  flowRoleFields,
  isTimeField,
  LIST_SECTIONS,
  referenceReader,
  SECTIONS,
  sectionOf,
  type FlowRole,
  type ListSection,
  type ReferenceField,
  type ReferenceKind,
} from '../tenant-model/description.js';
import type { Json, JsonObject, NormalisedTenant, TenantStats } from './types.js';

type Sections = Record<string, unknown>;

/**
 * Merged export → normalised tenant. Shape only: objects keyed by id, lookups by UPN and mail, group
 * membership expanded, DLP scope resolved to environments, ISO times given an epoch-seconds twin.
 * No governance decision is taken here; Rego decides.
 *
 * Every id-keyed map is a null-prototype object, so an id such as "__proto__" is an ordinary key.
 */
export function normaliseTenant(merged: MergedExport, options: NormaliseOptions = {}): { tenant: NormalisedTenant; stats: TenantStats } {
  const tenant: NormalisedTenant = {
    sections: dict(),
    domains: dict(),
    notCollected: dict(),
    unknownPrincipals: dict(),
    index: { usersByUpn: dict(), usersByMail: dict(), memberOf: dict(), dlpPoliciesByEnvironment: dict(), flowsByPrincipal: dict(), flowsByEnvironment: dict(), connectorsByEnvironment: dict(), userFields: dict(), counts: { users: 0, usersNotDisabled: 0 } },
  };
  for (const name of Object.keys(merged.sections)) tenant.sections[name] = true;
  for (const m of merged.notCollected ?? []) tenant.notCollected[m.section] = true;

  // Every section as described: settings copied (with epoch twins where described), list objects keyed by id
  // and shaped; then the indexes particular to a section.
  for (const section of SECTIONS) {
    const value = merged[section.name];
    if (value === undefined) continue;
    if (section.list) (tenant as unknown as Sections)[section.name] = keyById(value as Record<string, unknown>[], shaperOf(section.name, options.inPlace === true));
    else (tenant as unknown as Sections)[section.name] = section.epochs ? withEpochs(value as Record<string, unknown>) : copy(value as Record<string, unknown>);
  }
  if (tenant.tenant) {
    for (const d of [tenant.tenant.initialDomain, ...asArray(tenant.tenant.verifiedDomains)]) {
      if (typeof d === 'string' && d) tenant.domains[d.toLowerCase()] = true;
    }
  }
  const users = tenant.users ?? dict<JsonObject>();
  for (const id in users) {
    const u = users[id]!;
    if (typeof u.userPrincipalName === 'string') tenant.index.usersByUpn[u.userPrincipalName.toLowerCase()] = id;
    if (typeof u.mail === 'string') tenant.index.usersByMail[u.mail.toLowerCase()] = id;
    countUser(tenant.index, u);
  }
  if (tenant.groups) expandGroups(tenant, options.inPlace === true);

  indexFlowsByPrincipal(tenant);
  const danglingDlpEnvironmentRefs = resolveDlpScopes(tenant);
  findUnknownPrincipals(tenant);

  const objects: Record<string, number> = {};
  for (const section of LIST_SECTIONS) {
    const map = tenant[section];
    if (map) objects[section] = Object.keys(map).length;
  }
  return {
    tenant,
    stats: { objects, unknownPrincipals: Object.keys(tenant.unknownPrincipals).length, danglingDlpEnvironmentRefs },
  };
}

export interface NormaliseOptions {
  /**
   * Shape the merged export's list objects where they are (epoch twins, derived domains, a group's transitive
   * members added to the object itself) instead of copying each: for a caller that drops the merged lists
   * afterwards (a scan: loadTenant with raw false). On the bench's 300,000-user tenant the copies were
   * 375,000 objects made and collected.
   */
  inPlace?: boolean;
}

/**
 * Counts a user into the whole-tenant indexes: how many users, how many not disabled (accountEnabled is
 * not false), and which fields at least one user carries (not null). They let a policy ask "was sign-in
 * activity exported at all?" or "how many accounts are enabled?" without reading every user.
 */
export function countUser(index: NormalisedTenant['index'], u: JsonObject): void {
  index.counts.users += 1;
  if (u.accountEnabled !== false) index.counts.usersNotDisabled += 1;
  for (const key in u) if (u[key] !== null && !(key in index.userFields)) index.userFields[key] = true;
}

// The shape of one object, exported for the simulator, which normalises the objects a change edits
// rather than the whole tenant again (src/simulate/renormalise.ts).

/**
 * One list object as data.tenant holds it: epoch twins of its time fields (and of those in its described
 * nested lists, e.g. a flow's shared copies), and the lower-cased domains the description derives from its
 * addresses (a user's upnDomain and mailDomain). A group gains transitiveMembers and memberCount later, in
 * expandGroup.
 */
export function shapeObject(section: ListSection, o: Record<string, unknown>): JsonObject {
  return shaperOf(section)(o);
}

type Shaper = (o: Record<string, unknown>) => JsonObject;
const shapers = new Map<string, Shaper>();

/**
 * The shaper of a section's objects: on a shallow copy of each (and of its nested described objects), or,
 * `inPlace`, on the object itself (NormaliseOptions.inPlace).
 */
function shaperOf(name: ListSection, inPlace = false): Shaper {
  const key = `${name}:${inPlace}`;
  let shaper = shapers.get(key);
  if (shaper) return shaper;
  const section = sectionOf(name);
  const nested = section.nestedTimes ?? [];
  const domains = Object.entries(section.domains ?? {});
  const epochs = (o: Record<string, unknown>): JsonObject => (inPlace ? addEpochs(o as JsonObject) : withEpochs(o));
  shaper = (o) => {
    const out = epochs(o);
    for (const field of nested) {
      const list = out[field];
      if (Array.isArray(list)) out[field] = list.map((c) => (isObject(c) ? epochs(c) : c));
    }
    for (const [derived, address] of domains) Object.assign(out, domainField(derived, o[address]));
    return out;
  };
  shapers.set(key, shaper);
  return shaper;
}

/**
 * The user (and unknown principal) ids in a group, nested groups expanded and cycles tolerated. A member
 * is a nested group when it names a group and no user.
 */
export function expandGroup(root: string, groupOf: (id: string) => JsonObject | undefined, isUser: (id: string) => boolean): string[] {
  const members = new Set<string>();
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const m of asArray(groupOf(queue.pop()!)?.members)) {
      if (typeof m !== 'string') continue;
      if (!groupOf(m) || isUser(m)) members.add(m);
      else if (!seen.has(m)) {
        seen.add(m);
        queue.push(m);
      }
    }
  }
  return [...members];
}

function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function copy(o: Record<string, unknown>): JsonObject {
  return { ...(o as JsonObject) };
}

function keyById(list: Record<string, unknown>[], shape: (o: Record<string, unknown>) => JsonObject): Record<string, JsonObject> {
  const out = dict<JsonObject>();
  for (const o of list) out[String(o.id)] = shape(o);
  return out;
}

/** A shallow copy with an epoch twin (whole seconds) beside every time field (description.ts, isTimeField). */
export function withEpochs(o: Record<string, unknown>): JsonObject {
  return addEpochs({ ...(o as JsonObject) });
}

/** The epoch twins added to `o` itself (and `o` returned). */
function addEpochs(o: JsonObject): JsonObject {
  for (const key of Object.keys(o)) {
    const value = o[key];
    if (typeof value !== 'string' || !isTimeField(key)) continue;
    const ms = Date.parse(value);
    // A twin's name ends in "Epoch", so it can never be "__proto__": plain assignment is safe here.
    if (!Number.isNaN(ms)) o[epochField(key)] = Math.floor(ms / 1000);
  }
  return o;
}

function domainField(name: string, address: unknown): JsonObject {
  if (typeof address !== 'string') return {};
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return {};
  return { [name]: address.slice(at + 1).toLowerCase() };
}

/** Gives every group its transitive user members (nested groups expanded, cycles tolerated) and fills memberOf. */
function expandGroups(tenant: NormalisedTenant, inPlace: boolean): void {
  const groups = tenant.groups!;
  const users = tenant.users ?? dict<JsonObject>();
  for (const id of Object.keys(groups)) {
    // A walk per group over the groups it contains; nesting is shallow in practice, so this stays cheap.
    const members = expandGroup(id, (g) => groups[g], (u) => u in users);
    if (inPlace) Object.assign(groups[id]!, { transitiveMembers: members, memberCount: members.length });
    else groups[id] = { ...groups[id]!, transitiveMembers: members, memberCount: members.length };
    for (const m of members) (tenant.index.memberOf[m] ??= []).push(id);
  }
}

/** principal id → the flows that name it as creator, owner or run-only user (direct references only); environment id → its flows and the connectors they name. */
function indexFlowsByPrincipal(tenant: NormalisedTenant): void {
  const index = tenant.index.flowsByPrincipal;
  const flows = tenant.flows ?? dict<JsonObject>();
  for (const flowId in flows) {
    const flow = flows[flowId]!;
    forEachFlowRole(flow, (principal, role) => (index[principal] ??= []).push({ flowId, role }));
    if (typeof flow.environmentId === 'string') (tenant.index.flowsByEnvironment[flow.environmentId] ??= []).push(flowId);
    if (typeof flow.environmentId === 'string') countConnectors((tenant.index.connectorsByEnvironment[flow.environmentId] ??= dict<number>()), flow, 1);
  }
}

const FLOW_ROLE_READERS = flowRoleFields().map((f) => ({ read: referenceReader(f.path), role: f.flowRole }));

/** Each principal a flow names directly in a role index.flowsByPrincipal records, in the description's order. */
export function forEachFlowRole(flow: Record<string, unknown>, found: (principal: string, role: FlowRole) => void): void {
  for (const { read, role } of FLOW_ROLE_READERS) {
    read(flow, (p) => {
      if (typeof p === 'string' && p) found(p, role);
    });
  }
}

/** The connector ids a flow names: its connection references' and its trigger's. */
export function flowConnectors(flow: JsonObject): string[] {
  const ids = new Set<string>();
  for (const c of asArray(flow.connectionReferences)) if (isObject(c) && typeof c.connectorId === 'string') ids.add(c.connectorId);
  const trigger = flow.trigger;
  if (isObject(trigger) && typeof trigger.connectorId === 'string') ids.add(trigger.connectorId);
  return [...ids];
}

/** Adds (delta 1) or removes (delta -1) a flow's connectors in its environment's counts (index.connectorsByEnvironment). */
export function countConnectors(counts: Record<string, number>, flow: JsonObject, delta: 1 | -1): void {
  for (const id of flowConnectors(flow)) {
    const n = (counts[id] ?? 0) + delta;
    if (n > 0) counts[id] = n;
    else delete counts[id];
  }
}

/** Which DLP policies cover which environment; returns how many listed environments do not exist. */
function resolveDlpScopes(tenant: NormalisedTenant): number {
  const policies = tenant.dlpPolicies;
  if (!policies) return 0;
  const environments = tenant.environments;
  const envIds = environments ? Object.keys(environments) : [];
  let dangling = 0;
  for (const [policyId, policy] of Object.entries(policies)) {
    const listed = asArray(policy.environments).filter((e): e is string => typeof e === 'string');
    if (environments) dangling += listed.filter((e) => !(e in environments)).length;
    let covered: string[];
    if (policy.environmentType === 'AllEnvironments') covered = envIds;
    else if (policy.environmentType === 'ExceptEnvironments') covered = envIds.filter((e) => !listed.includes(e));
    else covered = environments ? listed.filter((e) => e in environments) : listed;
    for (const envId of covered) (tenant.index.dlpPoliciesByEnvironment[envId] ??= []).push(policyId);
  }
  return dangling;
}

/**
 * Principal references that match no user or group: kept as unknown (deleted) principals. Only judged when
 * the users section is present; a reference typed as a group is only judged when groups are present too.
 * Which fields are references, and of which kind, is the description's (description.ts, ReferenceKind).
 */
function findUnknownPrincipals(tenant: NormalisedTenant): void {
  const users = tenant.users;
  if (!users) return;
  const groups = tenant.groups;
  const check = (id: unknown, type?: unknown) => {
    if (typeof id !== 'string' || !id || type === 'SharePointList') return;
    if (id in users || (groups && id in groups)) return;
    if (!groups && type !== undefined && type !== 'User') return;
    tenant.unknownPrincipals[id] = true;
  };
  const judges: Record<ReferenceKind, ((id: unknown, type: unknown) => void) | undefined> = {
    user: (id) => check(id, 'User'),
    member: (id) => check(id),
    principal: (id, type) => check(id, type ?? 'User'),
    group: undefined,
  };
  for (const section of SECTIONS) {
    if (!section.list) continue;
    const objects = tenant[section.name];
    if (!objects) continue;
    const fields = section.references.flatMap((r: ReferenceField) => {
      const judge = judges[r.kind];
      return judge ? [{ read: referenceReader(r.path), judge }] : [];
    });
    if (fields.length === 0) continue;
    for (const o of Object.values(objects)) for (const { read, judge } of fields) read(o, judge);
  }
}

export type { Json };
