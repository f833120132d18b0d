import { ImportContext, type Rec } from './context.js';
import { readCollectionRecord } from './collection-file.js';
import type { ImportWarning, MissingSection } from './layout.js';
import { RawDir } from './raw-dir.js';
import { readApps } from './sources/apps.js';
import { readAuthorizationPolicy } from './sources/authorization-policy.js';
import { readB2bManagementPolicy } from './sources/b2b-management-policy.js';
import { readCrossTenantAccess } from './sources/cross-tenant-access.js';
import { readDirectoryRoles } from './sources/directory-roles.js';
import { readGroupUnifiedSetting } from './sources/directory-settings.js';
import { readDlpPolicies } from './sources/dlp-policies.js';
import { readEnvironments } from './sources/environments.js';
import { readFlows } from './sources/flows.js';
import { readGroups } from './sources/groups.js';
import { readOrganization } from './sources/organization.js';
import { readEmailOneTimePasscode, readSelfServiceSignUp } from './sources/sign-up-policies.js';
import { readSubscribedSkus } from './sources/subscribed-skus.js';
import { readTenantSettings } from './sources/tenant-settings.js';
import { readUsers } from './sources/users.js';

/** A schema-v1 export assembled from raw data, before it is validated and written. */
export interface ImportedExport {
  /** The export document: schemaVersion 1, the sections found, and `collection`. */
  document: Rec;
  missing: MissingSection[];
  notes: string[];
  warnings: ImportWarning[];
  context: ImportContext;
}

/** Section order of the written document. */
const LIST_SECTIONS = ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps'] as const;

/**
 * A raw folder (the `collect` layout) → the export. Mapping only: each source module turns one response into
 * the model's fields; this function puts them together (directory roles onto users, settings into
 * externalCollaboration) and records every section that was not collected.
 */
export function importRawFolder(dir: string): ImportedExport {
  const raw = new RawDir(dir);
  const record = readCollectionRecord(raw);
  const ctx = new ImportContext(raw, record.missing);

  const tenant = readOrganization(ctx);
  if (tenant && record.collectedAt) tenant.exportedAt = record.collectedAt;

  const external: Rec = {};
  Object.assign(external, readAuthorizationPolicy(ctx) ?? {});
  const invitationDomains = readB2bManagementPolicy(ctx);
  if (invitationDomains) external.invitationDomains = invitationDomains;
  const signUp = readSelfServiceSignUp(ctx);
  if (signUp !== undefined) external.guestSelfServiceSignUp = signUp;
  const otp = readEmailOneTimePasscode(ctx);
  if (otp !== undefined) external.emailOneTimePasscode = otp;
  const crossTenant = readCrossTenantAccess(ctx);
  if (crossTenant) external.crossTenantAccess = crossTenant;
  const m365Groups = readGroupUnifiedSetting(ctx);
  if (m365Groups) external.m365Groups = m365Groups;

  const tenantSettings = readTenantSettings(ctx);
  const users = readUsers(ctx, readSubscribedSkus(ctx));
  const groups = readGroups(ctx);
  const roles = users ? readDirectoryRoles(ctx) : undefined;
  if (users && roles) assignDirectoryRoles(users, groups, roles);
  const environments = readEnvironments(ctx);
  const environmentIds = environments?.map((e) => e.id as string);
  const sections: Record<(typeof LIST_SECTIONS)[number], Rec[] | undefined> = {
    users,
    groups,
    environments,
    dlpPolicies: readDlpPolicies(ctx),
    flows: readFlows(ctx, environmentIds),
    apps: readApps(ctx, environmentIds),
  };

  // What collect could not read stays recorded even where the mapping found nothing amiss (e.g. a group's settings).
  for (const m of record.missing) ctx.missingBecause(m.section, m.reason);

  const document: Rec = { schemaVersion: 1 };
  if (tenant) document.tenant = tenant;
  if (Object.keys(external).length > 0) document.externalCollaboration = external;
  if (tenantSettings) document.powerPlatform = { tenantSettings };
  for (const name of LIST_SECTIONS) if (sections[name]) document[name] = sections[name];
  document.collection = {
    source: record.collectedAt ? 'shareguard collect' : 'shareguard import',
    collectedAt: record.collectedAt,
    missing: ctx.missing,
    warnings: ctx.warnings,
  };
  return { document, missing: ctx.missing, notes: ctx.notes, warnings: ctx.warnings, context: ctx };
}

/**
 * Directory roles onto users: a user holds the roles assigned to them and to the groups they are a direct member
 * of (role-assignable groups). Every user gets a list, empty when they hold none, since assignments were read.
 */
function assignDirectoryRoles(users: Rec[], groups: Rec[] | undefined, roles: Map<string, Set<string>>): void {
  const viaGroups = new Map<string, Set<string>>();
  for (const group of groups ?? []) {
    const groupRoles = roles.get(group.id as string);
    if (!groupRoles || !Array.isArray(group.members)) continue;
    for (const member of group.members as string[]) {
      const set = viaGroups.get(member) ?? new Set<string>();
      for (const r of groupRoles) set.add(r);
      viaGroups.set(member, set);
    }
  }
  for (const user of users) {
    const id = user.id as string;
    const all = new Set([...(roles.get(id) ?? []), ...(viaGroups.get(id) ?? [])]);
    user.directoryRoles = [...all].sort();
  }
}
