import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-async.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { startMicrosoftStandin, type Standin, type StandinRules } from '../helpers/microsoft-standin.js';

// Graph's SharePoint settings, sites (two pages) and teams, one of whose guest settings is missing (404).
const RAW = path.join(ROOT, 'test/fixtures/import/spo-graph-raw');
const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-spo-token.c2lnbmF0dXJl';
const PP_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.pp-spo-token.c2lnbmF0dXJl';
const TOKENS = { SHAREGUARD_GRAPH_TOKEN: GRAPH_TOKEN, SHAREGUARD_POWERPLATFORM_TOKEN: PP_TOKEN };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-collect-spo-'));

async function collect(rules: Partial<StandinRules>, out: string, rawOut: string): Promise<{ run: Awaited<ReturnType<typeof runCliAsync>>; requests: Standin['requests'] }> {
  const standin = await startMicrosoftStandin(RAW, { graphToken: GRAPH_TOKEN, powerPlatformToken: PP_TOKEN, ...rules });
  try {
    const run = await runCliAsync(['collect', '--out', out, '--raw-out', rawOut, '--graph-url', standin.url, '--powerplatform-url', standin.url, '--allow-partial'], TOKENS);
    return { run, requests: standin.requests };
  } finally {
    await standin.close();
  }
}

const read = (dir: string, name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const missingOf = (dir: string) => new Map<string, string>((read(dir, 'tenant.json').collection.missing as { section: string; reason: string }[]).map((m) => [m.section, m.reason]));

describe('collect: SharePoint and Teams through Graph', () => {
  it('reads the settings, every page of sites, the teams and each team\'s guest settings', async () => {
    const work = tmp();
    const out = path.join(work, 'export');
    const rawOut = path.join(work, 'raw');
    const { run, requests } = await collect({}, out, rawOut);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const urls = requests.map((r) => r.url);
    expect(urls).toContain('/v1.0/admin/sharepoint/settings');
    expect(urls.filter((u) => u.startsWith('/v1.0/sites/getAllSites'))).toHaveLength(2);
    expect(urls.filter((u) => /^\/v1\.0\/teams\/[0-9a-f-]+\?/.test(u))).toHaveLength(2);

    const sp = read(out, 'sharepoint.json');
    expect(sp.sharePoint).toMatchObject({ sharingCapability: 'anyone', sharingDomainRestrictionMode: 'blockList', sharingBlockedDomains: ['rival.example'], guestsCanReshare: true, requireAcceptingAccountMatchInvitedAccount: true, oneDriveSharingCapability: null });
    expect(sp.sites.map((s: { id: string; isOneDrive: boolean }) => [s.id, s.isOneDrive])).toEqual([
      ['2b7e1c4d-3a5f-4e6b-9c8d-7e6f5a4b3c2d', false],
      ['5c4b3a29-1807-4f6e-8d5c-4b3a29180706', true],
    ]);
    const teams = read(out, 'teams.json').teams as { id: string; guestSettings: unknown }[];
    expect(teams.map((t) => t.guestSettings)).toEqual([{ allowCreateUpdateChannels: true, allowDeleteChannels: true }, null]);

    // The team whose request was answered 404 is recorded, with the request; what Graph cannot give too.
    const missing = missingOf(out);
    expect(missing.get('teams[].guestSettings')).toMatch(/^not collected for 1 of 2: 404 Not Found from GET v1\.0\/teams\/b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e/);
    expect(missing.get('sharePoint.oneDriveSharingCapability')).toContain('Graph does not give it');
    expect(missing.get('sites[].externalUsers')).toMatch(/^not collected/);

    // The raw responses import to the same export.
    const again = path.join(work, 'again');
    expect(runCli(['import', rawOut, '--out', again]).code).toBe(0);
    for (const name of ['sharepoint.json', 'teams.json']) expect(fs.readFileSync(path.join(again, name), 'utf8'), name).toBe(fs.readFileSync(path.join(out, name), 'utf8'));
  });

  it('a 403 on the SharePoint settings is recorded as not collected with the permission it needs', async () => {
    const work = tmp();
    const out = path.join(work, 'export');
    const { run } = await collect({ forbid: ['/v1.0/admin/sharepoint/settings'] }, out, path.join(work, 'raw'));
    expect(run.code).toBe(0); // --allow-partial
    expect(missingOf(out).get('sharePoint')).toMatch(/403 Forbidden .*needs SharePointTenantSettings\.Read\.All/);
    expect(fs.existsSync(path.join(out, 'sharepoint.json'))).toBe(true); // the sites still are there
    expect(read(out, 'sharepoint.json').sharePoint).toBeUndefined();
  });
});
