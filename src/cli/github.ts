import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatMarkdown, isValidMarker } from '../format/markdown.js';
import { apiUrlFrom, gitHubClient } from '../github/client.js';
import { findMarkedComment, publishComment, type PullRequestRef } from '../github/comment.js';
import { readScanResultFile } from '../github/read-result.js';

interface CommentFlags {
  repo: string;
  pr: string;
  from: string;
  dryRun?: boolean;
  marker: string;
}

export const DEFAULT_MARKER = 'shareguard-report';

/** `shareguard github …`: publishing results on GitHub. */
export function githubCommand(): Command {
  const comment = new Command('comment')
    .description('post a scan or diff result as a pull request comment, updating the earlier one instead of adding another')
    .requiredOption('--repo <owner/name>', 'the repository, e.g. contoso/tenant-config')
    .requiredOption('--pr <number>', 'the pull request number')
    .requiredOption('--from <file>', 'a result written by `shareguard scan` or `shareguard diff` with --output json')
    .option('--dry-run', 'print the comment and whether it would be created or updated; change nothing')
    .option('--marker <text>', 'the hidden marker that identifies the comment', DEFAULT_MARKER)
    .addHelpText(
      'after',
      `
The token is read from GITHUB_TOKEN only (it needs pull-requests: write, or issues: write), and never printed.
GITHUB_API_URL selects the API (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3).

Examples:
  $ shareguard scan exports/ --output json --out results.json
  $ GITHUB_TOKEN=… shareguard github comment --repo contoso/tenant-config --pr 42 --from results.json
  $ shareguard github comment --repo contoso/tenant-config --pr 42 --from results.json --dry-run

Exit codes: 0 posted (or dry run), 2 usage, unreadable result file, or GitHub refused (the message says why).`,
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action(async (flags: CommentFlags) => {
      const pr = pullRequest(flags.repo, flags.pr);
      if (!isValidMarker(flags.marker)) {
        throw new UsageError(`--marker "${flags.marker}" cannot go in an HTML comment: use letters, digits, spaces and _ . : / = + - (no "--")`);
      }
      const result = readScanResultFile(flags.from);
      const body = formatMarkdown(result, { color: false, marker: flags.marker });
      const token = process.env.GITHUB_TOKEN?.trim() || undefined;
      const apiUrl = apiUrlFrom(process.env);
      const where = `${pr.owner}/${pr.repo}#${pr.number}`;

      if (flags.dryRun) {
        let action: string;
        if (!token) action = `would create or update the comment on ${where} (GITHUB_TOKEN is not set, so existing comments were not looked up)`;
        else {
          const existing = await findMarkedComment(gitHubClient(apiUrl, token), apiUrl, pr, flags.marker);
          action = existing ? `would update comment ${existing.id} on ${where}` : `would create a comment on ${where}`;
        }
        process.stdout.write(`dry run: ${action}\n\n${body}`);
        return;
      }
      if (!token) {
        throw new UsageError('GITHUB_TOKEN is not set: set it to a token that may write pull request comments (in a workflow, GITHUB_TOKEN: ${{ github.token }}), or use --dry-run');
      }
      const published = await publishComment(gitHubClient(apiUrl, token), apiUrl, pr, flags.marker, body);
      process.stdout.write(`${published.action === 'create' ? 'created' : 'updated'} comment ${published.id} on ${where}${published.url ? `: ${published.url}` : ''}\n`);
    });

  return new Command('github').description('publish results on GitHub (pull request comments)').exitOverride().addCommand(comment);
}

function pullRequest(repo: string, number: string): PullRequestRef {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repo);
  if (!m) throw new UsageError(`--repo "${repo}" is not OWNER/NAME (e.g. contoso/tenant-config)`);
  if (!/^[1-9]\d{0,9}$/.test(number)) throw new UsageError(`--pr "${number}" is not a pull request number`);
  return { owner: m[1]!, repo: m[2]!, number: Number(number) };
}
