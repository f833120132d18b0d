import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, ROOT, runCli, type CliRun } from '../helpers/cli.js';
import { COMPETITOR_CASE, EXAMPLE_POLICIES, EXAMPLE_POLICIES_CONFIG, REAL_OPA, countingOpa, emptyPath, installedCopy, tempDir } from '../helpers/policies.js';

const SCAN = ['scan', COMPETITOR_CASE, '--policy', EXAMPLE_POLICIES, '--config', EXAMPLE_POLICIES_CONFIG, '--as-of', AS_OF, '--output', 'json'];
const customIds = (r: CliRun) => (JSON.parse(r.stdout) as ScanResult).findings.filter((f) => !f.controlId.startsWith('SG-')).map((f) => `${f.controlId} ${f.principal?.displayName}`).sort();

/** Runs another copy of the CLI (an installed one) from the repository root, with exactly `env`. */
function runCliAt(cli: string, args: string[], env: Record<string, string>): CliRun {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the build cache', () => {
  it('is reused: a second run with the same sources starts no opa at all', () => {
    const dir = tempDir('cache-reuse');
    const opa = countingOpa(dir);
    const env = { XDG_CACHE_HOME: path.join(dir, 'xdg'), SHAREGUARD_OPA: opa.bin };
    const first = runCli(SCAN, env);
    expect(first.code, first.stderr).toBe(1);
    expect(opa.calls()).toEqual(expect.arrayContaining(['version', 'capabilities', 'check', 'inspect', 'build']));
    expect(first.stderr).toContain('compiling examples/policies with opa');
    const bundles = fs.readdirSync(path.join(dir, 'xdg/shareguard/bundles'));
    expect(bundles).toHaveLength(1);
    expect(bundles[0]).toMatch(/^[0-9a-f]{64}\.tar\.gz$/);

    const callsAfterFirst = opa.calls().length;
    const second = runCli(SCAN, env);
    expect(second.code).toBe(1);
    expect(opa.calls()).toHaveLength(callsAfterFirst);
    expect(second.stderr).toBe('');
    expect(customIds(second)).toEqual(customIds(first));
    expect(customIds(first)).toEqual(['CONTOSO-FIN-01 Ravi Patel', 'CONTOSO-FIN-01 Wei Chen']);
    // Nothing half-written is left behind.
    expect(fs.readdirSync(path.join(dir, 'xdg/shareguard'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is keyed by the sources: an edit compiles again, into a new entry', () => {
    const dir = tempDir('cache-edit');
    const opa = countingOpa(dir);
    const policies = path.join(dir, 'policies');
    fs.cpSync(path.join(ROOT, EXAMPLE_POLICIES), policies, { recursive: true });
    const cacheDir = path.join(dir, 'cache');
    const args = ['scan', COMPETITOR_CASE, '--policy', policies, '--cache-dir', cacheDir, '--as-of', AS_OF];
    const env = { SHAREGUARD_OPA: opa.bin };
    expect(runCli(args, env).code).toBe(1);
    const builds = () => opa.calls().filter((c) => c === 'build').length;
    expect(builds()).toBe(1);
    expect(runCli(args, env).code).toBe(1);
    expect(builds()).toBe(1);
    fs.appendFileSync(path.join(policies, 'http_flow_run_only/http_flow_run_only.rego'), '\n# an edit\n');
    expect(runCli(args, env).code).toBe(1);
    expect(builds()).toBe(2);
    expect(fs.readdirSync(path.join(cacheDir, 'bundles'))).toHaveLength(2);
  });

  it('replaces a damaged entry instead of failing on it', () => {
    const dir = tempDir('cache-damaged');
    const opa = countingOpa(dir);
    const cacheDir = path.join(dir, 'cache');
    const args = ['scan', COMPETITOR_CASE, '--policy', EXAMPLE_POLICIES, '--cache-dir', cacheDir, '--as-of', AS_OF];
    expect(runCli(args, { SHAREGUARD_OPA: opa.bin }).code).toBe(1);
    const [entry] = fs.readdirSync(path.join(cacheDir, 'bundles'));
    fs.writeFileSync(path.join(cacheDir, 'bundles', entry!), 'truncated');
    const again = runCli(args, { SHAREGUARD_OPA: opa.bin });
    expect(again.code, again.stderr).toBe(1);
    expect(opa.calls().filter((c) => c === 'build')).toHaveLength(2);
    expect(fs.statSync(path.join(cacheDir, 'bundles', entry!)).size).toBeGreaterThan(1000);
  });

  it('is keyed by the opa version too, and another version than the pinned one is warned about', () => {
    const dir = tempDir('cache-version');
    const other = path.join(dir, 'opa');
    fs.writeFileSync(other, `#!/bin/sh\nif [ "$1" = version ]; then echo "Version: 1.99.0"; exit 0; fi\nexec "${REAL_OPA}" "$@"\n`, { mode: 0o755 });
    const cacheDir = path.join(dir, 'cache');
    const args = ['scan', COMPETITOR_CASE, '--policy', EXAMPLE_POLICIES, '--cache-dir', cacheDir, '--as-of', AS_OF];
    expect(runCli(args, { SHAREGUARD_OPA: REAL_OPA }).stderr).not.toContain('warning');
    const r = runCli(args, { SHAREGUARD_OPA: other });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`shareguard: warning: ${other} is opa 1.99.0; shareguard is built and tested with opa 1.22.3`);
    expect(fs.readdirSync(path.join(cacheDir, 'bundles'))).toHaveLength(2);
  });

  it('is never inside the export being scanned', () => {
    const r = runCli(['scan', EXAMPLE, '--policy', EXAMPLE_POLICIES, '--cache-dir', path.join(EXAMPLE, '.cache')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is inside the export being scanned (${EXAMPLE})`);
    expect(fs.existsSync(path.join(ROOT, EXAMPLE, '.cache'))).toBe(false);
  });
});

describe('a prebuilt bundle (policy build, --bundle)', () => {
  const dir = tempDir('bundle');
  const bundle = path.join(dir, 'policies.tar.gz');
  let installedCli: string;
  let noOpa: Record<string, string>;

  beforeAll(() => {
    const r = runCli(['policy', 'build', EXAMPLE_POLICIES, '-o', bundle], { XDG_CACHE_HOME: path.join(dir, 'xdg') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*policies\.tar\.gz: 2 custom and \d+ built-in controls, opa 1\.22\.3\n$/);
    installedCli = installedCopy(dir);
    // No opa anywhere: an empty PATH, SHAREGUARD_OPA unset, and a copy of shareguard without .tools.
    noOpa = { PATH: emptyPath(dir), HOME: dir, XDG_CACHE_HOME: path.join(dir, 'xdg-empty') };
  });

  it('scans with no opa on PATH and SHAREGUARD_OPA unset, with the same findings as compiling', () => {
    expect(process.env.SHAREGUARD_OPA).toBeUndefined();
    const r = runCliAt(installedCli, ['scan', COMPETITOR_CASE, '--bundle', bundle, '--config', EXAMPLE_POLICIES_CONFIG, '--as-of', AS_OF, '--output', 'json'], noOpa);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    expect(customIds(r)).toEqual(['CONTOSO-FIN-01 Ravi Patel', 'CONTOSO-FIN-01 Wei Chen']);
    expect(fs.existsSync(path.join(dir, 'xdg-empty'))).toBe(false);
  });

  it('without opa and without a bundle, exits 2 saying how to install opa or pass --bundle', () => {
    for (const args of [['scan', EXAMPLE, '--policy', EXAMPLE_POLICIES], ['policy', 'test', EXAMPLE_POLICIES]]) {
      const r = runCliAt(installedCli, args, noOpa);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('needs the opa CLI (version 1.22.3), and none was found');
      expect(r.stderr).toContain('go install github.com/open-policy-agent/opa@v1.22.3');
      expect(r.stderr).toContain('SHAREGUARD_OPA');
      expect(r.stderr).toContain('--bundle bundle.tar.gz');
    }
  });

  it('the same copy compiles once SHAREGUARD_OPA names an opa', () => {
    const r = runCliAt(installedCli, [...SCAN], { ...noOpa, SHAREGUARD_OPA: REAL_OPA });
    expect(r.code, r.stderr).toBe(1);
    expect(customIds(r)).toEqual(['CONTOSO-FIN-01 Ravi Patel', 'CONTOSO-FIN-01 Wei Chen']);
  });

  it('SHAREGUARD_OPA that is not an executable is an error', () => {
    const r = runCli(['scan', EXAMPLE, '--policy', EXAMPLE_POLICIES], { SHAREGUARD_OPA: path.join(dir, 'no-such-opa') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SHAREGUARD_OPA is set to');
  });

  it('is still an opa bundle: opa inspect reads it', () => {
    const r = spawnSync(REAL_OPA, ['inspect', '-f', 'json', bundle], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).namespaces)).toContain('data.shareguard.custom.competitor_guest_finance');
  });

  it('refuses a plain opa build tarball, a damaged bundle, and --bundle with --policy or --no-builtin', () => {
    const plain = path.join(dir, 'plain.tar.gz');
    const src = path.join(dir, 'plain-src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'p.rego'), 'package probe\n\nx := 1\n');
    expect(spawnSync(REAL_OPA, ['build', '-t', 'wasm', '-e', 'probe/x', '-o', plain, src]).status).toBe(0);
    const r = runCli(['scan', EXAMPLE, '--bundle', plain]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is an opa bundle without shareguard's manifest (/shareguard.manifest.json)");
    expect(r.stderr).toContain('shareguard policy build');

    const damaged = path.join(dir, 'damaged.tar.gz');
    const tar = gunzipSync(fs.readFileSync(bundle));
    const at = tar.indexOf('"wasmSha256": "');
    tar.write('0000', at + '"wasmSha256": "'.length);
    fs.writeFileSync(damaged, gzipSync(tar));
    const d = runCli(['scan', EXAMPLE, '--bundle', damaged]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('policy.wasm does not match the manifest');

    const both = runCli(['scan', EXAMPLE, '--bundle', bundle, '--policy', EXAMPLE_POLICIES]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--bundle and --policy cannot be combined');
    const noBuiltin = runCli(['scan', EXAMPLE, '--bundle', bundle, '--no-builtin']);
    expect(noBuiltin.code).toBe(2);
    expect(noBuiltin.stderr).toContain('--no-builtin does not apply to --bundle');
  });

  it('policy build --no-builtin holds the custom controls only', () => {
    const only = path.join(dir, 'custom-only.tar.gz');
    expect(runCli(['policy', 'build', EXAMPLE_POLICIES, '--no-builtin', '-o', only], { XDG_CACHE_HOME: path.join(dir, 'xdg') }).code).toBe(0);
    const r = runCli(['controls', '--bundle', only, '--output', 'json']);
    expect((JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id)).toEqual(['CONTOSO-FIN-01', 'CONTOSO-FLOW-01']);
    // The simulation's platform rules are still there.
    const sim = runCli(['simulate', '--tenant', EXAMPLE, '--bundle', only, '--as-of', AS_OF, 'invite', '--as', 'lee.gu@contoso.com', '--email', 'ana@fabrikam.com']);
    expect(sim.stdout).toContain('PLT-INVITE-05 (effect): Invitation creates guest');
  });
});
