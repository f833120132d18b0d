import type { MergedExport } from '../load/types.js';
import type { Json, JsonObject, NormalisedTenant, TenantStats } from './types.js';

/**
 * Merged export → normalised tenant. Shape only: objects keyed by id, lookups by UPN and mail, group
 * membership expanded, DLP scope resolved to environments, ISO times given an epoch-seconds twin.
 * No governance decision is taken here; Rego decides.
 *
 * Every id-keyed map is a null-prototype object, so an id such as "__proto__" is an ordinary key.
 */
export function normaliseTenant(merged: MergedExport): { tenant: NormalisedTenant; stats: TenantStats } {
  const tenant: NormalisedTenant = {
    sections: dict(),
    domains: dict(),
    notCollected: dict(),
    unknownPrincipals: dict(),
    index: { usersByUpn: dict(), usersByMail: dict(), memberOf: dict(), dlpPoliciesByEnvironment: dict(), flowsByPrincipal: dict(), flowsByEnvironment: dict(), connectorsByEnvironment: dict(), userFields: dict(), counts: { users: 0, usersNotDisabled: 0 } },
  };
  for (const name of Object.keys(merged.sections)) tenant.sections[name] = true;
  for (const m of merged.notCollected ?? []) tenant.notCollected[m.section] = true;

  if (merged.tenant) {
    tenant.tenant = withEpochs(merged.tenant);
    for (const d of [merged.tenant.initialDomain, ...asArray(merged.tenant.verifiedDomains)]) {
      if (typeof d === 'string' && d) tenant.domains[d.toLowerCase()] = true;
    }
  }
  if (merged.externalCollaboration) tenant.externalCollaboration = copy(merged.externalCollaboration);
  if (merged.powerPlatform) tenant.powerPlatform = copy(merged.powerPlatform);
  if (merged.sharePoint) tenant.sharePoint = copy(merged.sharePoint);
  if (merged.teamsSettings) tenant.teamsSettings = copy(merged.teamsSettings);

  if (merged.users) {
    tenant.users = keyById(merged.users, shapeUser);
    for (const [id, u] of Object.entries(tenant.users)) {
      if (typeof u.userPrincipalName === 'string') tenant.index.usersByUpn[u.userPrincipalName.toLowerCase()] = id;
      if (typeof u.mail === 'string') tenant.index.usersByMail[u.mail.toLowerCase()] = id;
      countUser(tenant.index, u);
    }
  }
  if (merged.groups) {
    tenant.groups = keyById(merged.groups, shapeGroup);
    expandGroups(tenant);
  }
  if (merged.environments) tenant.environments = keyById(merged.environments, withEpochs);
  if (merged.dlpPolicies) tenant.dlpPolicies = keyById(merged.dlpPolicies, withEpochs);
  if (merged.flows) {
    tenant.flows = keyById(merged.flows, shapeFlow);
  }
  if (merged.apps) tenant.apps = keyById(merged.apps, withEpochs);
  if (merged.sites) tenant.sites = keyById(merged.sites, shapeSite);
  if (merged.teams) tenant.teams = keyById(merged.teams, withEpochs);

  indexFlowsByPrincipal(tenant);
  const danglingDlpEnvironmentRefs = resolveDlpScopes(tenant);
  findUnknownPrincipals(tenant);

  const objects: Record<string, number> = {};
  for (const section of ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps', 'sites', 'teams'] as const) {
    const map = tenant[section];
    if (map) objects[section] = Object.keys(map).length;
  }
  return {
    tenant,
    stats: { objects, unknownPrincipals: Object.keys(tenant.unknownPrincipals).length, danglingDlpEnvironmentRefs },
  };
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
// rather than the whole tenant again (src/simulate/state.ts).

/** A user: epoch twins of its times, and the lower-cased domains of its UPN and mail. */
export function shapeUser(u: Record<string, unknown>): JsonObject {
  return { ...withEpochs(u), ...domainField('upnDomain', u.userPrincipalName), ...domainField('mailDomain', u.mail) };
}

/** A group before its members are expanded (expandGroup adds transitiveMembers and memberCount). */
export function shapeGroup(g: Record<string, unknown>): JsonObject {
  return { ...withEpochs(g), ...domainField('mailDomain', g.mail) };
}

/** A flow: epoch twins of its times, and of each shared copy's. */
export function shapeFlow(f: Record<string, unknown>): JsonObject {
  const flow = withEpochs(f);
  if (Array.isArray(flow.sharedCopies)) flow.sharedCopies = flow.sharedCopies.map((c) => (isObject(c) ? withEpochs(c) : c));
  return flow;
}

/** A site: epoch twins of its times, and of each sharing link's (expirationDateTimeEpoch). */
export function shapeSite(s: Record<string, unknown>): JsonObject {
  const site = withEpochs(s);
  if (Array.isArray(site.sharingLinks)) site.sharingLinks = site.sharingLinks.map((l) => (isObject(l) ? withEpochs(l) : l));
  return site;
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

/** A shallow copy with `<field>Epoch` (whole seconds) beside every ISO 8601 time field (…DateTime, …At). */
export function withEpochs(o: Record<string, unknown>): JsonObject {
  const out: JsonObject = { ...(o as JsonObject) };
  for (const key in o) {
    const value = o[key];
    if (typeof value !== 'string' || !(key.endsWith('DateTime') || key.endsWith('At'))) continue;
    const ms = Date.parse(value);
    // `${key}Epoch` can never be "__proto__", so plain assignment is safe here.
    if (!Number.isNaN(ms)) out[`${key}Epoch`] = Math.floor(ms / 1000);
  }
  return out;
}

function domainField(name: string, address: unknown): JsonObject {
  if (typeof address !== 'string') return {};
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return {};
  return { [name]: address.slice(at + 1).toLowerCase() };
}

/** Gives every group its transitive user members (nested groups expanded, cycles tolerated) and fills memberOf. */
function expandGroups(tenant: NormalisedTenant): void {
  const groups = tenant.groups!;
  const users = tenant.users ?? dict<JsonObject>();
  for (const id of Object.keys(groups)) {
    // A walk per group over the groups it contains; nesting is shallow in practice, so this stays cheap.
    const members = expandGroup(id, (g) => groups[g], (u) => u in users);
    groups[id] = { ...groups[id]!, transitiveMembers: members, memberCount: members.length };
    for (const m of members) (tenant.index.memberOf[m] ??= []).push(id);
  }
}

/** principal id → the flows that name it as creator, owner or run-only user (direct references only); environment id → its flows and the connectors they name. */
function indexFlowsByPrincipal(tenant: NormalisedTenant): void {
  const index = tenant.index.flowsByPrincipal;
  const add = (principal: unknown, flowId: string, role: 'creator' | 'owner' | 'runOnly') => {
    if (typeof principal === 'string' && principal) (index[principal] ??= []).push({ flowId, role });
  };
  for (const [flowId, flow] of Object.entries(tenant.flows ?? {})) {
    add(flow.creatorId, flowId, 'creator');
    for (const o of asArray(flow.owners)) if (isObject(o)) add(o.principalId, flowId, 'owner');
    for (const r of asArray(flow.runOnlyUsers)) if (isObject(r)) add(r.principalId, flowId, 'runOnly');
    if (typeof flow.environmentId === 'string') (tenant.index.flowsByEnvironment[flow.environmentId] ??= []).push(flowId);
    if (typeof flow.environmentId === 'string') countConnectors((tenant.index.connectorsByEnvironment[flow.environmentId] ??= dict<number>()), flow, 1);
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
  const refs = (list: unknown, idKey: string) => {
    for (const r of asArray(list)) if (isObject(r)) check(r[idKey], r.principalType ?? 'User');
  };
  for (const u of Object.values(users)) {
    for (const s of asArray(u.sponsors)) check(s);
    check(u.invitedBy);
  }
  for (const g of Object.values(groups ?? {})) {
    for (const m of asArray(g.members)) check(m);
    for (const o of asArray(g.owners)) check(o);
  }
  for (const e of Object.values(tenant.environments ?? {})) refs(e.roleAssignments, 'principalId');
  for (const f of Object.values(tenant.flows ?? {})) {
    check(f.creatorId, 'User');
    refs(f.owners, 'principalId');
    refs(f.runOnlyUsers, 'principalId');
    for (const c of asArray(f.connectionReferences)) if (isObject(c)) check(c.connectionOwnerId, 'User');
    for (const c of asArray(f.sharedCopies)) if (isObject(c)) {
      check(c.recipientId, 'User');
      check(c.sentBy, 'User');
    }
  }
  for (const a of Object.values(tenant.apps ?? {})) {
    check(a.ownerId, 'User');
    refs(a.sharedWith, 'principalId');
  }
  for (const s of Object.values(tenant.sites ?? {})) {
    for (const o of asArray(s.owners)) check(o);
    for (const x of asArray(s.externalUsers)) check(x);
  }
}

export type { Json };
