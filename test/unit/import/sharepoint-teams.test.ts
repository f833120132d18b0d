import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { POWERSHELL_FILES } from '../../../src/import/layout.js';
import { copyFixture, FABRIKAM, imported, inputErrors, setFile } from './helpers.js';

type Rec = Record<string, any>;

// The PowerShell cmdlets' output as ScubaGear saved it in its published exports (CC0; test/fixtures/real/scubagear/
// SOURCES.md): SPO_tenant is Get-SPOTenant, SPO_site Get-SPOSite, federation_configuration
// Get-CsTenantFederationConfiguration, client_configuration Get-CsTeamsClientConfiguration, meeting_policies
// Get-CsTeamsMeetingPolicy, each `ConvertTo-Json`'d.
const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/real/scubagear');
const PROVIDERS = fs.readdirSync(CORPUS).filter((f) => /-provider-\d/.test(f) && !f.includes('invalid'));

function corpus(name: string): Rec {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, name))).toString('utf8');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

const one = (v: unknown): Rec => (Array.isArray(v) ? v[0] : v) as Rec;
// SharePoint's own numbering of SharingCapability, as Microsoft documents it for Set-SPOTenant.
const SPO_CAPABILITY: Record<number, string> = { 0: 'disabled', 1: 'newAndExistingGuests', 2: 'anyone', 3: 'existingGuests' };

function withPowerShell(files: Partial<Record<keyof typeof POWERSHELL_FILES, unknown>>): string {
  const dir = copyFixture(FABRIKAM);
  for (const [key, value] of Object.entries(files)) {
    setFile(dir, `${POWERSHELL_FILES[key as keyof typeof POWERSHELL_FILES].file}.json`, JSON.stringify(value, null, 2));
  }
  return dir;
}

const missing = (doc: Rec) => new Map<string, string>((doc.collection.missing as { section: string; reason: string }[]).map((m) => [m.section, m.reason]));

describe('import: SharePoint and Teams from the PowerShell cmdlets', () => {
  it.each(PROVIDERS.filter((f) => corpus(f).SPO_tenant))('%s: Get-SPOTenant and Get-SPOSite as ScubaGear saved them', (name) => {
    const raw = corpus(name);
    const tenant = one(raw.SPO_tenant);
    const sites = (Array.isArray(raw.SPO_site) ? raw.SPO_site : [raw.SPO_site]).filter(Boolean) as Rec[];
    const doc = imported(withPowerShell({ spoTenant: raw.SPO_tenant, ...(sites.length > 0 ? { spoSites: raw.SPO_site } : {}) }));
    const sp = doc.sharePoint as Rec;
    expect(sp.sharingCapability).toBe(SPO_CAPABILITY[tenant.SharingCapability]);
    const od = tenant.OneDriveSharingCapability ?? tenant.ODBSharingCapability;
    expect(sp.oneDriveSharingCapability).toBe(od === undefined ? null : SPO_CAPABILITY[od]);
    if (od === undefined) expect(missing(doc).get('sharePoint.oneDriveSharingCapability')).toMatch(/^not collected: powershell\/Get-SPOTenant\.json has no value/);
    const days = tenant.RequireAnonymousLinksExpireInDays;
    expect(sp.anyoneLinkExpirationDays).toBe(days === undefined ? null : Math.max(0, days));
    const allowed = tenant.SharingAllowedDomainList;
    expect(sp.sharingAllowedDomains).toEqual(allowed ? allowed.split(' ') : allowed === undefined ? null : []);
    if (tenant.PreventExternalUsersFromResharing !== undefined) expect(sp.guestsCanReshare).toBe(!tenant.PreventExternalUsersFromResharing);
    if (sites.length > 0) {
      expect(doc.sites).toHaveLength(sites.length);
      expect(doc.sites.map((s: Rec) => s.url)).toEqual(sites.map((s) => s.Url));
      expect(doc.sites.map((s: Rec) => s.sharingCapability)).toEqual(sites.map((s) => SPO_CAPABILITY[s.SharingCapability] ?? null));
    }
    // Who has access and the links are in neither cmdlet: never reported as "none".
    expect(missing(doc).get(sites.length > 0 ? 'sites[].externalUsers' : 'sites')).toMatch(/^not collected/);
    expect(doc.teamsSettings).toBeUndefined();
    expect(missing(doc).get('teamsSettings')).toMatch(/Get-CsTeamsClientConfiguration/);
  });

  it.each(PROVIDERS.filter((f) => corpus(f).federation_configuration))('%s: the Teams cmdlets as ScubaGear saved them', (name) => {
    const raw = corpus(name);
    const doc = imported(withPowerShell({ teamsFederation: raw.federation_configuration, teamsClient: raw.client_configuration, teamsMeetingPolicies: raw.meeting_policies }));
    const fed = one(raw.federation_configuration);
    const teams = doc.teamsSettings as Rec;
    expect(teams.externalAccess.enabled).toBe(fed.AllowFederatedUsers);
    expect(teams.externalAccess.teamsConsumer).toBe(fed.AllowTeamsConsumer ?? null);
    const allowed = JSON.stringify(fed.AllowedDomains);
    expect(teams.externalAccess.allowAllDomains).toBe(/AllowAllKnownDomains/.test(allowed));
    for (const m of allowed.matchAll(/Domain=([\w.-]+)/g)) expect(teams.externalAccess.allowedDomains).toContain(m[1]!.toLowerCase());
    expect(teams.guestAccessEnabled).toBe(one(raw.client_configuration).AllowGuestUser);
    const policies = (Array.isArray(raw.meeting_policies) ? raw.meeting_policies : [raw.meeting_policies]) as Rec[];
    expect(teams.meetingPolicies.map((p: Rec) => [p.id, p.anonymousUsersCanJoin])).toEqual(policies.map((p) => [p.Identity, p.AllowAnonymousUsersToJoinMeeting ?? null]));
  });

  it('reads enumerations saved as names (-EnumsAsStrings) like numbers', () => {
    const doc = imported(withPowerShell({
      spoTenant: { SharingCapability: 'ExistingExternalUserSharingOnly', OneDriveSharingCapability: 'Disabled', DefaultSharingLinkType: 'Internal', DefaultLinkPermission: 'View', FileAnonymousLinkType: 'Edit', FolderAnonymousLinkType: 'View', SharingDomainRestrictionMode: 'BlockList', SharingBlockedDomainList: 'rival.com gmail.com' },
      spoSites: [{ Url: 'https://fabrikam-my.sharepoint.com/personal/ann_fabrikam_com', Template: 'SPSPERS#10', SharingCapability: 'ExternalUserAndGuestSharing', GroupId: '00000000-0000-0000-0000-000000000000', Owner: 'ann@fabrikam.com' }],
    }));
    expect(doc.sharePoint).toMatchObject({
      sharingCapability: 'existingGuests', oneDriveSharingCapability: 'disabled', defaultSharingLinkType: 'organization', defaultLinkPermission: 'view',
      anyoneLinkFilePermission: 'edit', anyoneLinkFolderPermission: 'view', sharingDomainRestrictionMode: 'blockList', sharingBlockedDomains: ['rival.com', 'gmail.com'],
    });
    expect(doc.sites[0]).toMatchObject({ isOneDrive: true, sharingCapability: 'anyone', groupId: null });
    // A field the file lacks is null and said to be missing, not given SharePoint's default.
    expect(doc.sharePoint.guestsCanReshare).toBeNull();
    expect(missing(doc).get('sharePoint.guestsCanReshare')).toMatch(/^not collected/);
  });

  it('an unknown enumeration value is an input error at its line', () => {
    const dir = withPowerShell({ spoTenant: { SharingCapability: 7 } });
    const messages = inputErrors(() => imported(dir));
    expect(messages.join('\n')).toMatch(/Get-SPOTenant\.json:\d+:\d+: .*unknown SharingCapability 7/);
  });

  it('another cmdlet saved under the name is refused, not read as empty settings', () => {
    const raw = corpus(PROVIDERS.find((f) => corpus(f).client_configuration)!);
    const messages = inputErrors(() => imported(withPowerShell({ spoTenant: raw.client_configuration })));
    expect(messages.join('\n')).toMatch(/no SharingCapability/);
  });

  it('records every part not saved as not collected, naming the command that saves it', () => {
    const doc = imported(copyFixture(FABRIKAM));
    const m = missing(doc);
    for (const section of ['sharePoint', 'sites', 'teamsSettings', 'teams']) expect(m.get(section), section).toMatch(/^not collected/);
    expect(doc.sharePoint).toBeUndefined();
    expect(doc.sites).toBeUndefined();
    const partial = imported(withPowerShell({ teamsClient: { AllowGuestUser: false, Identity: 'Global' } }));
    expect(partial.teamsSettings).toEqual({ externalAccess: null, guestAccessEnabled: false, meetingPolicies: null });
    expect(missing(partial).get('teamsSettings.externalAccess')).toContain('Get-CsTenantFederationConfiguration | ConvertTo-Json -Depth 10');
  });
});

describe('import: SharePoint and Teams from Graph', () => {
  it('settings and sites from Graph, with what Graph does not give recorded as not collected', () => {
    const dir = copyFixture(FABRIKAM);
    setFile(dir, 'graph/v1.0/admin/sharepoint/settings.json', JSON.stringify({ sharingCapability: 'externalUserSharingOnly', sharingDomainRestrictionMode: 'allowList', sharingAllowedDomainList: ['contoso.com'], sharingBlockedDomainList: [], isResharingByExternalUsersEnabled: false }));
    setFile(dir, 'graph/v1.0/sites/getAllSites.json', JSON.stringify({ value: [{ id: 'fabrikam.sharepoint.com,6a3c0a4e-1111-4d6c-9a33-5b0e4c2d7f10,0f0e0d0c-2222-4b3a-8c7d-6e5f4a3b2c1d', webUrl: 'https://fabrikam.sharepoint.com/sites/Legal', displayName: 'Legal', isPersonalSite: false }] }));
    const doc = imported(dir);
    expect(doc.sharePoint).toMatchObject({ sharingCapability: 'newAndExistingGuests', sharingDomainRestrictionMode: 'allowList', sharingAllowedDomains: ['contoso.com'], guestsCanReshare: false, oneDriveSharingCapability: null });
    expect(missing(doc).get('sharePoint.oneDriveSharingCapability')).toContain('Graph does not give it');
    expect(doc.sites).toEqual([expect.objectContaining({ id: '6a3c0a4e-1111-4d6c-9a33-5b0e4c2d7f10', url: 'https://fabrikam.sharepoint.com/sites/Legal', sharingCapability: null, isOneDrive: false })]);
    expect(missing(doc).get('sites[].sharingCapability')).toContain('Get-SPOSite');
  });

  it('teams and their guest settings; a team without its settings file is not collected for that team', () => {
    const dir = copyFixture(FABRIKAM);
    setFile(dir, 'graph/v1.0/teams.json', JSON.stringify({ value: [{ id: 'team-a', displayName: 'Alpha' }, { id: 'team-b', displayName: 'Beta' }] }));
    setFile(dir, 'graph/v1.0/teams/team-a.json', JSON.stringify({ id: 'team-a', displayName: 'Alpha', guestSettings: { allowCreateUpdateChannels: true, allowDeleteChannels: false } }));
    const doc = imported(dir);
    expect(doc.teams).toEqual([
      { id: 'team-a', displayName: 'Alpha', guestSettings: { allowCreateUpdateChannels: true, allowDeleteChannels: false } },
      { id: 'team-b', displayName: 'Beta', guestSettings: null },
    ]);
    expect(missing(doc).get('teams[].guestSettings')).toMatch(/^not collected for 1 of 2: graph\/v1\.0\/teams\/\{id\}\.json/);
  });
});
