import { Command } from 'commander';
import type { Octokit } from '@octokit/rest';
import { UsageError } from '../errors.js';
import { formatMarkdown, isValidMarker } from '../format/markdown.js';
import { apiUrlFrom, gitHubClient } from '../github/client.js';
import { findMarkedComments, publishComment, type CommentContext, type ForeignComment, type PullRequestRef } from '../github/comment.js';
import { describeGitHubError } from '../github/errors.js';
import { readScanResultFile } from '../github/read-result.js';
import { serverText } from '../github/redact.js';
import { returning } from './exit.js';

interface CommentFlags {
  repo: string;
  pr: string;
  from: string;
  dryRun?: boolean;
  marker: string;
  author?: string;
  notApplied: string[];
}

export const DEFAULT_MARKER = 'shareguard-report';
/** The author of every comment written with a GitHub Actions GITHUB_TOKEN (a bot account: no human login has brackets). */
export const ACTIONS_BOT = 'github-actions[bot]';

/** `shareguard github …`: publishing results on GitHub. */
export function githubCommand(): Command {
  const comment = new Command('comment')
    .description('post a scan or diff result as a pull request comment, updating the earlier one instead of adding another')
    .requiredOption('--repo <owner/name>', 'the repository, e.g. contoso/tenant-config')
    .requiredOption('--pr <number>', 'the pull request number')
    .requiredOption('--from <file>', 'a result written by `shareguard scan` or `shareguard diff` with --output json')
    .option('--dry-run', 'print the comment and whether it would be created or updated; change nothing')
    .option('--marker <text>', 'the hidden marker that identifies the comment', DEFAULT_MARKER)
    .option(
      '--author <login>',
      `the login the token comments as; only a marked comment by it is updated (default: ${ACTIONS_BOT} when GITHUB_ACTIONS=true, else the token's own login from GET /user)`,
    )
    .option(
      '--not-applied <file>',
      'a configuration or waivers file the pull request changes that the scan did NOT apply (the base branch\'s was used); named in a warning atop the comment. Repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addHelpText(
      'after',
      `
The token is read from GITHUB_TOKEN only (it needs pull-requests: write, or issues: write), and never printed.
GITHUB_API_URL selects the API (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3);
plain http is refused unless the host is this machine (localhost, 127.0.0.0/8, ::1).

The comment updated is the first one that carries the marker AND was written by the token's identity
(--author); a comment by anyone else that quotes the marker is left untouched, and a new one is created.
With a token other than the Actions GITHUB_TOKEN inside a workflow (a GitHub App's, a personal one), pass
--author with its login (an app's is APP-SLUG[bot]).

Examples:
  $ shareguard scan exports/ --output json --out results.json
  $ GITHUB_TOKEN=… shareguard github comment --repo contoso/tenant-config --pr 42 --from results.json
  $ shareguard github comment --repo contoso/tenant-config --pr 42 --from results.json --dry-run

Exit codes: 0 posted (or dry run), 2 usage, unreadable result file, or GitHub refused (the message says why).`,
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action(returning(async (flags: CommentFlags) => {
      const pr = pullRequest(flags.repo, flags.pr);
      if (!isValidMarker(flags.marker)) {
        throw new UsageError(`--marker "${flags.marker}" cannot go in an HTML comment: use letters, digits, spaces and _ . : / = + - (no "--")`);
      }
      if (flags.author !== undefined && !isLogin(flags.author)) throw new UsageError(`--author "${flags.author}" is not a GitHub login (e.g. octocat, or my-app[bot])`);
      for (const file of flags.notApplied) {
        if (!/^[A-Za-z0-9_./-]{1,200}$/.test(file)) throw new UsageError(`--not-applied "${file}" is not a plain relative path (letters, digits and _ . / -)`);
      }
      const result = readScanResultFile(flags.from);
      const body = withNotApplied(formatMarkdown(result, { color: false, marker: flags.marker }), flags.notApplied);
      const token = process.env.GITHUB_TOKEN?.trim() || undefined;
      const apiUrl = apiUrlFrom(process.env);
      const where = `${pr.owner}/${pr.repo}#${pr.number}`;

      if (flags.dryRun) {
        let action: string;
        let foreign: ForeignComment[] = [];
        if (!token) action = `would create or update the comment on ${where} (GITHUB_TOKEN is not set, so existing comments were not looked up)`;
        else {
          const client = gitHubClient(apiUrl, token);
          const ctx: CommentContext = { apiUrl, token, author: await commentAuthor(flags.author, client, apiUrl, token) };
          const found = await findMarkedComments(client, ctx, pr, flags.marker);
          foreign = found.foreign;
          action = found.ours ? `would update comment ${found.ours.id} on ${where}` : `would create a comment on ${where}`;
        }
        process.stdout.write(`dry run: ${action}\n${leftAlone(foreign, token)}\n${body}`);
        return 0;
      }
      if (!token) {
        throw new UsageError('GITHUB_TOKEN is not set: set it to a token that may write pull request comments (in a workflow, GITHUB_TOKEN: ${{ github.token }}), or use --dry-run');
      }
      const client = gitHubClient(apiUrl, token);
      const ctx: CommentContext = { apiUrl, token, author: await commentAuthor(flags.author, client, apiUrl, token) };
      const published = await publishComment(client, ctx, pr, flags.marker, body);
      const url = published.url ? `: ${serverText(published.url, token)}` : '';
      // The id and the URL are the server's words too: cleaned like its messages (see redact.ts).
      const id = serverText(String(published.id), token);
      process.stdout.write(`${published.action === 'create' ? 'created' : 'updated'} comment ${id} on ${where}${url}\n${leftAlone(published.foreign, token)}`);
      return 0;
    }));

  return new Command('github').description('publish results on GitHub (pull request comments)').exitOverride().addCommand(comment);
}

/** A line per comment that carries the marker but is someone else's (it was not edited), or nothing. */
function leftAlone(foreign: ForeignComment[], token: string | undefined): string {
  if (foreign.length === 0) return '';
  const list = foreign.map((c) => `${c.id} by ${serverText(c.login, token)}`).join(', ');
  return `left alone ${foreign.length} other comment(s) that carry the marker but were not written by this token's identity: ${list}\n`;
}

/**
 * The login whose marked comment is ours. Given: --author. In GitHub Actions (GITHUB_ACTIONS=true):
 * github-actions[bot], the author of every comment made with the workflow's GITHUB_TOKEN, which may not call
 * GET /user (403) nor GET /app (that needs the app's own key). Elsewhere: the token's owner, from GET /user.
 */
async function commentAuthor(given: string | undefined, client: Octokit, apiUrl: string, token: string): Promise<string> {
  if (given !== undefined) return given;
  if (process.env.GITHUB_ACTIONS === 'true') return ACTIONS_BOT;
  try {
    const { data } = await client.rest.users.getAuthenticated();
    if (typeof data.login !== 'string' || !isLogin(data.login)) throw new UsageError('GET /user answered without a login; pass --author LOGIN');
    return data.login;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const error = describeGitHubError(e, "find out whose token GITHUB_TOKEN is (GET /user, to know which marked comment is ours)", apiUrl, { token });
    error.message += '; pass --author LOGIN (the login the token comments as) instead';
    throw error;
  }
}

/** A user login (letters, digits, single hyphens, up to 39) or a bot's (NAME[bot]). */
function isLogin(value: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(value);
}

/**
 * The comment with a warning right under its heading: the pull request changes files that decide what the gate
 * checks and waives, and they were not applied (a change under review cannot switch the gate off for itself).
 */
export function withNotApplied(body: string, files: readonly string[]): string {
  if (files.length === 0) return body;
  const names = files.map((f) => `\`${f}\``).join(', ');
  const warning =
    `> [!WARNING]\n> This pull request changes ${names}: ${files.length === 1 ? 'it was' : 'they were'} NOT applied; the base branch's ${files.length === 1 ? 'version was' : 'versions were'}. ` +
    'Changes to the configuration and the waivers take effect once they are reviewed and merged.\n';
  const lines = body.split('\n');
  const heading = lines.findIndex((l) => l.startsWith('## '));
  const at = heading >= 0 ? heading + 1 : Math.min(1, lines.length);
  return [...lines.slice(0, at), '', warning, ...lines.slice(at)].join('\n');
}

function pullRequest(repo: string, number: string): PullRequestRef {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repo);
  if (!m) throw new UsageError(`--repo "${repo}" is not OWNER/NAME (e.g. contoso/tenant-config)`);
  if (!/^[1-9]\d{0,9}$/.test(number)) throw new UsageError(`--pr "${number}" is not a pull request number`);
  return { owner: m[1]!, repo: m[2]!, number: Number(number) };
}
