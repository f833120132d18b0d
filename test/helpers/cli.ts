import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');
export const EXAMPLE = 'examples/contoso';
/** The example's export was taken on 2026-11-27; pin the audit instant so results never drift. */
export const AS_OF = '2026-11-30T00:00:00Z';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (npm test builds first) as a user would, from the repository root (or from `cwd`). */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The example's `scan --output json` result, written to a fresh temporary file (what `github comment` reads). */
export function exampleResultFile(prefix: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 'results.json');
  const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json', '--out', file]);
  if (r.code !== 1) throw new Error(`the example scan exited ${r.code}: ${r.stderr}`);
  return file;
}
