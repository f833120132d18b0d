import { ShareguardError } from '../errors.js';
import { serverText } from './redact.js';

/** GitHub refused or could not be reached: exit code 2, with what to check. Never carries the token. */
export class GitHubError extends ShareguardError {
  readonly exitCode = 2;
  override readonly name = 'GitHubError';
}

interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export interface DescribeContext {
  /** The clock, for the time until a rate limit resets. */
  now?: Date;
  /** The token sent, so that a server echoing it back cannot get it printed (see redact.ts). */
  token?: string | undefined;
}

/**
 * An error from the GitHub client → one line: what GitHub said and what to check. `what` names the request
 * ("list comments on o/r#7"). Whatever the server or the network said is cleaned first (serverText): no
 * credential, no line break, at most a few hundred characters. Our own GitHubErrors pass through as they are.
 */
export function describeGitHubError(thrown: unknown, what: string, apiUrl: string, context: DescribeContext = {}): GitHubError {
  if (thrown instanceof GitHubError) return thrown;
  const now = context.now ?? new Date();
  const e = (thrown ?? {}) as HttpFailure;
  if (!e.response || typeof e.status !== 'number') {
    return new GitHubError(`cannot ${what}: no answer from the GitHub API at ${apiUrl} (${serverText(rootCause(thrown), context.token)}); check GITHUB_API_URL and the network`);
  }
  const headers = e.response.headers ?? {};
  const said = serverText(githubMessage(e), context.token);
  const prefix = `cannot ${what}: GitHub answered ${e.status}${said ? ` (${said})` : ''}`;
  const rateLimit = rateLimitAdvice(e.status, headers, said, now);
  if (rateLimit) return new GitHubError(`${prefix}: ${rateLimit}`);
  switch (e.status) {
    case 401:
      return new GitHubError(`${prefix}: the token in GITHUB_TOKEN is invalid or has expired`);
    case 403:
      return new GitHubError(
        `${prefix}: the token may not write pull request comments; it needs the permission \`pull-requests: write\` (or \`issues: write\`), ` +
          'and a workflow run for a pull request from a fork only gets a read-only token',
      );
    case 404:
      return new GitHubError(`${prefix}: the repository or pull request does not exist, or the token cannot see it (a private repository needs a token with access to it)`);
    case 422:
      return new GitHubError(`${prefix}: GitHub refused the comment as sent`);
    default:
      return new GitHubError(e.status >= 500 ? `${prefix}: GitHub had a problem; try again later` : prefix);
  }
}

/** The innermost cause of a network failure ("connect ECONNREFUSED 127.0.0.1:9" rather than "fetch failed"). */
function rootCause(thrown: unknown): string {
  let e: unknown = thrown;
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause instanceof Error; depth++) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

function githubMessage(e: HttpFailure): string {
  const data = e.response?.data;
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') return (data as { message: string }).message;
  return '';
}

function rateLimitAdvice(status: number, headers: Record<string, string | number | undefined>, said: string, now: Date): string | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const remaining = headers['x-ratelimit-remaining'];
  const reset = Number(headers['x-ratelimit-reset']);
  const retryAfter = Number(headers['retry-after']);
  if (String(remaining) === '0' && Number.isFinite(reset) && reset > 0) {
    const at = new Date(reset * 1000);
    const wait = Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));
    return `the API rate limit is used up; it resets at ${at.toISOString()} (x-ratelimit-reset, in ${wait} s)`;
  }
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined) {
    return `secondary rate limit: GitHub asks to wait ${retryAfter} s (retry-after) before trying again`;
  }
  if (status === 429 || /rate limit/i.test(said)) return 'rate limited by GitHub; wait a few minutes before trying again';
  return undefined;
}
