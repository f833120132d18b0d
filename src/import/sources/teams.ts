import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill, POWERSHELL_FILES } from '../layout.js';
import type { RawNode } from '../node.js';
import { onlyObject, powerShellMissing } from './sharepoint.js';

/**
 * Teams: the tenant settings from the Teams PowerShell module's saved output (Get-CsTenantFederationConfiguration,
 * Get-CsTeamsClientConfiguration, Get-CsTeamsMeetingPolicy) and the teams with their guest settings from Graph.
 * A file not saved leaves its part of teamsSettings null and recorded as not collected.
 */

/**
 * AllowedDomains as ConvertTo-Json writes it: an AllowAllKnownDomains object (or that text) when every domain is
 * allowed; else { AllowedDomain: "Domain=x" } or a list of those, or bare "Domain=x" strings. → allowAllDomains
 * and the allowed list.
 */
function allowedDomains(node: RawNode): { allowAllDomains: boolean | null; allowedDomains: string[] | null } {
  if (node.isMissing || node.value === null) return { allowAllDomains: null, allowedDomains: null };
  const text = JSON.stringify(node.value);
  if (/AllowAllKnownDomains/i.test(text)) return { allowAllDomains: true, allowedDomains: [] };
  const names: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const part of v.split(/[\s,;]+/)) {
        const m = /^(?:Domain=)?([^=\s]+\.[^=\s]+)$/i.exec(part);
        if (m) names.push(m[1]!.toLowerCase());
      }
    } else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') Object.values(v as Rec).forEach(collect);
  };
  collect(node.value);
  return { allowAllDomains: false, allowedDomains: names };
}

function blockedDomains(node: RawNode): string[] | null {
  if (node.isMissing || node.value === null) return null;
  const names: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = /^(?:Domain=)?(.+)$/i.exec(v.trim());
      if (m && m[1] !== '') names.push(m[1]!.toLowerCase());
    } else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') Object.values(v as Rec).forEach(collect);
  };
  collect(node.value);
  return names;
}

/** Get-CsTenantFederationConfiguration → teamsSettings.externalAccess. */
export function mapFederation(config: RawNode): Rec {
  config.requireObject('the Teams federation configuration');
  const f = (name: string) => config.atAnyCase(name);
  if (f('AllowFederatedUsers').isMissing) {
    throw config.error('the Teams federation configuration has no AllowFederatedUsers (is this another cmdlet\'s output?)');
  }
  const trial = f('ExternalAccessWithTrialTenants');
  let trialTenants: boolean | null = null;
  if (!trial.isMissing && trial.value !== null && trial.value !== '') {
    // An enumeration: Blocked (0) or Allowed (1).
    const v = String(trial.value).toLowerCase();
    if (v === 'allowed' || v === '1') trialTenants = true;
    else if (v === 'blocked' || v === '0') trialTenants = false;
    else throw trial.error(`unknown ExternalAccessWithTrialTenants ${JSON.stringify(trial.value)} (expected Blocked or Allowed)`);
  }
  return {
    enabled: f('AllowFederatedUsers').looseBoolean(),
    ...allowedDomains(f('AllowedDomains')),
    blockedDomains: blockedDomains(f('BlockedDomains')),
    teamsConsumer: f('AllowTeamsConsumer').looseBoolean(),
    teamsConsumerInbound: f('AllowTeamsConsumerInbound').looseBoolean(),
    trialTenants,
  };
}

/** Get-CsTeamsMeetingPolicy (one policy) → a meeting policy. */
export function mapMeetingPolicy(policy: RawNode): Rec {
  policy.requireObject('a Teams meeting policy');
  const f = (name: string) => policy.atAnyCase(name);
  return {
    id: f('Identity').string(),
    anonymousUsersCanJoin: f('AllowAnonymousUsersToJoinMeeting').looseBoolean(),
    anonymousUsersCanStart: f('AllowAnonymousUsersToStartMeeting').looseBoolean(),
    autoAdmittedUsers: f('AutoAdmittedUsers').optionalString(),
    dialInBypassLobby: f('AllowPSTNUsersToBypassLobby').looseBoolean(),
  };
}

/** The teamsSettings section from whichever of the three PowerShell files were saved. */
export function readTeamsSettings(ctx: ImportContext): Rec | undefined {
  const federation = ctx.raw.single(POWERSHELL_FILES.teamsFederation.file);
  const client = ctx.raw.single(POWERSHELL_FILES.teamsClient.file);
  const meeting = ctx.raw.single(POWERSHELL_FILES.teamsMeetingPolicies.file);
  if (!federation && !client && !meeting) {
    powerShellMissing(ctx, 'teamsSettings', POWERSHELL_FILES.teamsClient);
    return undefined;
  }
  const out: Rec = {};
  if (federation) out.externalAccess = ctx.track(mapFederation(onlyObject(federation, 'Teams federation configuration')), federation);
  else {
    out.externalAccess = null;
    powerShellMissing(ctx, 'teamsSettings.externalAccess', POWERSHELL_FILES.teamsFederation);
  }
  if (client) {
    const config = onlyObject(client, 'Teams client configuration');
    const guest = config.atAnyCase('AllowGuestUser');
    if (guest.isMissing) throw config.error('the Teams client configuration has no AllowGuestUser (is this another cmdlet\'s output?)');
    out.guestAccessEnabled = guest.looseBoolean();
  } else {
    out.guestAccessEnabled = null;
    powerShellMissing(ctx, 'teamsSettings.guestAccessEnabled', POWERSHELL_FILES.teamsClient);
  }
  if (meeting) {
    const nodes = Array.isArray(meeting.value) ? meeting.items() : [meeting];
    out.meetingPolicies = nodes.map((n) => ctx.track(mapMeetingPolicy(n), n));
  } else {
    out.meetingPolicies = null;
    powerShellMissing(ctx, 'teamsSettings.meetingPolicies', POWERSHELL_FILES.teamsMeetingPolicies);
  }
  return out;
}

/** Graph's team (GET teams/{id}) → the team's guest settings. */
export function mapTeamGuestSettings(team: RawNode): Rec | null {
  team.requireObject('a team');
  const settings = team.at('guestSettings');
  if (settings.isMissing || settings.value === null) return null;
  settings.requireObject('the team\'s guestSettings');
  return {
    allowCreateUpdateChannels: settings.at('allowCreateUpdateChannels').optionalBoolean(),
    allowDeleteChannels: settings.at('allowDeleteChannels').optionalBoolean(),
  };
}

/**
 * Graph's teams listing → the teams section; each team's guest settings from its own GET. A team without that
 * file keeps guestSettings null, recorded as not collected for those teams. Whether guests are members is read
 * from the team's group, so hasGuests is left out.
 */
export function readTeams(ctx: ImportContext): Rec[] | undefined {
  const listing = ctx.raw.list(ENDPOINTS.teams.file);
  if (!listing) {
    ctx.notCollected('teams', ENDPOINTS.teams);
    return undefined;
  }
  let missing = 0;
  const teams = listing.map((node) => {
    node.requireObject('a team');
    const id = node.at('id').string();
    const detail = ctx.raw.single(fill(ENDPOINTS.team.file, { id }));
    if (!detail) missing += 1;
    const name = node.at('displayName').optionalString() ?? (detail ? detail.at('displayName').optionalString() : null);
    return ctx.track({ id, displayName: name ?? id, guestSettings: detail ? mapTeamGuestSettings(detail) : null }, node);
  });
  if (missing > 0) {
    const reason = missing === teams.length ? '' : ` for ${missing} of ${teams.length}`;
    ctx.missingBecause('teams[].guestSettings', `not collected${reason}: ${ENDPOINTS.team.file}.json is not in the raw folder (needs ${ENDPOINTS.team.permission})`);
  }
  return teams;
}
