import { isRecord } from '../document/safe-object.js';
import type { ImportContext, Rec } from './context.js';
import type { RawNode } from './node.js';

/**
 * ScubaGear's SharePoint and Teams keys → the export's `sharePoint` and `teamsSettings` sections. Mapping only:
 * SharePoint's enumerations arrive as numbers (Get-SPOTenant through ConvertTo-Json, and the REST form of 1.8)
 * or, in hand-made exports, as their names; both are read. What the export does not hold (the site list, each
 * team, who may share with guests) is recorded as not collected, never left to read as clean.
 */

const NOT_IN_SCUBA = 'not collected: a ScubaGear provider export does not hold it';

// SharePoint's SharingCapabilities enumeration, by value and by name. The numbers do not follow the order of
// openness: 0 only people in the organisation, 3 existing guests, 1 new and existing guests, 2 anyone.
const SHARING: Record<string, string> = {
  '0': 'disabled',
  disabled: 'disabled',
  '3': 'existingGuests',
  existingexternalusersharingonly: 'existingGuests',
  '1': 'newAndExistingGuests',
  externalusersharingonly: 'newAndExistingGuests',
  '2': 'anyone',
  externaluserandguestsharing: 'anyone',
};
// SharingLinkType: 0 none (SharePoint's own default), 1 direct (specific people), 2 internal, 3 anonymous access.
const LINK_TYPE: Record<string, string> = { '0': 'none', none: 'none', '1': 'specificPeople', direct: 'specificPeople', '2': 'organization', internal: 'organization', '3': 'anyone', anonymousaccess: 'anyone' };
// SharingPermissionType: 0 none, 1 view, 2 edit.
const PERMISSION: Record<string, string> = { '0': 'none', none: 'none', '1': 'view', view: 'view', '2': 'edit', edit: 'edit' };
// AnonymousLinkType for files and folders: 1 view, 2 edit (a folder's edit also lets the holder upload). 0 (None)
// is not a limit this model can state, so it is read as unknown.
const ANYONE_PERMISSION: Record<string, string> = { '1': 'view', view: 'view', '2': 'edit', edit: 'edit', viewandedit: 'edit' };
// SharingDomainRestrictionModes: 0 none, 1 allow list, 2 block list.
const DOMAIN_MODE: Record<string, string> = { '0': 'none', none: 'none', '1': 'allowList', allowlist: 'allowList', '2': 'blockList', blocklist: 'blockList' };

/** A number or a name looked up in `table` (names compared ignoring case); null when absent or not in it. */
function code(node: RawNode, table: Record<string, string>, ctx: ImportContext, section: string): string | null {
  if (node.isMissing || node.value === '') return null;
  const key = typeof node.value === 'number' ? String(node.value) : typeof node.value === 'string' ? node.value.trim().toLowerCase() : undefined;
  const hit = key === undefined ? undefined : table[key];
  if (hit === undefined) {
    ctx.warn(node, `${node.jsonPath}: value ${JSON.stringify(node.value)} is not one shareguard knows; kept as unknown`, section);
    return null;
  }
  return hit;
}

function integer(node: RawNode): number | null {
  if (node.isMissing || node.value === '') return null;
  const n = typeof node.value === 'string' ? Number(node.value) : node.value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

/** SharePoint's domain lists: one string, domains separated by spaces (or a list in some exports). */
function domains(node: RawNode): string[] {
  if (node.isMissing) return [];
  if (Array.isArray(node.value)) return node.value.filter((d): d is string => typeof d === 'string' && d.trim() !== '').map((d) => d.trim().toLowerCase());
  if (typeof node.value === 'string') return node.value.split(/[\s,;]+/).filter(Boolean).map((d) => d.toLowerCase());
  return [];
}

function first(node: RawNode): RawNode | undefined {
  if (node.isMissing) return undefined;
  if (Array.isArray(node.value)) return node.items()[0];
  return node;
}

/** The object of a PowerShell list whose Identity is Global (the tenant-wide configuration), else the first. */
function globalOf(node: RawNode): RawNode | undefined {
  if (node.isMissing || !Array.isArray(node.value)) return first(node);
  const items = node.items();
  return items.find((i) => i.atAnyCase('Identity').value === 'Global') ?? items[0];
}

/** SPO_tenant (and OneDrive_PnP_Flag) → `sharePoint`; undefined when the export holds no SharePoint data. */
export function mapScubaSharePoint(root: RawNode, ctx: ImportContext): Rec | undefined {
  const tenant = first(root.atAnyCase('SPO_tenant'));
  if (!tenant || !isRecord(tenant.value)) {
    ctx.missingBecause('sharePoint', 'not collected: this ScubaGear export holds no SharePoint data (SPO_tenant; run it with -ProductNames sharepoint)');
    ctx.missingBecause('sites', 'not collected: this ScubaGear export holds no SharePoint data');
    return undefined;
  }
  const at = (k: string) => tenant.atAnyCase(k);
  const section = (k: string) => `sharePoint.${k}`;
  const bool = (k: string) => at(k).looseBoolean();
  const expiry = integer(at('RequireAnonymousLinksExpireInDays'));
  const prevent = bool('PreventExternalUsersFromResharing');
  // OneDrive's setting is OneDriveSharingCapability up to 1.6 and ODBSharingCapability from 1.7.
  const oneDriveNode = at('ODBSharingCapability').isMissing ? at('OneDriveSharingCapability') : at('ODBSharingCapability');
  const out: Rec = {
    sharingCapability: code(at('SharingCapability'), SHARING, ctx, section('sharingCapability')),
    oneDriveSharingCapability: code(oneDriveNode, SHARING, ctx, section('oneDriveSharingCapability')),
    defaultSharingLinkType: code(at('DefaultSharingLinkType'), LINK_TYPE, ctx, section('defaultSharingLinkType')),
    defaultLinkPermission: code(at('DefaultLinkPermission'), PERMISSION, ctx, section('defaultLinkPermission')),
    // -1 and 0 both mean that "Anyone" links need not expire.
    anyoneLinkExpirationDays: expiry === null ? null : Math.max(expiry, 0),
    anyoneLinkFilePermission: code(at('FileAnonymousLinkType'), ANYONE_PERMISSION, ctx, section('anyoneLinkFilePermission')),
    anyoneLinkFolderPermission: code(at('FolderAnonymousLinkType'), ANYONE_PERMISSION, ctx, section('anyoneLinkFolderPermission')),
    sharingDomainRestrictionMode: code(at('SharingDomainRestrictionMode'), DOMAIN_MODE, ctx, section('sharingDomainRestrictionMode')),
    sharingAllowedDomains: domains(at('SharingAllowedDomainList')),
    sharingBlockedDomains: domains(at('SharingBlockedDomainList')),
    guestsCanReshare: prevent === null ? null : !prevent,
    requireAcceptingAccountMatchInvitedAccount: bool('RequireAcceptingAccountMatchInvitedAccount'),
    guestAccessExpires: bool('ExternalUserExpirationRequired'),
    guestAccessExpiryDays: integer(at('ExternalUserExpireInDays')),
    emailAttestationRequired: bool('EmailAttestationRequired'),
    emailAttestationReAuthDays: integer(at('EmailAttestationReAuthDays')),
    externalSharingGroups: null,
  };
  ctx.track(out, tenant);
  if (out.oneDriveSharingCapability === null && root.atAnyCase('OneDrive_PnP_Flag').looseBoolean() === true) {
    ctx.missingBecause(section('oneDriveSharingCapability'), 'not collected: OneDrive_PnP_Flag is true (ScubaGear read SharePoint through PnP, which does not return OneDrive\'s sharing setting)');
  }
  for (const [key, value] of Object.entries(out)) {
    if (value === null && key !== 'externalSharingGroups') ctx.missingBecause(section(key), `not collected: SPO_tenant in this ScubaGear export has no ${key} value`);
  }
  ctx.missingBecause(section('externalSharingGroups'), NOT_IN_SCUBA);
  // SPO_site holds the root site only (ScubaGear reads no site list): a partial list would read as complete.
  ctx.missingBecause('sites', 'not collected: a ScubaGear export holds at most the root site (SPO_site), not the site list with owners, guests and links');
  return out;
}

/** Teams federation's AllowedDomains: "Domain=x" entries under AllowedDomain (one or a list); none means all. */
function federationDomains(node: RawNode): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push(v.trim().replace(/^Domain=/i, '').toLowerCase());
    else if (isRecord(v)) for (const inner of Object.values(v)) add(inner);
    else if (Array.isArray(v)) v.forEach(add);
  };
  add(node.value);
  return out;
}

/** client_configuration, federation_configuration and meeting_policies → `teamsSettings`. */
export function mapScubaTeams(root: RawNode, ctx: ImportContext): Rec | undefined {
  const client = globalOf(root.atAnyCase('client_configuration'));
  const federation = globalOf(root.atAnyCase('federation_configuration'));
  const meetings = root.atAnyCase('meeting_policies');
  if (!client && !federation && meetings.isMissing) {
    ctx.missingBecause('teamsSettings', 'not collected: this ScubaGear export holds no Teams data (run it with -ProductNames teams)');
    ctx.missingBecause('teams', 'not collected: this ScubaGear export holds no Teams data');
    return undefined;
  }
  const out: Rec = {};
  if (client) out.guestAccessEnabled = client.atAnyCase('AllowGuestUser').looseBoolean();
  else ctx.missingBecause('teamsSettings.guestAccessEnabled', 'not collected: client_configuration is not in this ScubaGear export');
  if (federation) {
    const allowed = federation.atAnyCase('AllowedDomains');
    const trial = federation.atAnyCase('ExternalAccessWithTrialTenants').optionalString();
    const listed = federationDomains(allowed);
    out.externalAccess = ctx.track(
      {
        enabled: federation.atAnyCase('AllowFederatedUsers').looseBoolean(),
        // No listed domain is AllowAllKnownDomains, as ScubaGear's own MS.TEAMS.2.1 reads it.
        allowAllDomains: allowed.isMissing ? null : listed.length === 0,
        allowedDomains: listed,
        blockedDomains: federationDomains(federation.atAnyCase('BlockedDomains')),
        teamsConsumer: federation.atAnyCase('AllowTeamsConsumer').looseBoolean(),
        teamsConsumerInbound: federation.atAnyCase('AllowTeamsConsumerInbound').looseBoolean(),
        trialTenants: trial === null ? null : trial.toLowerCase() !== 'blocked',
      },
      federation,
    );
  } else {
    ctx.missingBecause('teamsSettings.externalAccess', 'not collected: federation_configuration is not in this ScubaGear export');
  }
  if (!meetings.isMissing) {
    out.meetingPolicies = meetings.items().map((p) =>
      ctx.track(
        {
          id: p.atAnyCase('Identity').string(),
          anonymousUsersCanJoin: p.atAnyCase('AllowAnonymousUsersToJoinMeeting').looseBoolean(),
          anonymousUsersCanStart: p.atAnyCase('AllowAnonymousUsersToStartMeeting').looseBoolean(),
          autoAdmittedUsers: p.atAnyCase('AutoAdmittedUsers').optionalString(),
          dialInBypassLobby: p.atAnyCase('AllowPSTNUsersToBypassLobby').looseBoolean(),
        },
        p,
      ),
    );
  } else {
    ctx.missingBecause('teamsSettings.meetingPolicies', 'not collected: meeting_policies is not in this ScubaGear export');
  }
  ctx.missingBecause('teams', NOT_IN_SCUBA);
  return out;
}
