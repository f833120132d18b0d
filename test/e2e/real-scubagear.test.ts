import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../src/errors.js';
import { importExport } from '../../src/import/index.js';
import { exportFiles } from '../../src/import/write-export.js';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Every ScubaGear export in the real-data corpus (test/fixtures/real/scubagear, see its SOURCES.md) imports,
 * yields the sections its content holds, and scans. The expected values below were read off the published
 * files, not off shareguard's output: environments and DLP policies counted in environment_list and
 * dlp_policies, the two Power Apps switches read in powerPlatform.powerApps (the @{…} text up to 1.7).
 */
const CORPUS = path.join(ROOT, 'test/fixtures/real/scubagear');
const AS_OF = new Date('2026-12-01T00:00:00Z');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-real-scuba-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The published file, as ScubaGear wrote it, in a folder of its own (ScubaGear's own name for it). */
function published(name: string): string {
  const dir = fs.mkdtempSync(path.join(work, 'run-'));
  const file = path.join(dir, name.includes('-results-') ? 'ScubaResults_corpus.json' : 'ProviderSettingsExport.json');
  fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, `${name}.json.gz`))));
  return file;
}

interface Expected {
  environments: number | null;
  dlpPolicies: number | null;
  /** enableGuestsToMake, disableShareWithEveryone; null: the file has no Power Platform settings. */
  powerApps: [boolean, boolean] | null;
  guestUserAccess: 'limited' | 'restricted';
}

const PP_FF: Expected['powerApps'] = [false, false];
const PP_FT: Expected['powerApps'] = [false, true];
const CASES: Record<string, Expected> = {
  '0.2.0-provider-2023-04-19-05cd274': { environments: null, dlpPolicies: null, powerApps: null, guestUserAccess: 'limited' },
  '0.3.0-provider-2026-05-15-45a5be3': { environments: 1, dlpPolicies: 1, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.0.0-provider-2023-11-20-9e05e6b': { environments: 1, dlpPolicies: 2, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.2.0-provider-2024-04-04-46bb93a': { environments: 1, dlpPolicies: 1, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.3.0-provider-2024-06-06-69795d9': { environments: 2, dlpPolicies: 1, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.4.0-provider-2024-08-12-1153626': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.4.0-results-2024-08-12-dbe1d69': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.5.0-provider-2025-02-12-4627160': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.5.0-results-2025-02-12-2e523e0': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.6.0-provider-2025-04-16-d8864e9': { environments: 3, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.6.0-provider-2025-07-08-a199d8b': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.6.0-results-2025-07-08-43fd82f': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.7.0-provider-2026-04-22-131dc5a': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.7.0-provider-2026-05-01-458dd7f': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.7.0-results-2026-05-01-4b3a3c6': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.8.0-provider-2026-07-23-33f3de3': { environments: 2, dlpPolicies: 0, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.8.0-results-2026-06-12-b567573': { environments: null, dlpPolicies: null, powerApps: null, guestUserAccess: 'restricted' },
  '1.8.0-results-2026-07-23-6ed322b': { environments: 2, dlpPolicies: 0, powerApps: PP_FT, guestUserAccess: 'limited' },
};

/** Writes the imported export as `import` would, and scans it. */
async function scanImported(files: Map<string, string>) {
  const dir = fs.mkdtempSync(path.join(work, 'export-'));
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  return scan([dir], { asOf: AS_OF });
}

const findingKeys = (result: Awaited<ReturnType<typeof scan>>) => result.findings.map((f) => `${f.controlId} ${f.resource.kind}:${f.resource.id}`).sort();

describe('real ScubaGear exports (CISA ScubaGear 0.2 to 1.8, published samples and stubs)', () => {
  it('the corpus holds every file SOURCES.md lists, and the test covers each', () => {
    const listed = [...fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8').matchAll(/^\| `([^`]+)\.json\.gz` \|/gm)].map((m) => m[1]);
    const present = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json.gz')).map((f) => f.replace(/\.json\.gz$/, ''));
    expect(listed.sort()).toEqual(present.sort());
    expect(present.filter((f) => !f.includes('invalid')).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: imports the sections it holds, and scans`, async () => {
      const result = importExport(published(name));
      expect(result.kind).toBe('scubagear');
      const doc = result.imported.document as Record<string, any>;
      const missing = new Set(doc.collection.missing.map((m: { section: string }) => m.section));
      expect(doc.tenant.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(doc.externalCollaboration.guestUserAccess).toBe(expected.guestUserAccess);
      expect(doc.externalCollaboration.allowEmailVerifiedUsersToJoinOrganization).toBe(true);
      expect(doc.environments?.length ?? null).toBe(expected.environments);
      expect(doc.dlpPolicies?.length ?? null).toBe(expected.dlpPolicies);
      if (expected.powerApps) {
        expect([doc.powerPlatform.tenantSettings.enableGuestsToMake, doc.powerPlatform.tenantSettings.disableShareWithEveryone]).toEqual(expected.powerApps);
      } else {
        expect(doc).not.toHaveProperty('powerPlatform');
        expect(missing.has('powerPlatform.tenantSettings')).toBe(true);
      }
      for (const section of ['users', 'groups', 'flows', 'apps']) expect(missing.has(section), section).toBe(true);
      // Environments whose security group the file cannot tell are recorded as such, never as "no group".
      for (const env of doc.environments ?? []) {
        if (!('securityGroupId' in env)) expect(missing.has('environments[].securityGroupId')).toBe(true);
      }

      const scanned = await scanImported(result.files);
      // Every file says allowEmailVerifiedUsersToJoinOrganization = True.
      expect(scanned.findings.map((f) => f.controlId)).toContain('SG-COLLAB-05');
      const notEvaluated = scanned.summary.notEvaluated.map((n) => n.section);
      for (const section of ['users', 'groups', 'flows', 'apps']) expect(notEvaluated, section).toContain(section);
    });
  }

  // SharePoint and Teams, as written in each file: SPO_tenant's SharingCapability, OneDrive's (ODBSharingCapability
  // from 1.7, OneDriveSharingCapability before; null: absent, as where OneDrive_PnP_Flag is true),
  // DefaultSharingLinkType and RequireAnonymousLinksExpireInDays; federation_configuration's AllowFederatedUsers, the
  // number of meeting_policies and the Global policy's AllowAnonymousUsersToJoinMeeting. null: the key is absent.
  const SPO_TEAMS: Record<string, { sharePoint: [number, number | null, number, number] | null; teams: [boolean, number, boolean] | null }> = {
    '0.2.0-provider-2023-04-19-05cd274': { sharePoint: [2, 2, 3, -1], teams: [true, 7, true] },
    '0.3.0-provider-2026-05-15-45a5be3': { sharePoint: [2, 2, 2, -1], teams: [true, 9, true] },
    '1.0.0-provider-2023-11-20-9e05e6b': { sharePoint: [1, 3, 3, 30], teams: [false, 8, true] },
    '1.2.0-provider-2024-04-04-46bb93a': { sharePoint: [0, null, 3, 30], teams: [false, 9, true] },
    '1.3.0-provider-2024-06-06-69795d9': { sharePoint: [0, 0, 1, 30], teams: [false, 8, true] },
    '1.4.0-provider-2024-08-12-1153626': { sharePoint: [0, 0, 1, 30], teams: [false, 9, true] },
    '1.4.0-results-2024-08-12-dbe1d69': { sharePoint: [0, 0, 1, 30], teams: [false, 9, true] },
    '1.5.0-provider-2025-02-12-4627160': { sharePoint: [0, 0, 1, 30], teams: [false, 8, true] },
    '1.5.0-results-2025-02-12-2e523e0': { sharePoint: [0, 0, 1, 30], teams: [false, 8, true] },
    '1.6.0-provider-2025-04-16-d8864e9': { sharePoint: [0, 0, 1, 30], teams: [false, 7, true] },
    '1.6.0-provider-2025-07-08-a199d8b': { sharePoint: [0, null, 1, 30], teams: [false, 9, true] },
    '1.6.0-results-2025-07-08-43fd82f': { sharePoint: [0, null, 1, 30], teams: [false, 9, true] },
    '1.7.0-provider-2026-04-22-131dc5a': { sharePoint: [0, 0, 1, 30], teams: [false, 10, true] },
    '1.7.0-provider-2026-05-01-458dd7f': { sharePoint: [0, 0, 1, 30], teams: [false, 10, true] },
    '1.7.0-results-2026-05-01-4b3a3c6': { sharePoint: [0, 0, 1, 30], teams: [false, 10, true] },
    '1.8.0-provider-2026-07-23-33f3de3': { sharePoint: [0, 0, 1, -1], teams: [false, 11, true] },
    '1.8.0-results-2026-06-12-b567573': { sharePoint: null, teams: null },
    '1.8.0-results-2026-07-23-6ed322b': { sharePoint: [0, 0, 1, -1], teams: [false, 11, true] },
  };
  // SharePoint's documented encodings (ScubaGear's SharepointConfig.rego names them the same way).
  const CAPABILITY = ['disabled', 'newAndExistingGuests', 'anyone', 'existingGuests'];
  const LINK_TYPE = ['none', 'specificPeople', 'organization', 'anyone'];

  it('every file: SharePoint and Teams settings as the file states them, or recorded as not collected', () => {
    expect(Object.keys(SPO_TEAMS).sort()).toEqual(Object.keys(CASES).sort());
    for (const [name, expected] of Object.entries(SPO_TEAMS)) {
      const doc = importExport(published(name)).imported.document as Record<string, any>;
      const missing = new Set(doc.collection.missing.map((m: { section: string }) => m.section));
      // Neither the site list nor the teams are in a ScubaGear export: never an empty, "clean" list.
      expect(doc, name).not.toHaveProperty('sites');
      expect(doc, name).not.toHaveProperty('teams');
      expect([missing.has('sites'), missing.has('teams')], name).toEqual([true, true]);
      if (expected.sharePoint) {
        const [sharing, oneDrive, linkType, expiry] = expected.sharePoint;
        expect(doc.sharePoint.sharingCapability, name).toBe(CAPABILITY[sharing]);
        expect(doc.sharePoint.oneDriveSharingCapability, name).toBe(oneDrive === null ? null : CAPABILITY[oneDrive]);
        if (oneDrive === null) expect(missing.has('sharePoint.oneDriveSharingCapability'), name).toBe(true);
        expect(doc.sharePoint.defaultSharingLinkType, name).toBe(LINK_TYPE[linkType]);
        expect(doc.sharePoint.anyoneLinkExpirationDays, name).toBe(Math.max(expiry, 0));
        // Who may share with guests is read where the file states it (1.8's SharePoint REST form), else not collected.
        const text = zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, `${name}.json.gz`))).toString('utf8').replace(/^\uFEFF/, '');
        const root = JSON.parse(text);
        const groups = (root.Raw ?? root).SPO_tenant as Record<string, any>[] | Record<string, any>;
        const listed = (Array.isArray(groups) ? groups[0] : groups)?.GuestSharingGroupAllowListInTenantByPrincipalIdentity;
        if (listed) expect(doc.sharePoint.externalSharingGroups, name).toEqual(listed.results.map((r: string) => r.split('|').pop()!.toLowerCase()));
        else expect(missing.has('sharePoint.externalSharingGroups'), name).toBe(true);
      } else {
        expect(doc, name).not.toHaveProperty('sharePoint');
        expect(missing.has('sharePoint'), name).toBe(true);
      }
      if (expected.teams) {
        const [federation, policies, anonymousJoin] = expected.teams;
        expect(doc.teamsSettings.externalAccess.enabled, name).toBe(federation);
        expect(doc.teamsSettings.meetingPolicies, name).toHaveLength(policies);
        expect(doc.teamsSettings.meetingPolicies.find((p: { id: string }) => p.id === 'Global').anonymousUsersCanJoin, name).toBe(anonymousJoin);
      } else {
        expect(doc, name).not.toHaveProperty('teamsSettings');
        expect(missing.has('teamsSettings'), name).toBe(true);
      }
    }
  });

  it('scanning ScubaGear\'s published samples reports their SharePoint and Teams findings', async () => {
    // The meeting policies that let anonymous people in, read off the file itself.
    const anonymousPolicies = (name: string) => {
      const text = zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, `${name}.json.gz`))).toString('utf8').replace(/^\uFEFF/, '');
      const root = JSON.parse(text);
      const policies = (root.Raw ?? root).meeting_policies as Record<string, unknown>[];
      return policies
        .filter((p) => p.AllowAnonymousUsersToJoinMeeting === true || p.AllowAnonymousUsersToStartMeeting === true || p.AutoAdmittedUsers === 'Everyone' || p.AllowPSTNUsersToBypassLobby === true)
        .map((p) => p.Identity as string)
        .sort();
    };
    const spoTeams = (result: Awaited<ReturnType<typeof scan>>) =>
      result.findings.filter((f) => /^SG-(SPO|TEAMS)-/.test(f.controlId)).map((f) => `${f.controlId} ${f.resource.id}`).sort();

    // The latest sample (1.8): SharePoint shares with nobody outside, so no sharing control finds anything;
    // federation is off. Its meeting policies that admit anonymous people are reported one by one.
    const latest = '1.8.0-provider-2026-07-23-33f3de3';
    const recent = await scanImported(importExport(published(latest)).files);
    expect(anonymousPolicies(latest).length).toBeGreaterThan(0);
    expect(spoTeams(recent)).toEqual(anonymousPolicies(latest).map((id) => `SG-TEAMS-03 ${id}`).sort());
    const notEvaluated = recent.summary.notEvaluated.map((n) => n.section);
    for (const section of ['sites', 'teams']) expect(notEvaluated, section).toContain(section);

    // The oldest stub (0.2) opens SharePoint and OneDrive to "Anyone", with "Anyone" default links that never
    // expire and may edit, resharing guests, no account match and no guest expiry; federation is on for one domain.
    const oldest = '0.2.0-provider-2023-04-19-05cd274';
    const opened = await scanImported(importExport(published(oldest)).files);
    const tenantId = opened.tenant.id;
    expect(spoTeams(opened)).toEqual(
      [
        ...['SG-SPO-01', 'SG-SPO-02', 'SG-SPO-03', 'SG-SPO-05', 'SG-SPO-06', 'SG-SPO-07'].map((id) => `${id} ${tenantId}`),
        ...anonymousPolicies(oldest).map((id) => `SG-TEAMS-03 ${id}`),
      ].sort(),
    );
    expect(opened.findings.find((f) => f.controlId === 'SG-SPO-01')?.message).toContain('SharePoint and OneDrive');
  });

  it('a ScubaResults file finds what the same run\'s ProviderSettingsExport.json finds', async () => {
    const pairs = [
      ['1.6.0-provider-2025-07-08-a199d8b', '1.6.0-results-2025-07-08-43fd82f'],
      ['1.7.0-provider-2026-05-01-458dd7f', '1.7.0-results-2026-05-01-4b3a3c6'],
      ['1.8.0-provider-2026-07-23-33f3de3', '1.8.0-results-2026-07-23-6ed322b'],
    ] as const;
    for (const [provider, results] of pairs) {
      const a = await scanImported(importExport(published(provider)).files);
      const b = await scanImported(importExport(published(results)).files);
      expect(a.findings.length, provider).toBeGreaterThan(0);
      expect(findingKeys(b), results).toEqual(findingKeys(a));
      expect(b.summary.notEvaluated.map((n) => n.section)).toEqual(a.summary.notEvaluated.map((n) => n.section));
    }
  });

  it('up to 1.7, the Power Platform settings were @{…} text, and are read back from it', () => {
    const raw = zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, '1.7.0-provider-2026-04-22-131dc5a.json.gz'))).toString('utf8');
    expect(raw).toContain('"powerApps":  "@{disableShareWithEveryone=True; enableGuestsToMake=False;');
    const doc = importExport(published('1.7.0-provider-2026-04-22-131dc5a')).imported.document as Record<string, any>;
    expect(doc.powerPlatform.tenantSettings).toMatchObject({ disableShareWithEveryone: true, enableGuestsToMake: false, disableConnectionSharingWithEveryone: false });
  });

  it('a tenant_id that differs from the directory\'s is kept as a warning at its line, never silently', () => {
    const result = importExport(published('1.6.0-provider-2025-04-16-d8864e9'));
    const doc = result.imported.document as Record<string, any>;
    expect(doc.tenant.id).toBe('e4824fa4-0bb9-4759-ab1f-ca5191c5f792');
    expect(doc.collection.warnings).toEqual([expect.objectContaining({ section: null, source: expect.stringMatching(/ProviderSettingsExport\.json:\d+:\d+$/), message: expect.stringContaining('tenant_id d6a2a21e-0745-46c1-91ea-5b4172ca8421') })]);
  });

  it('the two files that are invalid JSON in their source are refused at their line, naming the file', () => {
    const refused = (name: string) => {
      try {
        importExport(published(name));
      } catch (e) {
        expect(e instanceof InputError || e instanceof InputErrors).toBe(true);
        return (e as Error).message;
      }
      throw new Error(`${name} was accepted`);
    };
    expect(refused('1.5.0-results-invalid-2025-01-22-34271bd')).toMatch(/ScubaResults_corpus\.json:24:1: invalid JSON/);
    expect(refused('1.8.0-provider-invalid-2026-05-11-e6fc6fd')).toMatch(/ProviderSettingsExport\.json:46:38: invalid JSON/);
  });
});
