import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, POWERSHELL_FILES, type PowerShellFile } from '../layout.js';
import type { RawNode } from '../node.js';

/**
 * SharePoint and OneDrive: the tenant settings (Get-SPOTenant saved by PowerShell, else Graph
 * admin/sharepoint/settings) and the sites (Get-SPOSite, else Graph's site listing). PowerShell output carries
 * enumerations as numbers (ConvertTo-Json's default) or names (-EnumsAsStrings); Graph as camelCase names. A
 * setting the file read does not carry is null and recorded as not collected, never given a default.
 */

/** SharingCapability: SharePoint's numbers 0-3 and names (PowerShell PascalCase, Graph camelCase) → the model's. */
const CAPABILITY: Readonly<Record<string, string>> = {
  '0': 'disabled',
  disabled: 'disabled',
  '1': 'newAndExistingGuests',
  externalusersharingonly: 'newAndExistingGuests',
  '2': 'anyone',
  externaluserandguestsharing: 'anyone',
  '3': 'existingGuests',
  existingexternalusersharingonly: 'existingGuests',
};
/** DefaultSharingLinkType: 0 None, 1 Direct (specific people), 2 Internal (organisation), 3 AnonymousAccess. */
const LINK_TYPE: Readonly<Record<string, string>> = {
  '0': 'none',
  none: 'none',
  '1': 'specificPeople',
  direct: 'specificPeople',
  '2': 'organization',
  internal: 'organization',
  '3': 'anyone',
  anonymousaccess: 'anyone',
};
/** DefaultLinkPermission: 0 None, 1 View, 2 Edit. */
const LINK_PERMISSION: Readonly<Record<string, string>> = { '0': 'none', none: 'none', '1': 'view', view: 'view', '2': 'edit', edit: 'edit' };
/** File/FolderAnonymousLinkType: 1 View, 2 Edit (0 None, which no tenant reports, is not a limit: unknown). */
const ANYONE_PERMISSION: Readonly<Record<string, string | null>> = { '0': null, none: null, '1': 'view', view: 'view', '2': 'edit', edit: 'edit' };
/** SharingDomainRestrictionMode: 0 None, 1 AllowList, 2 BlockList. */
const DOMAIN_MODE: Readonly<Record<string, string>> = { '0': 'none', none: 'none', '1': 'allowList', allowlist: 'allowList', '2': 'blockList', blocklist: 'blockList' };

/** The model's sharePoint fields, each recorded as not collected when the file read lacks it. */
const SHAREPOINT_FIELDS = [
  'sharingCapability',
  'oneDriveSharingCapability',
  'defaultSharingLinkType',
  'defaultLinkPermission',
  'anyoneLinkExpirationDays',
  'anyoneLinkFilePermission',
  'anyoneLinkFolderPermission',
  'sharingDomainRestrictionMode',
  'sharingAllowedDomains',
  'sharingBlockedDomains',
  'guestsCanReshare',
  'requireAcceptingAccountMatchInvitedAccount',
  'guestAccessExpires',
  'guestAccessExpiryDays',
  'emailAttestationRequired',
  'emailAttestationReAuthDays',
  'externalSharingGroups',
] as const;

/** A PowerShell file's absence, in the words ImportContext uses for an endpoint's. */
export function powerShellMissing(ctx: ImportContext, section: string, file: PowerShellFile): void {
  ctx.missingBecause(section, `not collected: ${file.file}.json is not in the raw folder (save it with ${file.command}; needs ${file.permission})`);
}

/** A cmdlet's output: one object, or a list of one (ScubaGear and `@(…) | ConvertTo-Json` write lists). */
export function onlyObject(node: RawNode, what: string): RawNode {
  if (Array.isArray(node.value)) {
    const items = node.items();
    if (items.length !== 1) throw node.error(`expected one ${what}, found a list of ${items.length}`);
    return (items[0] as RawNode).requireObject(what);
  }
  return node.requireObject(what);
}

/**
 * What a mapper does with a value it cannot read (an enumeration value it does not know, days that are not a
 * whole number), given the node, a sentence and the model's field: the PowerShell source refuses the file at
 * that place; the ScubaGear import warns and keeps the value unknown.
 */
export type OnUnreadable = (node: RawNode, message: string, field: string) => void;

/** An enumeration given as a number or a name; null when absent, null, empty or unreadable. */
function enumValue<T>(node: RawNode, table: Readonly<Record<string, T>>, what: string, field: string, unreadable: OnUnreadable): T | null {
  if (node.isMissing || node.value === '') return null;
  const v = node.value;
  const key = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (key === undefined || !Object.hasOwn(table, key)) {
    unreadable(node, `unknown ${what} ${JSON.stringify(v)} (expected ${Object.keys(table).filter((k) => /^\d+$/.test(k)).join(', ')} or their names)`, field);
    return null;
  }
  return table[key] as T;
}

/** A whole number of days; SharePoint's -1 ("no limit") becomes 0, as the model counts it. */
function days(node: RawNode, field: string, unreadable: OnUnreadable): number | null {
  if (node.isMissing || node.value === '') return null;
  const v = typeof node.value === 'string' && /^-?\d+$/.test(node.value.trim()) ? Number(node.value) : node.value;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    unreadable(node, `expected a whole number of days, found ${JSON.stringify(node.value)}`, field);
    return null;
  }
  return v < 0 ? 0 : v;
}

/** A domain list: PowerShell's space- or comma-separated text, or Graph's array; null or empty text: none. */
function domains(node: RawNode): string[] | null {
  // Absent: not known. Present but null or empty: SharePoint prints no list as null (PowerShell) or "" (REST).
  if (node.value === undefined) return null;
  if (node.value === null || node.value === '') return [];
  if (typeof node.value === 'string') return node.value.split(/[\s,;]+/).filter((d) => d !== '');
  return node.items().map((n) => n.string());
}

/** A string list, also in the SharePoint REST API's verbose form { __metadata, results: [...] } (ScubaGear 1.8). */
function stringList(node: RawNode): string[] {
  const list = node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value) ? node.at('results') : node;
  return list.items().map((n) => n.string());
}

function invert(value: boolean | null): boolean | null {
  return value === null ? null : !value;
}

/** The trailing GUID of a principal identity such as c:0t.c|tenant|<guid>, or the text itself. */
function principalId(text: string): string {
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i.exec(text);
  return m ? m[1]!.toLowerCase() : text;
}

/** Get-SPOTenant saved by PowerShell → the model's sharePoint object; a value it cannot read is an input error. */
export function mapSpoTenant(tenant: RawNode): Rec {
  tenant.requireObject('the SharePoint tenant settings');
  if (tenant.atAnyCase('SharingCapability').isMissing) {
    throw tenant.error('the SharePoint tenant settings have no SharingCapability (is this another cmdlet\'s output?)');
  }
  return spoTenantSettings(tenant, refuse);
}

/** The PowerShell and Graph sources' way with a value they cannot read: the file is refused at that place. */
const refuse: OnUnreadable = (node, message) => {
  throw node.error(message);
};

/**
 * Get-SPOTenant's object (PowerShell's names; ScubaGear's SPO_tenant is the same object, in the SharePoint
 * REST form from 1.8) → the model's sharePoint object. Mapping only: a field the object lacks is null.
 */
export function spoTenantSettings(tenant: RawNode, unreadable: OnUnreadable): Rec {
  const f = (name: string) => tenant.atAnyCase(name);
  // OneDrive's setting is OneDriveSharingCapability up to ScubaGear 1.6 and ODBSharingCapability from 1.7.
  const oneDrive = f('OneDriveSharingCapability').isMissing ? f('ODBSharingCapability') : f('OneDriveSharingCapability');
  const groups = f('GuestSharingGroupAllowListInTenantByPrincipalIdentity');
  const choice = <T>(node: RawNode, table: Readonly<Record<string, T>>, what: string, field: string) => enumValue(node, table, what, field, unreadable);
  return {
    sharingCapability: choice(f('SharingCapability'), CAPABILITY, 'SharingCapability', 'sharingCapability'),
    oneDriveSharingCapability: choice(oneDrive, CAPABILITY, 'OneDriveSharingCapability', 'oneDriveSharingCapability'),
    defaultSharingLinkType: choice(f('DefaultSharingLinkType'), LINK_TYPE, 'DefaultSharingLinkType', 'defaultSharingLinkType'),
    defaultLinkPermission: choice(f('DefaultLinkPermission'), LINK_PERMISSION, 'DefaultLinkPermission', 'defaultLinkPermission'),
    anyoneLinkExpirationDays: days(f('RequireAnonymousLinksExpireInDays'), 'anyoneLinkExpirationDays', unreadable),
    anyoneLinkFilePermission: choice(f('FileAnonymousLinkType'), ANYONE_PERMISSION, 'FileAnonymousLinkType', 'anyoneLinkFilePermission'),
    anyoneLinkFolderPermission: choice(f('FolderAnonymousLinkType'), ANYONE_PERMISSION, 'FolderAnonymousLinkType', 'anyoneLinkFolderPermission'),
    sharingDomainRestrictionMode: choice(f('SharingDomainRestrictionMode'), DOMAIN_MODE, 'SharingDomainRestrictionMode', 'sharingDomainRestrictionMode'),
    sharingAllowedDomains: domains(f('SharingAllowedDomainList')),
    sharingBlockedDomains: domains(f('SharingBlockedDomainList')),
    guestsCanReshare: invert(f('PreventExternalUsersFromResharing').looseBoolean()),
    requireAcceptingAccountMatchInvitedAccount: f('RequireAcceptingAccountMatchInvitedAccount').looseBoolean(),
    guestAccessExpires: f('ExternalUserExpirationRequired').looseBoolean(),
    guestAccessExpiryDays: days(f('ExternalUserExpireInDays'), 'guestAccessExpiryDays', unreadable),
    emailAttestationRequired: f('EmailAttestationRequired').looseBoolean(),
    emailAttestationReAuthDays: days(f('EmailAttestationReAuthDays'), 'emailAttestationReAuthDays', unreadable),
    externalSharingGroups: groups.isMissing || groups.value === null ? null : stringList(groups).map(principalId),
  };
}

/** Graph admin/sharepoint/settings → the part of the sharePoint object Graph gives (the rest stays absent). */
export function mapSharePointSettings(settings: RawNode): Rec {
  settings.requireObject('the SharePoint settings');
  if (settings.at('sharingCapability').isMissing) {
    throw settings.error('the SharePoint settings have no sharingCapability (is this another endpoint\'s response?)');
  }
  return {
    sharingCapability: enumValue(settings.at('sharingCapability'), CAPABILITY, 'sharingCapability', 'sharingCapability', refuse),
    sharingDomainRestrictionMode: enumValue(settings.at('sharingDomainRestrictionMode'), DOMAIN_MODE, 'sharingDomainRestrictionMode', 'sharingDomainRestrictionMode', refuse),
    sharingAllowedDomains: domains(settings.at('sharingAllowedDomainList')),
    sharingBlockedDomains: domains(settings.at('sharingBlockedDomainList')),
    guestsCanReshare: settings.at('isResharingByExternalUsersEnabled').looseBoolean(),
    requireAcceptingAccountMatchInvitedAccount: settings.at('isRequireAcceptingUserToMatchInvitedUserEnabled').looseBoolean(),
  };
}

/**
 * The sharePoint section: Get-SPOTenant when saved (it carries every field), else Graph's settings. Each field
 * neither gives is null and recorded as not collected.
 */
export function readSharePoint(ctx: ImportContext): Rec | undefined {
  const ps = ctx.raw.single(POWERSHELL_FILES.spoTenant.file);
  const graph = ctx.raw.single(ENDPOINTS.sharePointSettings.file);
  if (!ps && !graph) {
    ctx.notCollected('sharePoint', ENDPOINTS.sharePointSettings);
    return undefined;
  }
  const mapped = ps ? mapSpoTenant(onlyObject(ps, 'SharePoint tenant settings object')) : mapSharePointSettings(graph!);
  const from = ps ? `${POWERSHELL_FILES.spoTenant.file}.json` : `${ENDPOINTS.sharePointSettings.file}.json`;
  const out: Rec = {};
  for (const field of SHAREPOINT_FIELDS) {
    const value = mapped[field];
    out[field] = value === undefined ? null : value;
    if (value === undefined || value === null) {
      const hint = ps ? '' : ` (Graph does not give it; save ${POWERSHELL_FILES.spoTenant.command} as ${POWERSHELL_FILES.spoTenant.file}.json)`;
      ctx.missingBecause(`sharePoint.${field}`, `not collected: ${from} has no value for it${hint}`);
    }
  }
  return ctx.track(out, ps ?? graph!);
}

const NO_GROUP = '00000000-0000-0000-0000-000000000000';
const ONEDRIVE_URL = /-my\.sharepoint\.[a-z.]+\/personal\//i;

/** Get-SPOSite (one site object) → a site. Owner is kept when it is an id; a UPN is looked up in `userIds`. */
export function mapSpoSite(site: RawNode, userIds: ReadonlyMap<string, string>): { site: Rec; ownerUnknown: boolean } {
  site.requireObject('a site');
  const f = (name: string) => site.atAnyCase(name);
  const url = f('Url').string();
  const template = f('Template').optionalString();
  const groupId = f('GroupId').optionalString();
  const owner = f('Owner').optionalString();
  let owners: string[] | null = [];
  let ownerUnknown = false;
  if (owner !== null) {
    const id = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(owner) ? owner.toLowerCase() : userIds.get(owner.toLowerCase());
    if (id === undefined) {
      owners = null;
      ownerUnknown = true;
    } else owners = [id];
  }
  const siteId = f('SiteId').optionalString();
  return {
    site: {
      id: siteId ?? url,
      url,
      title: f('Title').optionalString(),
      template,
      isOneDrive: (template !== null && template.toUpperCase().startsWith('SPSPERS')) || ONEDRIVE_URL.test(url),
      owners,
      groupId: groupId === null || groupId === NO_GROUP ? null : groupId.toLowerCase(),
      sharingCapability: enumValue(f('SharingCapability'), CAPABILITY, 'SharingCapability', 'sites[].sharingCapability', refuse),
      sensitivityLabel: f('SensitivityLabel').optionalString(),
      externalUsers: null,
      sharingLinks: null,
    },
    ownerUnknown,
  };
}

/** Graph's site listing item → a site with what Graph gives (no sharing setting, owners, guests or links). */
export function mapGraphSite(site: RawNode): Rec {
  site.requireObject('a site');
  const rawId = site.at('id').string();
  // Graph's id is "<host>,<site collection id>,<web id>"; the model keeps the site collection's GUID.
  const parts = rawId.split(',');
  const url = site.at('webUrl').string();
  return {
    id: parts.length === 3 ? parts[1]!.toLowerCase() : rawId,
    url,
    title: site.at('displayName').optionalString(),
    template: null,
    isOneDrive: site.at('isPersonalSite').optionalBoolean() ?? ONEDRIVE_URL.test(url),
    owners: null,
    groupId: null,
    sharingCapability: null,
    sensitivityLabel: null,
    externalUsers: null,
    sharingLinks: null,
  };
}

/**
 * The sites section: Get-SPOSite when saved (taking the Graph id of the same URL when Graph's listing is also
 * there), else Graph's listing. Neither carries who has access (external users) or the sharing links: those
 * are recorded as not collected, as is what Graph lacks.
 */
export function readSites(ctx: ImportContext, users: Rec[] | undefined): Rec[] | undefined {
  const psFile = POWERSHELL_FILES.spoSites;
  const ps = ctx.raw.single(psFile.file);
  const graph = ctx.raw.list(ENDPOINTS.sites.file);
  if (!ps && !graph) {
    ctx.notCollected('sites', ENDPOINTS.sites);
    return undefined;
  }
  const graphSites = (graph ?? []).map((n) => ctx.track(mapGraphSite(n), n));
  let sites: Rec[];
  if (ps) {
    const userIds = new Map<string, string>();
    for (const u of users ?? []) if (typeof u.userPrincipalName === 'string') userIds.set(u.userPrincipalName.toLowerCase(), String(u.id));
    const byUrl = new Map(graphSites.map((s) => [String(s.url).toLowerCase().replace(/\/+$/, ''), s]));
    let ownersUnknown = 0;
    const nodes = Array.isArray(ps.value) ? ps.items() : [ps];
    sites = nodes.map((node) => {
      const { site, ownerUnknown } = mapSpoSite(node, userIds);
      if (ownerUnknown) ownersUnknown += 1;
      const fromGraph = byUrl.get(String(site.url).toLowerCase().replace(/\/+$/, ''));
      if (fromGraph && site.id === site.url) site.id = fromGraph.id;
      return ctx.track(site, node);
    });
    if (ownersUnknown > 0) {
      ctx.missingBecause('sites[].owners', `not collected for ${ownersUnknown} of ${sites.length}: the owner ${psFile.file}.json names is not a user of the export`);
    }
  } else {
    sites = graphSites;
    for (const field of ['owners', 'groupId', 'sharingCapability', 'sensitivityLabel']) {
      ctx.missingBecause(`sites[].${field}`, `not collected: Graph's site listing does not give it (save ${psFile.command} as ${psFile.file}.json)`);
    }
  }
  for (const field of ['externalUsers', 'sharingLinks']) {
    ctx.missingBecause(`sites[].${field}`, `not collected: neither ${psFile.name} nor Graph's site listing gives a site's ${field === 'externalUsers' ? 'guests' : 'sharing links'}`);
  }
  return sites;
}
