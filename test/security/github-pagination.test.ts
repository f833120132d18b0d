import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleResultFile } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { GitHubStandin } from '../helpers/github-standin.js';

// Attack: an API (broken, or hostile behind GITHUB_API_URL) whose comment pages never end. Following the Link
// header blindly once made 200,000 requests and printed 98,000 MaxListenersExceededWarning lines before a
// misleading "no answer". Pagination is bounded: a "next" that leads back to a page already read, one that
// leaves GITHUB_API_URL (the token would follow it), and more than 100 pages each end at once with exit 2.

const TOKEN = 'ghs_paginationToken0123456789abcdefABCD';
const PR = 'contoso/tenant-config#7';
let results: string;
let standin: GitHubStandin | undefined;
const closers: (() => Promise<void>)[] = [];

beforeAll(() => {
  results = exampleResultFile('sg-sec-pages-');
});

afterEach(async () => {
  await standin?.stop();
  standin = undefined;
  for (const close of closers.splice(0)) await close();
});

async function start(): Promise<GitHubStandin> {
  standin = await new GitHubStandin({ token: TOKEN, repos: { 'contoso/tenant-config': [7] }, maxPerPage: 100 }).start();
  standin.seed(PR, ['an ordinary comment']);
  return standin;
}

function comment() {
  // Without the bounds this runs until runCliAsync kills it (30 s): the test then fails on the exit code.
  return runCliAsync(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '7', '--from', results], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standin!.url, GITHUB_ACTIONS: 'true' });
}

const next = (url: URL, page: number) => `<${url.origin}${url.pathname}?per_page=100&page=${page}>; rel="next"`;

describe('comment pagination that never ends is cut short with a clear exit 2', () => {
  it('a "next" link back to a page already read: stops on the loop, names it, writes nothing', async () => {
    const gh = await start();
    gh.pageLinks = (page, self) => (page < 3 ? next(self, page + 1) : next(self, 1)); // 1 → 2 → 3 → 1 → …
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^shareguard: cannot list the comments on contoso\/tenant-config#7: the comment pages loop: the "next" link of page 3 leads back to a page already read \(\/repos\/contoso\/tenant-config\/issues\/7\/comments\?per_page=100&page=1\); stopped after 3 requests/,
    );
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
    expect(r.stderr).not.toContain('no answer');
    expect(gh.requests.map((x) => x.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('a "next" link to itself on the first page', async () => {
    const gh = await start();
    gh.pageLinks = (_page, self) => `<${self.href}>; rel="next"`;
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the comment pages loop: the "next" link of page 1 leads back to a page already read/);
    expect(gh.requests).toHaveLength(1);
  });

  it('pages that go on for ever (each a new URL): gives up after 100 pages, with the reason', async () => {
    const gh = await start();
    gh.pageLinks = (page, self) => next(self, page + 1);
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^shareguard: cannot list the comments on contoso\/tenant-config#7: gave up after 100 pages of comments \(10000 at most\), and the API still links a next page/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1); // one line: no warnings
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
    expect(gh.requests).toHaveLength(100);
    expect(gh.requests.every((x) => x.method === 'GET')).toBe(true);
  });

  it('a "next" link to another server is not followed: the token is not sent there', async () => {
    const gh = await start();
    // The other server: another port on 127.0.0.1 that records whatever reaches it.
    const elsewhere: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      elsewhere.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    gh.pageLinks = () => `<${other}/repos/contoso/tenant-config/issues/7/comments?page=2>; rel="next"`;
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the "next" link of page 1 points outside GITHUB_API_URL ${gh.url} (to ${other}); not followed, since the token would go with the request`);
    expect(elsewhere).toHaveLength(0);
    expect(gh.requests).toHaveLength(1);
  });
});
