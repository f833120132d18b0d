import { isIP } from 'node:net';
import { Octokit } from '@octokit/rest';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import { GitHubError } from './errors.js';

export const DEFAULT_API_URL = 'https://api.github.com';
/** The whole conversation with GitHub (a few requests, more with many comment pages) must end within this. */
const DEADLINE_MS = 120_000;

const SILENT = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * GITHUB_API_URL (set by GitHub Actions, e.g. https://ghe.example.com/api/v3 on GitHub Enterprise Server) or
 * api.github.com. The token goes with every request, so it is only ever sent encrypted: plain http is refused
 * (a UsageError, before any request) unless the host is this machine (localhost, 127.0.0.0/8, ::1), where
 * nothing crosses a network: a test stand-in, or a tunnel that encrypts on its own.
 */
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
  if (url.username || url.password) throw new UsageError('GITHUB_API_URL holds a user name or password: give the token in GITHUB_TOKEN only, and the URL without credentials');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(
      `GITHUB_API_URL "${value}" is plain http to ${url.hostname}, which is not this machine: the token would cross the network unencrypted, so nothing was sent; use https`,
    );
  }
  return value.replace(/\/+$/, '');
}

/** localhost, 127.0.0.0/8 or ::1 (URL.hostname writes IPv6 in brackets). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * An Octokit client that says nothing (its log goes nowhere, so nothing reaches stdout or stderr), does not
 * retry or throttle (no such plugins are loaded: a failure is reported at once), and gives up after a deadline.
 *
 * Each request gets its own timeout signal for the time left before the deadline. One signal shared by every
 * request gains an abort listener per request, which Node reports with a MaxListenersExceededWarning from the
 * 11th request on (its default limit is 10 listeners): a long run would print one such warning per request.
 */
export function gitHubClient(apiUrl: string, token: string | undefined): Octokit {
  const octokit = new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl: apiUrl,
    userAgent: `shareguard/${TOOL.version}`,
    log: SILENT,
  });
  const deadline = Date.now() + DEADLINE_MS;
  octokit.hook.wrap('request', async (request, options) => {
    const left = deadline - Date.now();
    if (left <= 0) throw new GitHubError(`gave up: the conversation with the GitHub API at ${apiUrl} took more than ${DEADLINE_MS / 1000} s`);
    return request({ ...options, request: { ...options.request, signal: AbortSignal.timeout(left) } });
  });
  return octokit;
}
