import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleResultFile } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { GitHubStandin } from '../helpers/github-standin.js';

// Attacks on the token: (1) an API whose error body echoes the request back, Authorization header included,
// would have it printed in a workflow log anyone with read access can open; (2) a GITHUB_API_URL of plain
// http to another host would send it across the network unencrypted. Server text is redacted of anything
// shaped like a credential, and plain http is refused before any request unless the host is this machine.

const TOKEN = 'ghs_secretsToken0123456789abcdefABCDEFGH';
let results: string;
let standin: GitHubStandin | undefined;

beforeAll(() => {
  results = exampleResultFile('sg-sec-secrets-');
});

afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

async function start(): Promise<GitHubStandin> {
  standin = await new GitHubStandin({ token: TOKEN, repos: { 'contoso/tenant-config': [7] } }).start();
  return standin;
}

function comment(env: Record<string, string | undefined> = {}, extra: string[] = []) {
  return runCliAsync(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '7', '--from', results, ...extra], {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: standin?.url,
    GITHUB_ACTIONS: 'true',
    ...env,
  });
}

describe('a server that echoes credentials cannot get them printed', () => {
  it('the token echoed in an error body (Authorization header, and bare) is redacted', async () => {
    const gh = await start();
    gh.failNext({ status: 401, message: `Bad credentials. Received headers: Authorization: token ${TOKEN}; x-debug=${TOKEN}` });
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub answered 401 (Bad credentials. Received headers: Authorization [redacted]; x-debug=[redacted]): the token in GITHUB_TOKEN is invalid');
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN.slice(4, 20));
  });

  it('a token of no known shape is redacted all the same, wherever it appears', async () => {
    const opaque = 'opaque-credential-value-with-no-known-prefix-42';
    const gh = await start();
    gh.failNext({ status: 500, message: `internal error handling request from ${opaque}` });
    const r = await comment({ GITHUB_TOKEN: opaque });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub answered 500 (internal error handling request from [redacted])');
    expect(`${r.stdout}${r.stderr}`).not.toContain(opaque);
  });

  it('other credentials in a server message (Bearer, ghp_, github_pat_, a JWT) are redacted too', async () => {
    const gh = await start();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxMjM0NSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const others = ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', jwt];
    gh.failNext({ status: 403, message: `Forbidden: Bearer ${jwt} / ${others[0]} / ${others[1]} / token abcdef0123456789abcdef` });
    const r = await comment();
    expect(r.code).toBe(2);
    for (const secret of [...others, 'abcdef0123456789abcdef']) expect(r.stderr).not.toContain(secret);
    expect(r.stderr).toContain('GitHub answered 403 (Forbidden: Bearer [redacted] / [redacted] / [redacted] / token [redacted])');
  });

  it('a server message cannot start a line of its own (no workflow command, no escape sequence) and is clipped', async () => {
    const gh = await start();
    gh.failNext({ status: 422, message: `Validation Failed\n::add-mask::x\n::error::all clear\u001b[2J${'x'.repeat(5000)}` });
    const r = await comment();
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^::/m);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('(Validation Failed ::add-mask::x ::error::all clear [2J');
    expect(r.stderr).toContain('… (clipped at 300 characters)');
    expect(r.stderr.length).toBeLessThan(600);
  });
});

describe('plain http is refused unless the host is this machine', () => {
  // example.invalid can never resolve (RFC 2606): even a regression sends nothing anywhere.
  for (const url of ['http://example.invalid', 'http://example.invalid/api/v3', 'http://127.0.0.1.example.invalid:8080']) {
    it(`GITHUB_API_URL ${url}: exit 2 before any request, token not shown`, async () => {
      const started = Date.now();
      const r = await comment({ GITHUB_API_URL: url });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^shareguard: GITHUB_API_URL "[^"]+" is plain http to [^ ]+, which is not this machine: the token would cross the network unencrypted, so nothing was sent; use https\n$/);
      expect(r.stderr).not.toContain('no answer');
      expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  }

  it('a dry run with a token is refused the same way', async () => {
    const r = await comment({ GITHUB_API_URL: 'http://example.invalid' }, ['--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is plain http to example.invalid');
    expect(r.stdout).toBe('');
  });

  it('credentials in the URL are refused (the token goes in GITHUB_TOKEN only)', async () => {
    const r = await comment({ GITHUB_API_URL: 'https://user:pass@example.invalid' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GITHUB_API_URL holds a user name or password');
    expect(r.stderr).not.toContain('pass@');
  });

  it('http to 127.0.0.1 and to localhost is allowed (the stand-in)', async () => {
    const gh = await start();
    expect((await comment()).code).toBe(0);
    const viaLocalhost = await comment({ GITHUB_API_URL: gh.url.replace('127.0.0.1', 'localhost') });
    expect(viaLocalhost.code).toBe(0);
    expect(viaLocalhost.stdout).toMatch(/^updated comment/);
  });
});
