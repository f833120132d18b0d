import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, EXAMPLE, runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { GitHubStandin } from '../helpers/github-standin.js';

const TOKEN = 'ghs_standinToken0123456789abcdefABCDEF';
const MARKER = '<!-- shareguard-report -->';
const PR = 'contoso/tenant-config#7';
let dir: string;
let results: string;
let standin: GitHubStandin | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-github-'));
  results = path.join(dir, 'results.json');
  const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json', '--out', results]);
  expect(r.code).toBe(1);
});

afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

async function start(options: Partial<ConstructorParameters<typeof GitHubStandin>[0]> = {}): Promise<GitHubStandin> {
  standin = await new GitHubStandin({ token: TOKEN, repos: { 'contoso/tenant-config': [7, 8] }, ...options }).start();
  return standin;
}

function comment(extra: string[] = [], env: Record<string, string | undefined> = {}) {
  return runCliAsync(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '7', '--from', results, ...extra], {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: standin?.url,
    // As in a workflow: our comment is the one by github-actions[bot] (the stand-in's default identity).
    GITHUB_ACTIONS: 'true',
    ...env,
  });
}

/** The token is sent to the API and never shown to anyone. */
function expectNoTokenIn(run: { stdout: string; stderr: string }) {
  expect(run.stdout).not.toContain(TOKEN);
  expect(run.stderr).not.toContain(TOKEN);
}

describe('shareguard github comment against a GitHub stand-in on 127.0.0.1', () => {
  it('creates the comment on the first run and updates that same comment on the second', async () => {
    const gh = await start();
    const first = await comment();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [created] = gh.comments.get(PR)!;
    expect(first.stdout).toBe(`created comment ${created!.id} on contoso/tenant-config#7: ${created!.html_url}\n`);
    expect(created!.body.startsWith(`${MARKER}\n## shareguard: Contoso Ltd, as of 2026-11-30T00:00:00.000Z`)).toBe(true);

    const second = await comment();
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`updated comment ${created!.id} on contoso/tenant-config#7: ${created!.html_url}\n`);
    expect(gh.comments.get(PR)).toHaveLength(1);
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    expect(gh.requests[3]!.url).toBe(`/repos/contoso/tenant-config/issues/comments/${created!.id}`);
    for (const r of gh.requests) {
      expect(r.headers.authorization).toBe(`token ${TOKEN}`);
      expect(r.headers['user-agent']).toMatch(/^shareguard\/\d+\.\d+\.\d+/);
    }
    expectNoTokenIn(first);
    expectNoTokenIn(second);
  });

  it('finds its comment on a later page of comments (every page is read until it is found)', async () => {
    const gh = await start({ maxPerPage: 2 });
    gh.seed(PR, ['first!', 'LGTM', `quoting: shareguard-report`, 'ship it']);
    const [ours] = gh.seed(PR, [`${MARKER}\nold report`], gh.login);
    gh.seed(PR, ['after']);
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`updated comment ${ours!.id}`);
    expect(gh.comments.get(PR)).toHaveLength(6);
    expect(gh.comments.get(PR)![4]!.body).toContain('## shareguard: Contoso Ltd');
    const gets = gh.requests.filter((x) => x.method === 'GET').map((x) => new URL(x.url, 'http://x').searchParams.get('page') ?? '1');
    expect(gets).toEqual(['1', '2', '3']);
    expect(gh.requests.filter((x) => x.method === 'POST')).toHaveLength(0);
  });

  it('reads every page before deciding to create one', async () => {
    const gh = await start({ maxPerPage: 2 });
    gh.seed(PR, ['a', 'b', 'c', 'd', 'e']);
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created comment/);
    expect(gh.requests.filter((x) => x.method === 'GET')).toHaveLength(3);
  });

  it('a different --marker makes a different comment; the default one is left alone', async () => {
    const gh = await start();
    expect((await comment()).code).toBe(0);
    const r = await comment(['--marker', 'shareguard-report prod']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created comment/);
    const bodies = gh.comments.get(PR)!.map((c) => c.body.split('\n')[0]);
    expect(bodies).toEqual([MARKER, '<!-- shareguard-report prod -->']);
  });

  it('honours GITHUB_API_URL with a path (GitHub Enterprise Server: https://HOST/api/v3)', async () => {
    const gh = await start({ prefix: '/api/v3', maxPerPage: 1 });
    gh.seed(PR, ['x']);
    gh.seed(PR, [`${MARKER}\nold`], gh.login);
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^updated comment/);
    expect(gh.requests.every((x) => x.url.startsWith('/api/v3/repos/contoso/tenant-config/issues/'))).toBe(true);
  });

  it('--dry-run looks the comment up but writes nothing, and prints the action and the body', async () => {
    const gh = await start();
    const [ours] = gh.seed(PR, [`${MARKER}\nold`], gh.login);
    const r = await comment(['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`dry run: would update comment ${ours!.id} on contoso/tenant-config#7\n\n${MARKER}\n## shareguard`)).toBe(true);
    expect(gh.requests.map((x) => x.method)).toEqual(['GET']);
    expect(gh.comments.get(PR)![0]!.body).toBe(`${MARKER}\nold`);
    expectNoTokenIn(r);
  });

  it('--dry-run without GITHUB_TOKEN sends nothing at all', async () => {
    const gh = await start();
    const r = await comment(['--dry-run'], { GITHUB_TOKEN: undefined });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dry run: would create or update the comment on contoso\/tenant-config#7 \(GITHUB_TOKEN is not set/);
    expect(gh.requests).toHaveLength(0);
  });

  it('without GITHUB_TOKEN (and no --dry-run): exit 2 before any request', async () => {
    const gh = await start();
    const r = await comment([], { GITHUB_TOKEN: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GITHUB_TOKEN is not set/);
    expect(gh.requests).toHaveLength(0);
  });

  it('401: the token is invalid', async () => {
    const gh = await start();
    const r = await comment([], { GITHUB_TOKEN: 'ghs_wrongTokenWrongToken' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot list the comments on contoso/tenant-config#7: GitHub answered 401 (Bad credentials): the token in GITHUB_TOKEN is invalid or has expired');
    expect(r.stderr).not.toContain('ghs_wrongToken');
    expect(r.stdout).toBe('');
    expect(gh.requests).toHaveLength(1);
  });

  it('403 on the write: names the permission it needs, and nothing is retried', async () => {
    const gh = await start();
    gh.failNext({ status: 403, message: 'Resource not accessible by integration' }, 'POST');
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^shareguard: cannot comment on contoso\/tenant-config#7: GitHub answered 403 \(Resource not accessible by integration\): the token may not write pull request comments; it needs the permission `pull-requests: write` \(or `issues: write`\)/,
    );
    expect(r.stdout).toBe('');
    expect(gh.requests.map((x) => x.method)).toEqual(['GET', 'POST']);
    expect(gh.comments.get(PR) ?? []).toHaveLength(0);
    expectNoTokenIn(r);
  });

  it('404: the repository or pull request is unknown, or the token cannot see it', async () => {
    await start();
    const r = await runCliAsync(['github', 'comment', '--repo', 'contoso/secret', '--pr', '7', '--from', results], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standin!.url, GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot list the comments on contoso\/secret#7: GitHub answered 404 \(Not Found\): the repository or pull request does not exist, or the token cannot see it/);
  });

  it('403 with x-ratelimit-remaining 0: says when the rate limit resets', async () => {
    const gh = await start();
    const reset = Math.floor(Date.now() / 1000) + 600;
    gh.failNext({ status: 403, message: 'API rate limit exceeded for installation', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } });
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the API rate limit is used up; it resets at ${new Date(reset * 1000).toISOString()} (x-ratelimit-reset, in `);
    expect(gh.requests).toHaveLength(1);
  });

  it('429 / secondary rate limit with retry-after: says how long to wait, without retrying', async () => {
    const gh = await start();
    gh.failNext({ status: 429, message: 'You have exceeded a secondary rate limit', headers: { 'retry-after': '60' } });
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub answered 429 (You have exceeded a secondary rate limit): secondary rate limit: GitHub asks to wait 60 s (retry-after)');
    expect(gh.requests).toHaveLength(1);
  });

  it('an API that does not answer: exit 2 naming GITHUB_API_URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as net.AddressInfo;
        s.close(() => resolve(p));
      });
    });
    const r = await comment([], { GITHUB_API_URL: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`no answer from the GitHub API at http://127\\.0\\.0\\.1:${port} .*check GITHUB_API_URL`));
  });

  it('a --from file that is not a scan result: exit 2 naming the file and what was expected, before any request', async () => {
    const gh = await start();
    const cases: [string, string, RegExp][] = [
      ['missing.json', '', /missing\.json: cannot read it \(ENOENT\)/],
      ['broken.json', '{"schemaVersion": 1,', /broken\.json: not JSON/],
      ['sarif.json', JSON.stringify({ version: '2.1.0', runs: [] }), /sarif\.json: this is a SARIF log/],
      ['other.json', JSON.stringify({ name: 'package' }), /other\.json: tool\.name is not "shareguard"/],
      ['simulation.json', JSON.stringify({ schemaVersion: 1, tool: { name: 'shareguard', version: '0.1.0' }, results: [] }), /simulation\.json: this is a simulation result/],
    ];
    const good = JSON.parse(fs.readFileSync(results, 'utf8')) as { findings: Record<string, unknown>[] };
    good.findings[3]!.severity = 'urgent';
    cases.push(['bad-finding.json', JSON.stringify(good), /bad-finding\.json: findings\[3\]\.severity is "urgent", not one of critical, high, medium, low, info/]);
    for (const [name, text, expected] of cases) {
      const file = path.join(dir, name);
      if (text) fs.writeFileSync(file, text);
      const r = await runCliAsync(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '7', '--from', file], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url, GITHUB_ACTIONS: 'true' });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(expected);
      expect(r.stderr, name).toContain('expected the JSON result of `shareguard scan` or `shareguard diff` (--output json)');
    }
    expect(gh.requests).toHaveLength(0);
  });

  it('bad --repo, --pr or --marker: exit 2 before any request', async () => {
    const gh = await start();
    const run = (args: string[]) => runCliAsync(['github', 'comment', '--from', results, ...args], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url, GITHUB_ACTIONS: 'true' });
    expect((await run(['--repo', 'contoso', '--pr', '7'])).stderr).toMatch(/--repo "contoso" is not OWNER\/NAME/);
    expect((await run(['--repo', 'contoso/tenant-config', '--pr', '0'])).stderr).toMatch(/--pr "0" is not a pull request number/);
    expect((await run(['--repo', 'contoso/tenant-config', '--pr', '7', '--marker', 'a --> b'])).stderr).toMatch(/--marker "a --> b" cannot go in an HTML comment/);
    const missing = await run(['--repo', 'contoso/tenant-config']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--pr <number>' not specified/);
    expect(gh.requests).toHaveLength(0);
  });
});
