import { Octokit } from '@octokit/rest';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';

export const DEFAULT_API_URL = 'https://api.github.com';
/** The whole conversation with GitHub (a few requests, more with many comment pages) must end within this. */
const DEADLINE_MS = 120_000;

const SILENT = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** GITHUB_API_URL (set by GitHub Actions, e.g. https://ghe.example.com/api/v3 on GitHub Enterprise Server) or api.github.com. */
export function apiUrlFrom(env: NodeJS.ProcessEnv): string {
  const value = env.GITHUB_API_URL?.trim();
  if (!value) return DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`GITHUB_API_URL "${value}" is not a URL (e.g. https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`GITHUB_API_URL "${value}" is not an http(s) URL`);
  return value.replace(/\/+$/, '');
}

/**
 * An Octokit client that says nothing (its log goes nowhere, so nothing reaches stdout or stderr), does not
 * retry or throttle (no such plugins are loaded: a failure is reported at once), and gives up after a deadline.
 */
export function gitHubClient(apiUrl: string, token: string | undefined): Octokit {
  return new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl: apiUrl,
    userAgent: `shareguard/${TOOL.version}`,
    log: SILENT,
    request: { signal: AbortSignal.timeout(DEADLINE_MS) },
  });
}
