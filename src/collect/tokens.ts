import { spawn } from 'node:child_process';
import { UsageError } from '../errors.js';

/** Where a token comes from: an environment variable, or a command that prints one. */
export interface TokenSource {
  /** Name of the environment variable holding the token. */
  env: string;
  /** A shell command printing a token on stdout; `{resource}` is replaced by the API's resource URI. */
  command?: string;
}

/**
 * Gets bearer tokens and keeps them in memory only. A command's output is never shown, not even when it fails
 * (only its exit code is); a token is cached per resource for the run.
 */
export class Tokens {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(
    private readonly source: TokenSource,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Whether a token can be had at all (variable set or command given). */
  get available(): boolean {
    return Boolean(this.source.command) || Boolean(this.environment[this.source.env]?.trim());
  }

  /** The token for `resource` (the audience, e.g. https://graph.microsoft.com). */
  get(resource: string): Promise<string> {
    let token = this.cache.get(resource);
    if (!token) {
      token = this.fetchToken(resource);
      this.cache.set(resource, token);
    }
    return token;
  }

  /** Every token handed out so far (to check that none is ever written). */
  async issued(): Promise<string[]> {
    const all = await Promise.allSettled(this.cache.values());
    return all.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  private async fetchToken(resource: string): Promise<string> {
    if (this.source.command) return runTokenCommand(this.source.command.replaceAll('{resource}', resource));
    const value = this.environment[this.source.env]?.trim();
    if (!value) throw new UsageError(`no token: set ${this.source.env} or give a token command`);
    return value.replace(/^Bearer\s+/i, '');
  }
}

function runTokenCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (e) => reject(new UsageError(`token command could not be started (${e.message})`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new UsageError(`token command exited with code ${code} (its output is not shown: it may hold secrets)`));
      const token = Buffer.concat(chunks).toString('utf8').trim().replace(/^Bearer\s+/i, '');
      if (!token || /\s/.test(token)) return reject(new UsageError('token command printed no token (expected one line holding the access token)'));
      resolve(token);
    });
  });
}
