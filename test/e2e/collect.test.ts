import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-async.js';
import { AS_OF, ROOT, runCli } from '../helpers/cli.js';
import { startMicrosoftStandin, type Standin, type StandinRules } from '../helpers/microsoft-standin.js';

const RAW = path.join(ROOT, 'test/fixtures/import/contoso-raw');
const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-test-token.c2lnbmF0dXJl';
const PP_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.powerplatform-test-token.c2lnbmF0dXJl';
const TOKENS = { SHAREGUARD_GRAPH_TOKEN: GRAPH_TOKEN, SHAREGUARD_POWERPLATFORM_TOKEN: PP_TOKEN };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-collect-'));

type Finding = { controlId: string; resource: { id: string }; principal?: { id: string }; severity: string; message: string };
const key = (f: Finding) => `${f.controlId} ${f.resource.id} ${f.principal?.id ?? '-'} ${f.severity} ${f.message}`;

function scan(target: string): { findings: Finding[]; summary: { notEvaluated: { section: string; controls: string[]; reason: string }[] } } {
  const r = runCli(['scan', target, '--as-of', AS_OF, '--output', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

/** Every file below a folder, with its text. */
function allText(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

async function withStandin<T>(rules: Partial<StandinRules>, fn: (s: Standin) => Promise<T>): Promise<T> {
  const standin = await startMicrosoftStandin(RAW, { graphToken: GRAPH_TOKEN, powerPlatformToken: PP_TOKEN, ...rules });
  try {
    return await fn(standin);
  } finally {
    await standin.close();
  }
}

const collectArgs = (s: Standin, out: string, ...more: string[]) => ['collect', '--out', out, '--graph-url', s.url, '--powerplatform-url', s.url, ...more];

describe('shareguard collect against a local stand-in for Graph and the admin APIs', () => {
  const work = tmp();
  const out = path.join(work, 'export');
  const rawOut = path.join(work, 'raw');
  const imported = path.join(work, 'imported');
  let run: Awaited<ReturnType<typeof runCliAsync>>;
  let requests: Standin['requests'] = [];

  beforeAll(async () => {
    await withStandin(
      {
        throttle: [
          { path: '/v1.0/users?', status: 429, retryAfter: '0', times: 1 },
          { path: '/bap/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?', status: 503, retryAfter: '1', times: 1 },
        ],
      },
      async (s) => {
        run = await runCliAsync(collectArgs(s, out, '--raw-out', rawOut), TOKENS);
        requests = s.requests;
      },
    );
    expect(runCli(['import', path.relative(ROOT, RAW), '--out', imported]).code).toBe(0);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('reads everything, following next links and waiting out throttling, and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^collected \d+ request\(s\) \(2 retried after throttling or errors\) into /);
    const users = requests.filter((r) => r.url.startsWith('/v1.0/users?'));
    expect(users.map((r) => new URL(r.url, 'http://x').searchParams.get('page'))).toEqual([null, null, '2']);
    expect(users[0]?.url).toContain('signInActivity');
    expect(requests.some((r) => r.url.includes('/v2/flows') && r.url.includes('page=2'))).toBe(true);
    expect(requests.find((r) => r.url.includes('listTenantSettings'))?.method).toBe('POST');
  });

  it('sends each API its own token', () => {
    for (const r of requests) expect(r.authorization).toBe(`Bearer ${r.url.startsWith('/v1.0/') || r.url.startsWith('/beta/') ? GRAPH_TOKEN : PP_TOKEN}`);
  });

  it('produces an export that scans like the imported one', () => {
    const got = scan(out);
    const want = scan(imported);
    expect(got.findings.length).toBeGreaterThan(40);
    expect(got.findings.map(key).sort()).toEqual(want.findings.map(key).sort());
    expect(got.summary.notEvaluated).toEqual(want.summary.notEvaluated);
  });

  it('keeps the raw responses in the import layout, so that import gives the same export', () => {
    expect(fs.existsSync(path.join(rawOut, 'graph/v1.0/users.2.json'))).toBe(true);
    const again = path.join(work, 'again');
    expect(runCli(['import', rawOut, '--out', again]).code).toBe(0);
    for (const name of fs.readdirSync(out)) expect(fs.readFileSync(path.join(again, name), 'utf8'), name).toBe(fs.readFileSync(path.join(out, name), 'utf8'));
    const record = JSON.parse(fs.readFileSync(path.join(rawOut, 'collection.json'), 'utf8'));
    expect(record).toMatchObject({ tool: 'shareguard collect', missing: [] });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'tenant.json'), 'utf8')).tenant.exportedAt).toBe(record.collectedAt);
  });

  it('never writes or prints a token', () => {
    for (const token of [GRAPH_TOKEN, PP_TOKEN, 'graph-test-token', 'powerplatform-test-token']) {
      expect(run.stdout).not.toContain(token);
      expect(run.stderr).not.toContain(token);
      expect(allText(out)).not.toContain(token);
      expect(allText(rawOut)).not.toContain(token);
    }
    expect(fs.readdirSync(work).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('shareguard collect: what cannot be read', () => {
  it('records a 403 as not collected with the permission it needs, scans it as not evaluated, and exits 1', async () => {
    const out = path.join(tmp(), 'export');
    const run = await withStandin({ forbid: ['/beta/policies/b2bManagementPolicies', 'signInActivity'] }, (s) => runCliAsync(collectArgs(s, out), TOKENS));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('externalCollaboration.invitationDomains: not collected: 403 Forbidden from GET beta/policies/b2bManagementPolicies (needs Policy.Read.All)');
    expect(run.stdout).toMatch(/users\[\]\.lastSignInDateTime: not collected: 403 Forbidden from GET v1\.0\/users \(needs User\.Read\.All \(and AuditLog\.Read\.All with Entra ID P1 for signInActivity\)\); users were then read without signInActivity/);
    const result = scan(out);
    const notEvaluated = (section: string) => result.summary.notEvaluated.filter((n) => n.section === section);
    expect(notEvaluated('externalCollaboration.invitationDomains').map((n) => n.reason).join('\n')).toContain('403 Forbidden from GET beta/policies/b2bManagementPolicies (needs Policy.Read.All)');
    expect(notEvaluated('users[].lastSignInDateTime')[0]?.controls).toContain('SG-GUEST-02');
    expect(result.findings.some((f) => f.controlId === 'SG-COLLAB-03')).toBe(false);
    expect(result.findings.some((f) => f.controlId === 'SG-GUEST-01')).toBe(true);

    const partial = await withStandin({ forbid: ['/beta/policies/b2bManagementPolicies'] }, (s) => runCliAsync(collectArgs(s, path.join(tmp(), 'export'), '--allow-partial'), TOKENS));
    expect(partial.code).toBe(0);
  });

  it('gives up on a request still throttled after the retries, and records it', async () => {
    const out = path.join(tmp(), 'export');
    const run = await withStandin({ throttle: [{ path: '/v1.0/groupSettings', status: 429, retryAfter: '0', times: 99 }] }, (s) => runCliAsync(collectArgs(s, out), TOKENS));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('externalCollaboration.m365Groups: not collected: still 429 from GET v1.0/groupSettings after every retry (throttled)');
  });

  it('stops at a malformed page with exit 2, naming the URL, and writes nothing', async () => {
    const work = tmp();
    const out = path.join(work, 'export');
    let url = '';
    const run = await withStandin({ garble: ['/v1.0/groups?'] }, async (s) => {
      url = s.url;
      return runCliAsync(collectArgs(s, out, '--raw-out', path.join(work, 'raw')), TOKENS);
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^GET ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v1\\.0/groups\\?\\$select=[^ ]+: the response is not valid JSON`));
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(work)).toEqual([]);
    for (const token of [GRAPH_TOKEN, PP_TOKEN]) expect(run.stderr).not.toContain(token);
  });

  it('takes the Graph token from a token command, and never shows it', async () => {
    const out = path.join(tmp(), 'export');
    const command = `${JSON.stringify(process.execPath)} -e "process.stdout.write('${GRAPH_TOKEN}\\n')"`;
    const run = await withStandin({}, (s) => runCliAsync(collectArgs(s, out, '--token-command', command), { SHAREGUARD_GRAPH_TOKEN: undefined, SHAREGUARD_POWERPLATFORM_TOKEN: undefined }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('environments: not collected: no Power Platform token');
    expect(run.stdout).toContain('users: 47');
    expect(run.stdout + allText(out)).not.toContain(GRAPH_TOKEN);

    const failing = await runCliAsync(['collect', '--out', path.join(tmp(), 'x'), '--token-command', `${JSON.stringify(process.execPath)} -e "console.log('${GRAPH_TOKEN}'); process.exit(3)"`], {});
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain('token command exited with code 3');
    expect(failing.stderr).not.toContain(GRAPH_TOKEN);
  });

  it('refuses to start without any token, or with a plain-http URL to another machine', () => {
    const none = runCli(['collect', '--out', path.join(tmp(), 'x')], { SHAREGUARD_GRAPH_TOKEN: undefined, SHAREGUARD_POWERPLATFORM_TOKEN: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no token: set SHAREGUARD_GRAPH_TOKEN');
    const plain = runCli(['collect', '--out', path.join(tmp(), 'x'), '--graph-url', 'http://graph.example.com'], TOKENS);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('must be https');
  });
});

describe('shareguard collect: DLP policies listed without their connector groups', () => {
  const TERRAFORM = path.join(ROOT, 'test/fixtures/real/terraform-provider-power-platform/datasource-validate-read');
  const P1 = '00000000-0000-0000-0000-000000000001';
  const P2 = '00000000-0000-0000-0000-000000000002';

  /** Contoso's responses with the v2 DLP listing and per-policy responses Microsoft's Terraform provider records. */
  function folder(): string {
    const dir = path.join(tmp(), 'raw');
    fs.cpSync(RAW, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'powerplatform/governance'), { recursive: true, force: true });
    fs.cpSync(path.join(TERRAFORM, 'powerplatform/governance'), path.join(dir, 'powerplatform/governance'), { recursive: true });
    return dir;
  }

  async function collectFrom(dir: string, rules: Partial<StandinRules>, out: string, ...more: string[]) {
    const standin = await startMicrosoftStandin(dir, { graphToken: GRAPH_TOKEN, powerPlatformToken: PP_TOKEN, ...rules });
    try {
      const run = await runCliAsync(collectArgs(standin, out, ...more), TOKENS);
      return { run, requests: standin.requests };
    } finally {
      await standin.close();
    }
  }

  const dlpOf = (exportDir: string) => JSON.parse(fs.readFileSync(path.join(exportDir, 'dlp-policies.json'), 'utf8')).dlpPolicies;

  it("asks each policy's own GET and gives the DLP policies import gives from the same responses", async () => {
    const dir = folder();
    const work = tmp();
    const { run, requests } = await collectFrom(dir, {}, path.join(work, 'export'), '--raw-out', path.join(work, 'raw'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const asked = requests.filter((r) => r.url.startsWith('/bap/providers/PowerPlatform.Governance/v2/policies/')).map((r) => r.url).sort();
    expect(asked).toEqual([P1, P2].map((p) => `/bap/providers/PowerPlatform.Governance/v2/policies/${p}`));
    for (const p of [P1, P2]) expect(fs.existsSync(path.join(work, 'raw', `powerplatform/governance/v2/policies/${p}.json`))).toBe(true);
    const direct = path.join(work, 'imported');
    expect(runCli(['import', dir, '--out', direct]).code).toBe(0);
    expect(dlpOf(path.join(work, 'export'))).toEqual(dlpOf(direct));
    expect(dlpOf(direct)[1].connectorGroups.business).toEqual(['shared_office365users', 'shared_azureblob']);
  });

  it('does not ask for policies the listing gives with their groups (Get-DlpPolicy items)', async () => {
    const out = path.join(tmp(), 'export');
    const { requests } = await collectFrom(RAW, {}, out);
    expect(requests.some((r) => r.url.startsWith('/bap/providers/PowerPlatform.Governance/v2/policies/'))).toBe(false);
  });

  it("records a policy whose own GET is refused as not collected, its groups null, and exits 1", async () => {
    const out = path.join(tmp(), 'export');
    const { run } = await collectFrom(folder(), { forbid: [`/v2/policies/${P2}`] }, out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`dlpPolicies[].connectorGroups: not collected for 1 of 2: 403 Forbidden from GET providers/PowerPlatform.Governance/v2/policies/${P2} (needs Power Platform Administrator (or Global Administrator) role)`);
    const policies = dlpOf(out);
    expect(policies[0].connectorGroups).toEqual({ business: [], nonBusiness: [], blocked: [] });
    expect(policies[1].connectorGroups).toBeNull();
  });
});

