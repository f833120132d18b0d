import { formatPosition, InputError, InputErrors } from '../errors.js';
import { ImportContext, type Rec } from './context.js';
import { readCollectionRecord } from './collection-file.js';
import { COLLECTION_FILE, ENDPOINTS, fill, type Endpoint, type ImportWarning, type MissingSection } from './layout.js';
import { RawDir } from './raw-dir.js';
import { MANIFEST } from '../write/safe-write.js';
import { SECTION_NAMES, type SectionName } from '../tenant-model/description.js';
import { readApps } from './sources/apps.js';
import { readAuthorizationPolicy } from './sources/authorization-policy.js';
import { readB2bManagementPolicy } from './sources/b2b-management-policy.js';
import { readCrossTenantAccess } from './sources/cross-tenant-access.js';
import { readDirectoryRoles, type DirectoryRoles } from './sources/directory-roles.js';
import { readGroupUnifiedSetting } from './sources/directory-settings.js';
import { readDlpPolicies } from './sources/dlp-policies.js';
import { readEnvironments } from './sources/environments.js';
import { readFlows } from './sources/flows.js';
import { readGroups } from './sources/groups.js';
import { readSharePoint, readSites } from './sources/sharepoint.js';
import { readTeams, readTeamsSettings } from './sources/teams.js';
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
  if (users && roles) assignDirectoryRoles(ctx, users, groups, roles);
  const environments = readEnvironments(ctx);
  const environmentIds = environments?.map((e) => e.id as string);
  // Each section the raw data yields; written in the model's section order (description.ts).
  const sections: Partial<Record<SectionName, Rec | Rec[] | undefined>> = {
    tenant,
    // externalCollaboration is assembled from several responses: written when at least one was read.
    externalCollaboration: Object.keys(external).length > 0 ? external : undefined,
    powerPlatform: tenantSettings ? { tenantSettings } : undefined,
    users,
    groups,
    environments,
    dlpPolicies: readDlpPolicies(ctx),
    flows: readFlows(ctx, environmentIds),
    apps: readApps(ctx, environmentIds),
    sites: readSites(ctx, users),
    teams: readTeams(ctx),
  };
  const sharePoint = readSharePoint(ctx);
  const teamsSettings = readTeamsSettings(ctx);

  // What collect could not read stays recorded even where the mapping found nothing amiss (e.g. a group's settings).
  for (const m of record.missing) ctx.missingBecause(m.section, m.reason);

  const document: Rec = { schemaVersion: 1 };
  for (const name of SECTION_NAMES) if (sections[name]) document[name] = sections[name];
  document.collection = {
    source: record.collectedAt ? 'shareguard collect' : 'shareguard import',
    collectedAt: record.collectedAt,
    missing: ctx.missing,
    warnings: ctx.warnings,
  };
  return { document, missing: ctx.missing, notes: ctx.notes, warnings: ctx.warnings, context: ctx };
}

/** How many principals a warning about role assignments names before it just counts them. */
const NAMED_PRINCIPALS = 3;

/**
 * Directory roles onto users: a user holds the roles assigned to them and to the groups they are a direct member
 * of (role-assignable groups). Every user gets a list, empty when they hold none, since assignments were read.
 *
 * An assignment that reaches no exported user is kept in the report, never dropped silently: a principal in
 * neither the users nor the groups listing (a deleted user, a service principal, a users listing saved in part),
 * and a group whose members were not saved. Each is a warning on users[].directoryRoles at the assignment.
 */
function assignDirectoryRoles(ctx: ImportContext, users: Rec[], groups: Rec[] | undefined, roles: DirectoryRoles): void {
  const viaGroups = new Map<string, Set<string>>();
  const roleList = (id: string) => [...(roles.byPrincipal.get(id) ?? [])].sort().join(', ');
  for (const group of groups ?? []) {
    const id = group.id as string;
    const groupRoles = roles.byPrincipal.get(id);
    if (!groupRoles) continue;
    if (!Array.isArray(group.members)) {
      ctx.warn(
        roles.firstAssignment.get(id)!,
        `directory role(s) ${roleList(id)} assigned to group "${group.displayName as string}" (${id}), whose members were not collected (${fill(ENDPOINTS.groupMembers.file, { id })}.json absent): its members hold the role(s) but no exported user shows them`,
        'users[].directoryRoles',
      );
      continue;
    }
    for (const member of group.members as string[]) {
      const set = viaGroups.get(member) ?? new Set<string>();
      for (const r of groupRoles) set.add(r);
      viaGroups.set(member, set);
    }
  }
  for (const user of users) {
    const id = user.id as string;
    const all = new Set([...(roles.byPrincipal.get(id) ?? []), ...(viaGroups.get(id) ?? [])]);
    user.directoryRoles = [...all].sort();
  }

  const known = new Set([...users.map((u) => u.id as string), ...(groups ?? []).map((g) => g.id as string)]);
  const absent = [...roles.byPrincipal.keys()].filter((id) => !known.has(id));
  if (absent.length === 0) return;
  const listing = `${ENDPOINTS.users.file}.json`;
  const what = groups
    ? 'a deleted user, a service principal, or a users listing saved in part'
    : `a deleted user, a service principal, a role-assignable group (${ENDPOINTS.groups.file}.json was not saved, so whose role it would be is not known), or a users listing saved in part`;
  if (absent.length <= NAMED_PRINCIPALS) {
    for (const id of absent) {
      ctx.warn(roles.firstAssignment.get(id)!, `directory role(s) ${roleList(id)} assigned to ${id}, which is not in the users listing (${listing}): ${what}; the role is not on any exported user`, 'users[].directoryRoles');
    }
    return;
  }
  const named = absent.slice(0, NAMED_PRINCIPALS).map((id) => `${id} (${roleList(id)})`);
  ctx.warn(
    roles.firstAssignment.get(absent[0]!)!,
    `${absent.length} principals hold directory roles but are not in the users listing (${listing}), among them ${named.join(', ')}: ${what}; their roles are not on any exported user`,
    'users[].directoryRoles',
  );
}

/** A file of the raw folder that the import did not read, and why. */
export interface IgnoredFile {
  /** Relative to the raw folder, '/' separators; a hidden folder ends with '/'. */
  rel: string;
  message: string;
}

/**
 * Every file of the raw folder the import did not read, reported as an ignored-file warning (section null: it
 * limits no section, since nothing in it was used) so that a misnamed or misplaced response is never dropped
 * silently; a close layout name is suggested. A .json file nobody reads is still parsed: invalid JSON anywhere in
 * the folder is an error naming the file, since it may be the response that was meant to be read. `alsoRead`
 * names files read outside this folder's RawDir (the ScubaGear export beside raw responses).
 */
export function reportIgnoredFiles(ctx: ImportContext, alsoRead: readonly string[] = []): IgnoredFile[] {
  const raw = ctx.raw;
  const { files, hiddenFolders } = raw.allFiles();
  // The manifest `collect --raw-out` leaves beside the responses is the tool's own record, not a response.
  const unread = files.filter((f) => !raw.used.has(f) && !alsoRead.includes(f) && f !== MANIFEST);
  const errors: InputError[] = [];
  for (const rel of unread) {
    if (!rel.toLowerCase().endsWith('.json')) continue;
    try {
      raw.parse(rel);
    } catch (thrown) {
      if (thrown instanceof InputErrors) errors.push(...thrown.errors);
      else if (thrown instanceof InputError) errors.push(thrown);
      else throw thrown;
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InputErrors(errors);

  const ignored: IgnoredFile[] = [
    ...unread.map((rel) => ({ rel, message: `ignored: ${whyIgnored(raw, rel)}` })),
    ...hiddenFolders.map((rel) => ({ rel: `${rel}/`, message: 'ignored: a hidden folder (tool state, not looked into)' })),
  ];
  for (const file of ignored) {
    const shown = raw.shown(file.rel);
    const source = file.rel.endsWith('/') ? `${shown}/` : formatPosition({ file: shown, line: 1, column: 1 });
    ctx.warnAt(source, file.message, null);
  }
  return ignored;
}

/** The layout's file templates, each with a pattern matching its files (placeholders are one path segment). */
const TEMPLATES: { endpoint: Endpoint | undefined; file: string; pattern: RegExp }[] = [
  ...Object.values(ENDPOINTS).map((endpoint: Endpoint) => ({
    endpoint,
    file: endpoint.file,
    pattern: new RegExp(`^${endpoint.file.split(/\{(?:env|flow|app|id)\}/).map(escapeRegExp).join('[^/]+')}${endpoint.paged ? '(?:\\.(\\d+))?' : ''}\\.json$`),
  })),
  { endpoint: undefined, file: COLLECTION_FILE.replace(/\.json$/, ''), pattern: /^collection\.json$/ },
];

function whyIgnored(raw: RawDir, rel: string): string {
  const known = TEMPLATES.find((t) => t.pattern.test(rel));
  if (known?.endpoint) {
    const page = known.pattern.exec(rel)?.[1];
    if (page !== undefined) return `page ${page} of ${known.endpoint.name}, but no earlier page links to it (left from another run?)`;
    if (/\{(env|flow|app|id)\}/.test(known.file)) {
      return `the ${known.endpoint.name} of an object that no saved listing includes (deleted since, saved from another run, or its listing was not saved), so nothing read it`;
    }
    return `the ${known.endpoint.name}, but what it feeds (${known.endpoint.section}) also needs a file that is not here, so nothing read it`;
  }
  const nearest = nearestLayoutName(raw, rel);
  const hint = nearest ? ` (did you mean ${nearest}?)` : '';
  if (!rel.toLowerCase().endsWith('.json')) return `not a JSON response; only the .json files of the raw layout are read${hint}`;
  return `not a file of the raw layout${hint || ' (see docs/import.md)'}`;
}

/**
 * The layout name closest to `rel` by edit distance, when it is close: each template's placeholders are filled
 * with the names actually there (the segment of `rel` at that place, else the first sub-folder of the folder
 * the template has reached), so that an id or environment name does not count as a difference.
 */
export function nearestLayoutName(raw: RawDir, rel: string): string | undefined {
  const segments = rel.split('/');
  const page = /\.(\d+)\.json$/i.exec(rel)?.[1];
  let best: { name: string; distance: number } | undefined;
  for (const template of TEMPLATES) {
    const parts = template.file.split('/');
    const filled: string[] = [];
    parts.forEach((part, i) => {
      const placeholder = /^\{(env|flow|app|id)\}$/.test(part);
      if (!placeholder) filled.push(part);
      else if (i < segments.length - 1) filled.push(segments[i]!);
      else filled.push(raw.subfolders(filled.join('/'))[0] ?? part);
    });
    const name = `${filled.join('/')}${page !== undefined && template.endpoint?.paged ? `.${page}` : ''}.json`;
    const distance = editDistance(rel, name);
    if (distance > 0 && distance <= Math.max(3, Math.floor(name.length * 0.3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
