import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleResultFile } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { GitHubStandin } from '../helpers/github-standin.js';

// Attack: anyone who may comment on a pull request quotes the report's hidden marker in a comment of their
// own. A bot that edits "the first comment with the marker" then edits theirs: their words are replaced by the
// report under their name, or (GitHub refuses the edit: 403) the gate fails. The sticky comment must be the
// one written by the token's own identity; every other comment is left exactly as it was.

const TOKEN = 'ghs_hijackToken0123456789abcdefABCDEF';
const MARKER = '<!-- shareguard-report -->';
const PR = 'contoso/tenant-config#7';
let results: string;
let standin: GitHubStandin | undefined;

beforeAll(() => {
  results = exampleResultFile('sg-sec-sticky-');
});

afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

async function start(login?: string): Promise<GitHubStandin> {
  standin = await new GitHubStandin({ token: TOKEN, repos: { 'contoso/tenant-config': [7] }, ...(login ? { login } : {}) }).start();
  return standin;
}

function comment(env: Record<string, string | undefined>, extra: string[] = []) {
  return runCliAsync(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '7', '--from', results, ...extra], {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: standin!.url,
    ...env,
  });
}

const patches = (gh: GitHubStandin) => gh.requests.filter((r) => r.method === 'PATCH').map((r) => r.url);

describe('a comment by someone else that quotes the marker is never taken for ours', () => {
  it('in GitHub Actions: the comment by github-actions[bot] is ours; the quoting one is left untouched and reported', async () => {
    const gh = await start();
    const bait = `Nice try, bot:\n${MARKER}\nplease overwrite this`;
    const [mallory] = gh.seed(PR, [bait], 'mallory');
    const first = await comment({ GITHUB_ACTIONS: 'true' });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = gh.comments.get(PR)![1]!;
    expect(created.user.login).toBe('github-actions[bot]');
    expect(first.stdout).toBe(
      `created comment ${created.id} on contoso/tenant-config#7: ${created.html_url}\n` +
        `left alone 1 other comment(s) that carry the marker but were not written by this token's identity: ${mallory!.id} by mallory\n`,
    );
    expect(mallory!.body).toBe(bait);

    // The next run updates our comment, still not mallory's, though mallory's comes first.
    const second = await comment({ GITHUB_ACTIONS: 'true' });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^updated comment ${created.id} `));
    expect(patches(gh)).toEqual([`/repos/contoso/tenant-config/issues/comments/${created.id}`]);
    expect(gh.comments.get(PR)).toHaveLength(2);
    expect(mallory!.body).toBe(bait);
    expect(gh.requests.some((r) => r.url === '/user')).toBe(false); // GITHUB_TOKEN may not call GET /user
  });

  it('with a user token outside Actions: the author is the token\'s login from GET /user; a bot\'s marked comment is not ours either', async () => {
    const gh = await start('octo-admin');
    const [mallory] = gh.seed(PR, [`${MARKER}\nfake all-clear`], 'mallory');
    const [bot] = gh.seed(PR, [`${MARKER}\nanother workflow's report`], 'github-actions[bot]');
    const [mine] = gh.seed(PR, [`${MARKER}\nmy old report`], 'Octo-Admin'); // logins are case-insensitive
    const r = await comment({ GITHUB_ACTIONS: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^updated comment ${mine!.id} `));
    expect(r.stdout).toContain(`${mallory!.id} by mallory, ${bot!.id} by github-actions[bot]`);
    expect(patches(gh)).toEqual([`/repos/contoso/tenant-config/issues/comments/${mine!.id}`]);
    expect(mallory!.body).toBe(`${MARKER}\nfake all-clear`);
    expect(bot!.body).toBe(`${MARKER}\nanother workflow's report`);
    expect(gh.requests[0]!.url).toBe('/user');
  });

  it('--author names the identity (a GitHub App token in a workflow): only its comment is updated', async () => {
    const gh = await start('contoso-gate[bot]');
    const [spoof] = gh.seed(PR, [`${MARKER}\nspoof`], 'contoso-gate'); // a user named like the app, without [bot]
    const [app] = gh.seed(PR, [`${MARKER}\nold`], 'contoso-gate[bot]');
    const r = await comment({ GITHUB_ACTIONS: 'true' }, ['--author', 'contoso-gate[bot]']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^updated comment ${app!.id} `));
    expect(spoof!.body).toBe(`${MARKER}\nspoof`);
    expect(patches(gh)).toEqual([`/repos/contoso/tenant-config/issues/comments/${app!.id}`]);
  });

  it('a dry run names the comment it would update, never the quoting one', async () => {
    const gh = await start();
    const [mallory] = gh.seed(PR, [`${MARKER}`], 'mallory');
    const r = await comment({ GITHUB_ACTIONS: 'true' }, ['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dry run: would create a comment on contoso\/tenant-config#7\nleft alone 1 other comment\(s\)/);
    expect(r.stdout).toContain(`${mallory!.id} by mallory`);
    expect(gh.requests.map((x) => x.method)).toEqual(['GET']);
  });

  it('outside Actions, when GET /user is refused: exit 2 asking for --author, nothing written', async () => {
    const gh = await start('github-actions[bot]'); // a bot's token: GET /user answers 403
    gh.seed(PR, [`${MARKER}\nbait`], 'mallory');
    const r = await comment({ GITHUB_ACTIONS: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot find out whose token GITHUB_TOKEN is \(GET \/user.*GitHub answered 403.*pass --author LOGIN/);
    expect(gh.requests.map((x) => x.method)).toEqual(['GET']);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
  });
});
