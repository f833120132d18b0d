import type { Octokit } from '@octokit/rest';
import { markerComment } from '../format/markdown.js';
import { describeGitHubError, GitHubError } from './errors.js';
import { serverText } from './redact.js';

/** A pull request (an issue, for the comments API) in a repository. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** Who and what: the API, the token (only to keep it out of messages) and the login our comment is written by. */
export interface CommentContext {
  apiUrl: string;
  token?: string | undefined;
  /** The login of the token's identity, e.g. github-actions[bot]: only a comment it wrote is ever edited. */
  author: string;
}

/** A comment that carries the marker but was written by someone else: left untouched. */
export interface ForeignComment {
  id: number;
  login: string;
}

export interface MarkedComments {
  /** Our comment: the first one with the marker written by `author`. */
  ours?: { id: number; url?: string };
  /** Comments with the marker by anyone else (someone quoting it, or trying to have the bot edit their comment). */
  foreign: ForeignComment[];
}

export interface PublishedComment {
  action: 'create' | 'update';
  id: number;
  url?: string;
  foreign: ForeignComment[];
}

/** GitHub serves at most 100 comments a page. */
const PER_PAGE = 100;
/**
 * The most comment pages read: 100 pages of 100 are 10,000 comments, far more than a pull request conversation
 * holds in practice (its comments fit in a handful of pages), and 100 requests take about a second against a
 * local stand-in, well within the client's 120 s deadline. An API that keeps saying "next" beyond that is
 * broken or hostile (one that never ended once took 200,000 requests before the deadline cut it off).
 */
export const MAX_COMMENT_PAGES = 100;

const label = (pr: PullRequestRef) => `${pr.owner}/${pr.repo}#${pr.number}`;

interface CommentData {
  id?: unknown;
  body?: unknown;
  html_url?: unknown;
  user?: { login?: unknown } | null;
}

/**
 * Reads the comments on the pull request page by page (oldest first), following the Link header's "next" only
 * while it is sane: under GITHUB_API_URL (else the token would go with the request to wherever it points), a
 * page not read before (else the pages loop), and at most MAX_COMMENT_PAGES pages. `visit` returns true to stop.
 */
async function readCommentPages(client: Octokit, ctx: CommentContext, pr: PullRequestRef, visit: (comments: CommentData[]) => boolean): Promise<void> {
  const what = `list the comments on ${label(pr)}`;
  const base = new URL(`${ctx.apiUrl}/`);
  let url = new URL(`repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}/issues/${pr.number}/comments?per_page=${PER_PAGE}&page=1`, base).href;
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    if (page > MAX_COMMENT_PAGES) {
      throw new GitHubError(
        `cannot ${what}: gave up after ${MAX_COMMENT_PAGES} pages of comments (${MAX_COMMENT_PAGES * PER_PAGE} at most), and the API still links a next page; ` +
          'a real pull request has far fewer, so GITHUB_API_URL is broken or is not GitHub',
      );
    }
    seen.add(url);
    let response;
    try {
      response = await client.request({ method: 'GET', url });
    } catch (e) {
      throw describeGitHubError(e, what, ctx.apiUrl, { token: ctx.token });
    }
    if (!Array.isArray(response.data)) throw new GitHubError(`cannot ${what}: page ${page} from the GitHub API at ${ctx.apiUrl} is not a list of comments`);
    if (visit(response.data as CommentData[])) return;
    const next = nextLink(response.headers.link);
    if (next === undefined) return;
    let resolved: URL;
    try {
      resolved = new URL(next, base);
    } catch {
      throw new GitHubError(`cannot ${what}: the "next" link of page ${page} is not a URL (${serverText(next, ctx.token)})`);
    }
    if (resolved.origin !== base.origin || !resolved.pathname.startsWith(base.pathname)) {
      throw new GitHubError(
        `cannot ${what}: the "next" link of page ${page} points outside GITHUB_API_URL ${ctx.apiUrl} (to ${serverText(resolved.origin, ctx.token)}); ` +
          'not followed, since the token would go with the request',
      );
    }
    if (seen.has(resolved.href)) {
      throw new GitHubError(
        `cannot ${what}: the comment pages loop: the "next" link of page ${page} leads back to a page already read (${serverText(resolved.pathname + resolved.search, ctx.token)}); ` +
          `stopped after ${page} requests. GITHUB_API_URL ${ctx.apiUrl} is broken or is not GitHub`,
      );
    }
    url = resolved.href;
  }
}

/** The URL in a Link header's rel="next", or undefined. */
function nextLink(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m) continue;
    const rel = /\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2]!);
    if ((rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).includes('next')) return m[1]!;
  }
  return undefined;
}

/** GitHub logins are case-insensitive. */
const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The comment that is ours: the first whose body holds the marker line and whose author is `ctx.author`.
 * Comments with the marker by anyone else are listed in `foreign` and never touched: anyone who may comment
 * can quote the marker, and editing their comment would put our report under their name (or fail, and with
 * it the gate). Every page is read unless ours is found.
 */
export async function findMarkedComments(client: Octokit, ctx: CommentContext, pr: PullRequestRef, marker: string): Promise<MarkedComments> {
  const line = markerComment(marker);
  const found: MarkedComments = { foreign: [] };
  await readCommentPages(client, ctx, pr, (comments) => {
    for (const c of comments) {
      if (typeof c.body !== 'string' || !c.body.includes(line) || typeof c.id !== 'number') continue;
      const login = typeof c.user?.login === 'string' ? c.user.login : '';
      if (login && sameLogin(login, ctx.author)) {
        found.ours = { id: c.id, ...(typeof c.html_url === 'string' ? { url: c.html_url } : {}) };
        return true;
      }
      found.foreign.push({ id: c.id, login: login || '(deleted user)' });
    }
    return false;
  });
  return found;
}

/** Updates our comment (see findMarkedComments), or creates one: a pull request never gets a second report. */
export async function publishComment(client: Octokit, ctx: CommentContext, pr: PullRequestRef, marker: string, body: string): Promise<PublishedComment> {
  const { ours, foreign } = await findMarkedComments(client, ctx, pr, marker);
  if (ours) {
    try {
      const { data } = await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: ours.id, body });
      return { action: 'update', id: data.id, ...(data.html_url ? { url: data.html_url } : {}), foreign };
    } catch (e) {
      throw describeGitHubError(e, `update comment ${ours.id} on ${label(pr)}`, ctx.apiUrl, { token: ctx.token });
    }
  }
  try {
    const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
    return { action: 'create', id: data.id, ...(data.html_url ? { url: data.html_url } : {}), foreign };
  } catch (e) {
    throw describeGitHubError(e, `comment on ${label(pr)}`, ctx.apiUrl, { token: ctx.token });
  }
}
