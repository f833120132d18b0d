import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './cli.js';

/** The example custom policies and their example exports. */
export const EXAMPLE_POLICIES = 'examples/policies';
export const EXAMPLE_POLICIES_CONFIG = 'examples/policies/shareguard.yaml';
export const COMPETITOR_CASE = 'examples/policies/competitor_guest_finance/tests/competitor-guests-on-finance-flows';
export const HTTP_CASE = 'examples/policies/http_flow_run_only/tests/run-only-outside-approved-group';
export const REAL_OPA = path.join(ROOT, '.tools/bin/opa');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sg-${prefix}-`));
}

/**
 * An opa that counts: a script that appends a line to a log for each call, then runs the real opa. Give it
 * as SHAREGUARD_OPA to see whether (and how often) shareguard started opa.
 */
export function countingOpa(dir: string): { bin: string; calls: () => string[] } {
  const bin = path.join(dir, 'opa');
  const log = path.join(dir, 'opa-calls.log');
  fs.writeFileSync(bin, `#!/bin/sh\necho "$1" >> "${log}"\nexec "${REAL_OPA}" "$@"\n`, { mode: 0o755 });
  return { bin, calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l !== '') : []) };
}

/**
 * shareguard as a user installs it: the files the package ships (package.json "files") without a development
 * .tools/, so that no opa is found unless PATH or SHAREGUARD_OPA gives one. Returns the path of its CLI.
 */
export function installedCopy(dir: string): string {
  const pkg = path.join(dir, 'shareguard');
  const { files } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  for (const part of [...files, 'package.json']) {
    fs.cpSync(path.join(ROOT, part), path.join(pkg, part), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'));
  return path.join(pkg, 'dist/cli/main.js');
}

/** A PATH with nothing on it (an empty folder): no opa, no go. The CLI is started with node's absolute path. */
export function emptyPath(dir: string): string {
  const empty = path.join(dir, 'empty-bin');
  fs.mkdirSync(empty, { recursive: true });
  return empty;
}
