import type { Octokit } from '@octokit/rest';
import { markerComment } from '../format/markdown.js';
import { describeGitHubError } from './errors.js';

/** A pull request (an issue, for the comments API) in a repository. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface PublishedComment {
  action: 'create' | 'update';
  id: number;
  url?: string;
}

const PER_PAGE = 100;
const label = (pr: PullRequestRef) => `${pr.owner}/${pr.repo}#${pr.number}`;

/**
 * The first comment on the pull request whose body holds the marker line, looking through every page of
 * comments (oldest first), or undefined.
 */
export async function findMarkedComment(client: Octokit, apiUrl: string, pr: PullRequestRef, marker: string): Promise<{ id: number; url?: string } | undefined> {
  const line = markerComment(marker);
  try {
    const pages = client.paginate.iterator(client.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: PER_PAGE });
    for await (const page of pages) {
      const hit = page.data.find((c) => typeof c.body === 'string' && c.body.includes(line));
      if (hit) return { id: hit.id, ...(hit.html_url ? { url: hit.html_url } : {}) };
    }
    return undefined;
  } catch (e) {
    throw describeGitHubError(e, `list the comments on ${label(pr)}`, apiUrl);
  }
}

/** Updates the comment that carries the marker, or creates one: a pull request never gets a second report. */
export async function publishComment(client: Octokit, apiUrl: string, pr: PullRequestRef, marker: string, body: string): Promise<PublishedComment> {
  const existing = await findMarkedComment(client, apiUrl, pr, marker);
  if (existing) {
    try {
      const { data } = await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
      return { action: 'update', id: data.id, ...(data.html_url ? { url: data.html_url } : {}) };
    } catch (e) {
      throw describeGitHubError(e, `update comment ${existing.id} on ${label(pr)}`, apiUrl);
    }
  }
  try {
    const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
    return { action: 'create', id: data.id, ...(data.html_url ? { url: data.html_url } : {}) };
  } catch (e) {
    throw describeGitHubError(e, `comment on ${label(pr)}`, apiUrl);
  }
}
