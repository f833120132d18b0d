import fs from 'node:fs';
import path from 'node:path';
import { isRecord } from '../document/safe-object.js';
import { importRawFolder, type ImportedExport } from './assemble.js';
import { ImportContext, type Rec } from './context.js';
import { RawNode } from './node.js';
import { RawDir } from './raw-dir.js';
import { mapAuthorizationPolicy } from './sources/authorization-policy.js';
import { findSetting, mapGroupUnified } from './sources/directory-settings.js';
import { mapDlpV2 } from './sources/dlp-policies.js';
import { mapEnvironment } from './sources/environments.js';
import { mapTenantSettings } from './sources/tenant-settings.js';
import { mapScubaSharePoint, mapScubaTeams } from './scubagear-spo.js';
import { GROUP_UNIFIED_TEMPLATE } from './well-known.js';

/**
 * The name ScubaGear gives its provider export. Since 1.5 its default output is one ScubaResults_<uuid>.json
 * holding the same object under `Raw` (beside MetaData, Summary and Results); the provider export itself is
 * only written with -KeepIndividualJSON.
 */
export const SCUBAGEAR_FILE = 'ProviderSettingsExport.json';

/** Keys only a ScubaGear provider export has at its top level. */
const SCUBA_KEYS = ['authorization_policies', 'privileged_users', 'privileged_roles', 'directory_settings', 'environment_creation', 'environment_list', 'dlp_policies', 'module_version', 'baseline_version'];

/** What importScubaGear reads from a provider export: named when an export yields nothing. */
export const SCUBAGEAR_READS = ['tenant_id with tenant_details', 'authorization_policies', 'directory_settings', 'environment_creation', 'environment_list', 'dlp_policies', 'SPO_tenant', 'client_configuration', 'federation_configuration', 'meeting_policies'];

const NOT_IN_SCUBA = 'not collected: a ScubaGear provider export does not hold it';

/**
 * The ScubaGear provider export to import: `input` itself when it is one, or a file at the top of the folder
 * recognised by its content (its name is not relied on). Undefined when there is none.
 */
export function findScubaGearExport(input: string, isDirectory: boolean): string | undefined {
  const candidates = isDirectory
    ? fs
        .readdirSync(input, { withFileTypes: true })
        .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.json'))
        .map((d) => path.join(input, d.name))
        .sort((a, b) => Number(path.basename(b) === SCUBAGEAR_FILE) - Number(path.basename(a) === SCUBAGEAR_FILE))
    : [input];
  return candidates.find(looksLikeScubaGear);
}

function looksLikeScubaGear(file: string): boolean {
  let head: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(256 * 1024);
      head = buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  if (!/^\s*\{/.test(head)) return false;
  if (/"MetaData"\s*:/.test(head) && /"Tool"\s*:\s*"ScubaGear"/.test(head)) return true;
  return SCUBA_KEYS.filter((k) => head.includes(`"${k}"`)).length >= 2;
}

/**
 * A ScubaGear provider export → the export. What it holds is mapped: tenant_id and tenant_details, the
 * authorization policy (PowerShell casing, "True"/"False" strings), the Group.Unified directory setting,
 * Get-TenantSettings (environment_creation), environments (environment_list, Get-AdminPowerAppEnvironment
 * objects) and DLP policies (dlp_policies: [{ value: [policy] }]); dates such as /Date(1613679244000)/ become
 * ISO 8601; SharePoint's tenant settings (SPO_tenant) and Teams' (client_configuration, federation_configuration,
 * meeting_policies) become sharePoint and teamsSettings. Privileged users and roles carry no user type or sign-in name, so they cannot make a users section:
 * their roles are put on the users of raw Graph responses in the same folder, when there are some and their
 * role assignments were not collected. Everything else is recorded as not collected.
 */
export function importScubaGear(file: string): ImportedExport {
  const folder = path.dirname(file);
  const hasRaw = fs.existsSync(path.join(folder, 'graph')) || fs.existsSync(path.join(folder, 'powerplatform'));
  const raw = new RawDir(folder);
  const base = hasRaw ? importRawFolder(folder) : undefined;
  const ctx = base?.context ?? new ImportContext(raw);
  const doc: Rec = base?.document ?? { schemaVersion: 1 };
  const whole = raw.read(path.basename(file)).requireObject('a ScubaGear provider export');
  rewriteDates(whole.value);
  // ScubaResults_<uuid>.json: the provider export is its Raw member; MetaData names the tenant too.
  const metadata = whole.atAnyCase('MetaData');
  const root = metadata.isMissing ? whole : whole.atAnyCase('Raw');
  if (!metadata.isMissing && !isRecord(root.value)) {
    throw whole.error('this ScubaResults file has no Raw object (the provider data): re-run ScubaGear, or import the ProviderSettingsExport.json written with -KeepIndividualJSON');
  }
  const filled = (section: string) => ctx.missing.splice(0, ctx.missing.length, ...ctx.missing.filter((m) => m.section !== section && !m.section.startsWith(`${section}.`) && !m.section.startsWith(`${section}[`)));

  // ---- tenant ----
  const details = first(root.atAnyCase('tenant_details'));
  const directoryId = details?.atAnyCase('TenantId').optionalString() ?? metadata.atAnyCase('TenantId').optionalString();
  const platformId = root.atAnyCase('tenant_id');
  // tenant_details comes from the directory (Graph), tenant_id from the Power Platform provider. When they differ
  // (10 of ScubaGear's published samples), the directory names the tenant and the Power Platform data is kept.
  if (directoryId && platformId.optionalString() && platformId.optionalString()?.toLowerCase() !== directoryId.toLowerCase()) {
    ctx.warn(
      platformId,
      `tenant_id ${String(platformId.value)} (the Power Platform provider's) differs from the directory's TenantId ${directoryId}; the export is of ${directoryId} and keeps the Power Platform data as read: check that both were collected from the same tenant`,
      null,
    );
  }
  const tenantId = directoryId ?? platformId.optionalString() ?? null;
  if (!doc.tenant && tenantId && details) {
    // AADAdditionalData is an object in ScubaGear 0.x-1.7 and a one-element list in 1.8.
    const aad = first(details.atAnyCase('AADAdditionalData')) ?? details.atAnyCase('AADAdditionalData');
    const domains = aad.atAnyCase('VerifiedDomains').items();
    const initial = domains.find((d) => d.atAnyCase('IsInitial').looseBoolean() === true)?.atAnyCase('Name').optionalString() ?? details.atAnyCase('DomainName').optionalString();
    if (initial) {
      doc.tenant = ctx.track(
        {
          id: tenantId,
          displayName: details.atAnyCase('DisplayName').string(),
          initialDomain: initial,
          verifiedDomains: domains.filter((d) => d.atAnyCase('IsInitial').looseBoolean() !== true).map((d) => d.atAnyCase('Name').string()),
          exportedAt: root.atAnyCase('timestamp_zulu').optionalString() ?? metadata.atAnyCase('TimestampZulu').optionalString(),
        },
        details,
      );
      filled('tenant');
    }
  }
  if (!doc.tenant) ctx.missingBecause('tenant', tenantId ? 'not collected: the ScubaGear export has tenant_id but no tenant_details (name and domains)' : NOT_IN_SCUBA);

  // ---- external collaboration ----
  const external: Rec = isRecord(doc.externalCollaboration) ? doc.externalCollaboration : {};
  const authz = first(root.atAnyCase('authorization_policies'));
  if (authz && external.guestUserAccess === undefined) {
    Object.assign(external, mapAuthorizationPolicy(authz));
    for (const s of ['guestUserAccess', 'allowInvitesFrom', 'allowEmailVerifiedUsersToJoinOrganization']) filled(`externalCollaboration.${s}`);
  }
  const settings = root.atAnyCase('directory_settings');
  if (!settings.isMissing && external.m365Groups === undefined) {
    external.m365Groups = mapGroupUnified(findSetting(settings.items(), GROUP_UNIFIED_TEMPLATE, 'Group.Unified'));
    filled('externalCollaboration.m365Groups');
  }
  if (Object.keys(external).length > 0) doc.externalCollaboration = external;
  for (const s of ['guestUserAccess', 'invitationDomains', 'crossTenantAccess', 'guestSelfServiceSignUp', 'emailOneTimePasscode', 'm365Groups']) {
    if (external[s] === undefined) ctx.missingBecause(`externalCollaboration.${s}`, NOT_IN_SCUBA);
  }

  // ---- Power Platform ----
  const tenantSettings = first(root.atAnyCase('environment_creation'));
  if (tenantSettings && !doc.powerPlatform) {
    filled('powerPlatform.tenantSettings');
    doc.powerPlatform = { tenantSettings: mapTenantSettings(tenantSettings, ctx) };
  }
  const environments = root.atAnyCase('environment_list');
  if (!environments.isMissing && !doc.environments) {
    filled('environments');
    doc.environments = environments.items().map((e) => ctx.track({ ...mapEnvironment(e, ctx), roleAssignments: null }, e));
    ctx.missingBecause('environments[].roleAssignments', NOT_IN_SCUBA);
  }
  const dlp = root.atAnyCase('dlp_policies');
  if (!dlp.isMissing && !doc.dlpPolicies) {
    // ConvertTo-Json @(Get-DlpPolicy): a one-element list holding the response { value: [policies] }.
    doc.dlpPolicies = dlp.items().flatMap((response) => (Array.isArray(response.atAnyCase('value').value) ? response.atAnyCase('value').items() : [response])).map((p) => ctx.track(mapDlpV2(p), p));
    filled('dlpPolicies');
  }

  // ---- SharePoint, OneDrive and Teams (src/import/scubagear-spo.ts) ----
  if (!doc.sharePoint) {
    const sharePoint = mapScubaSharePoint(root, ctx);
    if (sharePoint) doc.sharePoint = sharePoint;
  }
  if (!doc.teamsSettings) {
    const teams = mapScubaTeams(root, ctx);
    if (teams) doc.teamsSettings = teams;
  }

  // ---- privileged users and roles ----
  const roles = privilegedRoles(root);
  const users = Array.isArray(doc.users) ? (doc.users as Rec[]) : undefined;
  if (users && roles.size > 0 && ctx.missing.some((m) => m.section === 'users[].directoryRoles')) {
    for (const user of users) user.directoryRoles = [...(roles.get(user.id as string) ?? [])].sort();
    const known = new Set(users.map((u) => u.id as string));
    const absent = [...roles.keys()].filter((id) => !known.has(id));
    if (absent.length > 0) {
      ctx.warn(
        root.atAnyCase('privileged_users'),
        `${absent.length} privileged principal(s) of ScubaGear's privileged_users/privileged_roles are not in the users listing (deleted users, service principals or groups, or a partial listing), so their roles are on no exported user: ${absent.slice(0, 3).join(', ')}${absent.length > 3 ? ', …' : ''}`,
        'users[].directoryRoles',
      );
    }
    filled('users[].directoryRoles');
    ctx.note(`directory roles from ScubaGear's privileged_users and privileged_roles (${roles.size} principal(s)); other roles are not in it`);
  } else if (!users) {
    ctx.missingBecause('users', `not collected: a ScubaGear provider export lists only privileged users (${roles.size}), with no user type or sign-in name; add Graph's users listing (graph/v1.0/users.json) beside it`);
  }
  for (const s of ['groups', 'flows', 'apps']) if (!doc[s]) ctx.missingBecause(s, NOT_IN_SCUBA);
  // A run without the Power Platform product (-ProductNames without powerplatform, or ScubaGear before 1.0)
  // holds none of its keys: those sections were not collected, which is not the same as empty.
  const noPlatform = 'not collected: this ScubaGear export holds no Power Platform data (run it with -ProductNames powerplatform)';
  if (!doc.powerPlatform) ctx.missingBecause('powerPlatform.tenantSettings', noPlatform);
  for (const s of ['environments', 'dlpPolicies']) if (!doc[s]) ctx.missingBecause(s, noPlatform);

  const missing = ctx.missing.sort((a, b) => a.section.localeCompare(b.section));
  const version = root.atAnyCase('module_version').optionalString() ?? metadata.atAnyCase('ToolVersion').optionalString() ?? '';
  const form = metadata.isMissing ? 'provider export' : 'results file';
  doc.collection = { source: `ScubaGear ${version} ${form}`.replace(/\s+/g, ' '), collectedAt: root.atAnyCase('timestamp_zulu').optionalString() ?? metadata.atAnyCase('TimestampZulu').optionalString(), missing, warnings: ctx.warnings };
  return { document: doc, missing, notes: ctx.notes, warnings: ctx.warnings, context: ctx };
}

/** Principal id → role names, from privileged_users ({ id: { roles } }) and privileged_roles' Assignments. */
function privilegedRoles(root: RawNode): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (id: string, role: string) => out.set(id, (out.get(id) ?? new Set()).add(role));
  const users = root.atAnyCase('privileged_users');
  if (isRecord(users.value)) {
    for (const id of Object.keys(users.value)) for (const role of users.at(id).atAnyCase('roles').items()) add(id, role.string());
  }
  for (const role of root.atAnyCase('privileged_roles').items()) {
    const name = role.atAnyCase('DisplayName').optionalString();
    if (!name) continue;
    for (const a of role.atAnyCase('Assignments').items()) {
      const id = a.atAnyCase('PrincipalId').optionalString();
      if (id) add(id, name);
    }
  }
  return out;
}

/** The first element of a PowerShell `@(…)` list (or the object itself when it was not wrapped). */
function first(node: RawNode): RawNode | undefined {
  if (node.isMissing) return undefined;
  if (Array.isArray(node.value)) return node.items()[0];
  return node;
}

/** /Date(1613679244000)/ (how ConvertTo-Json wrote dates) → 2021-02-18T20:14:04Z, everywhere in the document. */
function rewriteDates(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const date = typeof item === 'string' ? msDate(item) : undefined;
      if (date) value[i] = date;
      else rewriteDates(item);
    });
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      const item = value[key];
      const date = typeof item === 'string' ? msDate(item) : undefined;
      if (date) value[key] = date;
      else rewriteDates(item);
    }
  }
}

function msDate(text: string): string | undefined {
  const m = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(text);
  return m ? new Date(Number(m[1])).toISOString().replace('.000Z', 'Z') : undefined;
}
