import type { NormalisedTenant } from '../model/types.js';
import { LIST_SECTIONS, referenceReader, sectionOf, type ListSection } from '../tenant-model/description.js';
import { Closure, closureDocument, type ShardData } from './shard-plan.js';

/**
 * Closures for a simulated change on a tenant too large for one instance: instead of the whole tenant, each
 * evaluation of a change is given the data its questions read, gathered with the sharded scan's Closure
 * (shard-plan.ts), so that its document is kilobytes to a few MB whatever the tenant's size.
 *
 * - changeClosure: what the platform rules (policies/platform) read to judge the change: the objects its ids
 *   name (actor, principal, flow, group, environment, site or team), the users its addresses find
 *   (index.usersByMail / usersByUpn), and the groups the settings name (SharePoint's externalSharingGroups).
 * - scopeClosure: what a scoped evaluation (input.scope) of the controls reads: each object in scope with its
 *   references, as a shard of its kind would hold it.
 * The whole-tenant facts (settings, domains, counts, userFields, connectorsByEnvironment, sites, teams) are in
 * every document (closureDocument).
 */

/**
 * Top-level keys no policy reads, left out of a change's documents: unknownPrincipals (the ids references name
 * that match no object, for the scan summary) grows with the tenant, about 0.4 KB per 1,000 users of the
 * bench's tenants, 120 KB at 300,000 users, which every one of a change's three documents would parse again.
 */
const UNREAD: ReadonlySet<string> = new Set(['unknownPrincipals']);

/** The ids per kind of a scoped evaluation (simulate/scope.ts's Scope). */
export type ClosureScope = Partial<Record<ListSection, readonly string[]>> & {
  flowEnvironments?: readonly string[];
  tenantCounts?: boolean;
};

/** The data of a scoped evaluation: the scope's objects, their references and the whole-tenant facts. */
export function scopeClosure(tenant: NormalisedTenant, scope: ClosureScope, derived?: unknown): ShardData['data'] {
  return closureDocument(tenant, gatherScope(tenant, scope), undefined, [], derived, UNREAD).data;
}

/**
 * The data of a scoped evaluation holding what the scope reads in either of two states of the tenant (before
 * and after a change): the objects of `also` (gathered in the other state) as `tenant` has them, those it lacks
 * (an invited user) left out. Patched with the change, it is a superset of what the scope reads after it.
 */
export function scopeClosureBoth(tenant: NormalisedTenant, scope: ClosureScope, also: Closure, derived?: unknown): ShardData['data'] {
  const closure = gatherScope(tenant, scope);
  closure.add(also);
  return closureDocument(tenant, closure, undefined, [], derived, UNREAD).data;
}

/** What a scoped evaluation of `scope` reads in `tenant`, gathered. */
export function gatherScope(tenant: NormalisedTenant, scope: ClosureScope): Closure {
  const closure = new Closure(tenant);
  for (const id of scope.users ?? []) closure.user(id);
  for (const id of scope.groups ?? []) closure.groupIterated(id);
  for (const id of scope.flows ?? []) closure.flow(id);
  for (const id of scope.apps ?? []) closure.app(id);
  for (const id of scope.dlpPolicies ?? []) closure.ids.dlpPolicies.add(id);
  // An environment a control iterates brings its DLP policies and the principals of its role assignments (as
  // the tenant shard holds them); with tenantCounts, the controls comparing with a tenant-wide count look at
  // every environment (lib.environments_in_count_scope).
  const environments = new Set([...(scope.environments ?? []), ...(scope.flowEnvironments ?? [])]);
  if (scope.tenantCounts) for (const id of Object.keys(tenant.environments ?? {})) environments.add(id);
  for (const id of environments) iteratedEnvironment(closure, tenant, id);
  // Sites and teams are in every document whole; the principals they name are brought for those in scope.
  for (const section of LIST_SECTIONS) {
    if (section === 'users' || section === 'groups' || section === 'flows' || section === 'apps' || section === 'environments' || section === 'dlpPolicies') continue;
    const ids = scope[section] ?? [];
    if (ids.length > 0) referencesOf(closure, tenant, section, ids);
  }
  return closure;
}

/**
 * The data the platform rules read to judge a change: every string of the change that is an object's id
 * brings that object as a scoped evaluation of it would (a principal, with a group's members, since
 * helpers.guests_behind reads them), every address the users it names, and the groups named in the settings.
 */
export function changeClosure(tenant: NormalisedTenant, change: unknown, derived?: unknown): ShardData['data'] {
  const closure = new Closure(tenant);
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value) return;
      closure.principal(value);
      if (tenant.flows?.[value]) closure.flow(value);
      if (tenant.apps?.[value]) closure.app(value);
      if (tenant.environments?.[value]) iteratedEnvironment(closure, tenant, value);
      for (const section of ['sites', 'teams'] as const) if ((tenant[section] as Record<string, unknown> | undefined)?.[value]) referencesOf(closure, tenant, section, [value]);
      if (value.includes('@')) closure.address(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(change);
  // Groups a setting names (SharePoint's externalSharingGroups): the rules read their members list and name.
  const settings = (value: unknown): void => {
    if (typeof value === 'string') {
      if (tenant.groups?.[value]) closure.ids.groups.add(value);
    } else if (Array.isArray(value)) value.forEach(settings);
    else if (value && typeof value === 'object') Object.values(value).forEach(settings);
  };
  for (const key of Object.keys(tenant)) {
    if (key === 'index' || UNREAD.has(key) || (LIST_SECTIONS as readonly string[]).includes(key)) continue;
    settings((tenant as unknown as Record<string, unknown>)[key]);
  }
  return closureDocument(tenant, closure, undefined, [], derived, UNREAD).data;
}

function iteratedEnvironment(closure: Closure, tenant: NormalisedTenant, id: string): void {
  const environment = tenant.environments?.[id];
  if (!environment) return;
  closure.environment(id);
  for (const r of Array.isArray(environment.roleAssignments) ? environment.roleAssignments : []) {
    if (r && typeof r === 'object' && !Array.isArray(r)) closure.principal((r as Record<string, unknown>).principalId);
  }
}

/** The principals and groups a site's or team's reference fields name (as the tenant shard brings them). */
function referencesOf(closure: Closure, tenant: NormalisedTenant, section: ListSection, ids: readonly string[]): void {
  const readers = sectionOf(section).references.map((r) => referenceReader(r.path));
  const map = (tenant[section] ?? {}) as Record<string, Record<string, unknown>>;
  for (const id of ids) {
    const o = map[id];
    if (!o) continue;
    for (const read of readers) {
      read(o as never, (ref) => {
        if (typeof ref === 'string' && tenant.groups?.[ref]) closure.groupIterated(ref);
        else closure.principal(ref);
      });
    }
  }
}
