import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTenant, type LoadedTenant } from '../../src/scan.js';
import { resolveChanges } from '../../src/simulate/resolve.js';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import type { RawChange } from '../../src/simulate/types.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

type Result = SimulationResult['results'][number];
const rulesOf = (r: Result) => r.platform.rules.map((x) => `${x.id}:${x.effect}`);
const findingsOf = (list: Result['introduced']) => list.map((f) => `${f.controlId} ${f.resource.displayName} ${f.severity}`);

const HR = 'https://contoso.sharepoint.com/sites/HRConfidential';

describe('simulate share-site: what a share opens up (examples/changes/share-sensitive-site.yaml)', () => {
  let run: ReturnType<typeof runCli>;
  let result: SimulationResult;
  beforeAll(() => {
    run = runCli(['simulate', 'examples/changes/share-sensitive-site.yaml', '--tenant', EXAMPLE, '--as-of', AS_OF, '-o', 'json']);
    result = JSON.parse(run.stdout || 'null') as SimulationResult;
  });

  it('exits 1: three of the four shares would be refused', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(result.results.map((r) => r.decision)).toEqual(['allow', 'deny', 'deny', 'deny']);
  });

  it('a member sharing an HR file with a new Fabrikam address creates a guest through the B2B integration and gives it edit rights', () => {
    const [share] = result.results;
    expect(rulesOf(share!)).toEqual(['PLT-SITE-07:effect', 'PLT-SITE-08:effect']);
    expect(share!.effects).toMatchObject({
      applied: true,
      user: { userPrincipalName: 'lena.fischer_fabrikam.com#EXT#@contoso.onmicrosoft.com', userType: 'Guest', externalUserState: 'PendingAcceptance' },
      link: { scope: 'specificPeople', permission: 'edit', item: 'Shared Documents/Policies/Relocation allowance 2026.docx' },
      externalUser: true,
    });
    expect(share!.platform.rules[1]!.message).toContain('gets edit access to file Shared Documents/Policies/Relocation allowance 2026.docx');
    // HR Confidential is already reported as sensitive and open (SG-SPO-08, by fingerprint): the share adds no new finding.
    expect(share!.introduced).toEqual([]);
    const scan = JSON.parse(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json']).stdout) as { findings: { controlId: string; resource: { id: string; displayName: string } }[] };
    expect(scan.findings.some((f) => f.controlId === 'SG-SPO-08' && f.resource.displayName === 'HR Confidential')).toBe(true);
  });

  it('Finance Team: the site shares with existing guests only, and SharePoint\'s allow list lacks the domain', () => {
    const finance = result.results[1]!;
    expect(rulesOf(finance)).toEqual(['PLT-SITE-02:refuse', 'PLT-SITE-04:refuse']);
    expect(finance.effects).toEqual({ applied: false });
    expect(finance.introduced).toEqual([]);
  });

  it('a domain SharePoint allows but Entra blocks: the guest account the share needs would not be created', () => {
    const blocked = result.results[2]!;
    expect(rulesOf(blocked)).toEqual(['PLT-SITE-06:refuse']);
    expect(blocked.platform.rules[0]!.message).toMatch(/needs a new guest account, which Entra would refuse \(PLT-INVITE-02\): sam\.lee@wingtiptoys\.com cannot be invited/);
  });

  it('an "Anyone" link with edit rights to a folder, where such links may only view', () => {
    const anyone = result.results[3]!;
    expect(rulesOf(anyone)).toEqual(['PLT-SITE-03:refuse']);
    expect(anyone.effects.applied).toBe(false);
  });
});

describe('simulate share-site: the shortcut', () => {
  it('judges one share from flags, and says which flag is missing', () => {
    const run = runCli(['simulate', 'share-site', '--tenant', EXAMPLE, '--as', 'patti.fernandez@contoso.com', '--site', 'Finance Team', '--link', 'anyone', '--as-of', AS_OF, '-o', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as SimulationResult;
    expect(result.results.map(rulesOf)).toEqual([['PLT-SITE-02:refuse']]);
    const usage = runCli(['simulate', 'share-site', '--tenant', EXAMPLE, '--as', 'patti.fernandez@contoso.com', '--site', 'Finance Team']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--with: a specific-people share names who it is sent to');
  });
});

describe('simulate share-site: the findings a share introduces', () => {
  // Contoso with one more sensitive site, Legal, that shares with existing guests only and has none yet.
  let tenant: LoadedTenant;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-share-'));
    fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'sharepoint', 'legal.yaml'),
      [
        'schemaVersion: 1',
        'sites:',
        '  - id: 6e5d4c3b-2a19-4807-b6a5-948372615041',
        '    url: https://contoso.sharepoint.com/sites/Legal',
        '    title: Legal',
        '    template: "SITEPAGEPUBLISHING#0"',
        '    owners: []',
        '    sharingCapability: existingGuests',
        '    sensitivityLabel: null',
        '    externalUsers: []',
        '    sharingLinks: []',
        '',
      ].join('\n'),
    );
    tenant = await loadTenant([dir]);
  });

  const changes: RawChange[] = [
    // An existing Fabrikam guest: the site allows existing guests, so SharePoint shares, and the Legal site
    // now holds a guest.
    { action: 'share-site', actor: 'patti.fernandez@contoso.com', site: 'Legal', item: 'file', path: 'Contracts/NDA.docx', recipient: 'ravi.patel@fabrikam.com', permission: 'view' },
    // A new address: the site would have to share with new guests.
    { action: 'share-site', actor: 'patti.fernandez@contoso.com', site: 'https://contoso.sharepoint.com/sites/Legal/', recipient: 'nora.quinn@fabrikam.com' },
    // An organisation link reaches no guest: allowed, nothing introduced.
    { action: 'share-site', actor: 'patti.fernandez@contoso.com', site: 'Legal', item: 'folder', path: 'Templates', link: 'organization', permission: 'edit' },
  ];

  it('a share of a sensitive site with a guest introduces SG-SPO-08; the refused and the internal ones introduce nothing', async () => {
    const result = await simulate(tenant, resolveChanges(changes, tenant.tenant), { asOf: new Date(AS_OF) });
    const [guest, newGuest, internal] = result.results;
    expect(guest!.decision).toBe('warn');
    expect(rulesOf(guest!)).toEqual(['PLT-SITE-08:effect']);
    expect(findingsOf(guest!.introduced)).toEqual(['SG-SPO-08 Legal medium']);
    expect(guest!.introduced[0]!.message).toMatch(/1 guest\(s\) or other external users have access/);
    expect(newGuest!.decision).toBe('deny');
    expect(rulesOf(newGuest!)).toEqual(['PLT-SITE-02:refuse']);
    expect(internal!.decision).toBe('allow');
    expect(internal!.effects).toMatchObject({ applied: true, externalUser: false, link: { scope: 'organization', permission: 'edit', item: 'Templates' } });
    expect(internal!.introduced).toEqual([]);
  });

  it('the incremental simulation agrees with a full re-scan after every share', async () => {
    const resolved = resolveChanges(changes, tenant.tenant);
    const strip = (r: SimulationResult) => r.results.map((x) => ({ ...x, introduced: findingsOf(x.introduced).sort(), resolved: findingsOf(x.resolved).sort() }));
    const incremental = await simulate(tenant, resolved, { asOf: new Date(AS_OF) });
    const rescan = await simulate(tenant, resolved, { asOf: new Date(AS_OF), strategy: 'rescan' });
    expect(strip(incremental)).toEqual(strip(rescan));
  });

  it('names an unknown site, and a recipient on a link, as input errors at the change', () => {
    expect(() => resolveChanges([{ action: 'share-site', actor: 'patti.fernandez@contoso.com', site: 'https://contoso.sharepoint.com/sites/Nope', recipient: 'a@fabrikam.com' }], tenant.tenant)).toThrow(
      /change 0 \(share-site\): site "https:\/\/contoso\.sharepoint\.com\/sites\/Nope" matches no site in the tenant/,
    );
    expect(() => resolveChanges([{ action: 'share-site', actor: 'patti.fernandez@contoso.com', site: 'Legal', link: 'anyone', recipient: 'a@fabrikam.com' }], tenant.tenant)).toThrow(
      /change 0 \(share-site\): recipient: a link of scope anyone is not sent to anyone in particular/,
    );
    expect(() => resolveChanges([{ action: 'share-site', actor: 'patti.fernandez@contoso.com', site: 'Legal' }], tenant.tenant)).toThrow(/a specific-people share names who it is sent to/);
  });
});
