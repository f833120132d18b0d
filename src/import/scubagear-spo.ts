import { isRecord } from '../document/safe-object.js';
import type { ImportContext, Rec } from './context.js';
import type { RawNode } from './node.js';
import { spoTenantSettings } from './sources/sharepoint.js';

/**
 * ScubaGear's SharePoint and Teams keys → the export's `sharePoint` and `teamsSettings` sections. Mapping only:
 * SharePoint's enumerations arrive as numbers (Get-SPOTenant through ConvertTo-Json, and the REST form of 1.8)
 * or, in hand-made exports, as their names; both are read. What the export does not hold (the site list, each
 * team, who may share with guests) is recorded as not collected, never left to read as clean.
 */

const NOT_IN_SCUBA = 'not collected: a ScubaGear provider export does not hold it';

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
  const section = (k: string) => `sharePoint.${k}`;
  // SPO_tenant is Get-SPOTenant's object: the PowerShell source's mapping, with what it cannot read kept
  // unknown and warned about at its place rather than refusing the whole export.
  const out = spoTenantSettings(tenant, (node, message, field) => ctx.warn(node, `${node.jsonPath}: ${message}; kept as unknown`, section(field)));
  ctx.track(out, tenant);
  if (out.oneDriveSharingCapability === null && root.atAnyCase('OneDrive_PnP_Flag').looseBoolean() === true) {
    ctx.missingBecause(section('oneDriveSharingCapability'), 'not collected: OneDrive_PnP_Flag is true (ScubaGear read SharePoint through PnP, which does not return OneDrive\'s sharing setting)');
  }
  for (const [key, value] of Object.entries(out)) {
    if (value === null) ctx.missingBecause(section(key), `not collected: SPO_tenant in this ScubaGear export has no ${key} value`);
  }
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
