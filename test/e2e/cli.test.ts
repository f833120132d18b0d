import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cli-'));

function writeExport(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('shareguard scan: text output and exit codes', () => {
  it('prints findings grouped by severity, without colour when not a terminal', () => {
    const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^HIGH \(\d+\)$/m);
    expect(r.stdout).toContain('SG-FLOW-02  Flow has no enabled owner left');
    expect(r.stdout).toMatch(/at examples\/contoso\/power-platform\/flows\/\w+\.yaml:\d+:\d+/);
    expect(r.stdout).toMatch(/finding\(s\): \d+ critical, \d+ high/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--fail-on sets the threshold: none never fails; a medium finding fails at medium, not at high', () => {
    expect(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--fail-on', 'critical']).code).toBe(1);
    // tenant.yaml alone yields one medium finding (SG-ENV-02).
    const settingsOnly = `${EXAMPLE}/tenant.yaml`;
    expect(runCli(['scan', settingsOnly, '--as-of', AS_OF, '--fail-on', 'high']).code).toBe(0);
    expect(runCli(['scan', settingsOnly, '--as-of', AS_OF, '--fail-on', 'medium']).code).toBe(1);
    expect(runCli(['scan', settingsOnly, '--as-of', AS_OF]).code).toBe(1);
  });

  it('--out writes the whole report to a file and nothing to stdout', () => {
    const out = path.join(tmp(), 'results.json');
    const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect((JSON.parse(fs.readFileSync(out, 'utf8')) as ScanResult).findings.length).toBeGreaterThan(5);
  });

  it('refuses to write a report inside the export directory, writing nothing', () => {
    const dir = tmp();
    fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
    const before = fs.readdirSync(dir).sort();
    const r = runCli(['scan', dir, '--out', path.join(dir, 'report.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inside the export/);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  it('same findings and fingerprints whether files are found by directory or listed in another order', () => {
    const byDir = JSON.parse(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '-o', 'json']).stdout) as ScanResult;
    const files = fs
      .readdirSync(path.join(ROOT, EXAMPLE), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => path.join(EXAMPLE, f))
      .reverse();
    const byList = JSON.parse(runCli(['scan', ...files, '--as-of', AS_OF, '-o', 'json']).stdout) as ScanResult;
    expect(byList.findings.map((f) => f.fingerprint).sort()).toEqual(byDir.findings.map((f) => f.fingerprint).sort());
  });

  it('--as-of reproduces an audit: the same instant gives the same report', () => {
    const a = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '-o', 'json']).stdout;
    const b = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '-o', 'json']).stdout;
    expect(a).toBe(b);
    const earlier = JSON.parse(runCli(['scan', EXAMPLE, '--as-of', '2026-07-01', '-o', 'json']).stdout) as ScanResult;
    expect(earlier.findings.filter((f) => f.controlId === 'SG-GUEST-01').map((f) => f.resource.displayName)).toEqual([]);
  });

  it('reports what it could not look at when sections are missing, never a silent pass', () => {
    const r = runCli(['scan', `${EXAMPLE}/power-platform`, '--as-of', AS_OF, '-o', 'json']);
    const result = JSON.parse(r.stdout) as ScanResult;
    const missing: Record<string, string[]> = {};
    for (const n of result.summary.notEvaluated) (missing[n.section] ??= []).push(...n.controls);
    expect(missing.users).toEqual(expect.arrayContaining(['SG-FLOW-01', 'SG-FLOW-02', 'SG-GUEST-01', 'SG-ENV-01']));
    expect(missing.externalCollaboration).toEqual(expect.arrayContaining(['SG-COLLAB-01', 'SG-COLLAB-02', 'SG-COLLAB-03']));
    expect(result.findings.filter((f) => f.controlId === 'SG-FLOW-02')).toEqual([]);
    const text = runCli(['scan', `${EXAMPLE}/power-platform`, '--as-of', AS_OF]).stdout;
    expect(text).toMatch(/Not evaluated\n(\s+.+\n)*\s+externalCollaboration \(SG-COLLAB-01, SG-COLLAB-02, SG-COLLAB-03, [^)]*\): section absent/);
  });
});

describe('shareguard: usage and input errors exit 2 with one clear line', () => {
  it('--help and --version exit 0', () => {
    const help = runCli(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown option, a bad --fail-on or a bad --as-of is a usage error', () => {
    expect(runCli(['scan', EXAMPLE, '--bogus']).code).toBe(2);
    expect(runCli(['scan', EXAMPLE, '--fail-on', 'urgent']).code).toBe(2);
    const asOf = runCli(['scan', EXAMPLE, '--as-of', 'last tuesday']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toMatch(/--as-of "last tuesday" is not an ISO 8601/);
    expect(runCli([]).code).toBe(2);
  });

  it('a missing path names the path', () => {
    const r = runCli(['scan', 'no/such/export']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/export/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('malformed YAML names file, line and column', () => {
    const dir = writeExport(tmp(), { 'bad.yaml': 'schemaVersion: 1\nusers:\n  - id: a\n    userType: [Member\n' });
    const r = runCli(['scan', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${path.join(dir, 'bad.yaml').replace(/[/.]/g, '\\$&')}:\\d+:\\d+: `));
    expect(r.stdout).toBe('');
  });

  it('a schema violation names the field and what was expected', () => {
    const dir = writeExport(tmp(), {
      'users.yaml': 'schemaVersion: 1\nusers:\n  - id: u1\n    userPrincipalName: ana@contoso.com\n    userType: guest\n',
    });
    const r = runCli(['scan', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/users\.yaml:5:\d+: .*userType.*Member.*Guest/);
  });

  it('a dangling environment reference is an input error, a deleted owner is not', () => {
    const base = 'schemaVersion: 1\nenvironments:\n  - id: e1\n    displayName: Prod\n    type: Production\nflows:\n  - id: f1\n    displayName: F\n    creatorId: gone\n';
    const bad = writeExport(tmp(), { 'x.yaml': `${base}    environmentId: e2\n` });
    const r = runCli(['scan', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.yaml:10:\d+: .*e2/);
    const ok = writeExport(tmp(), { 'x.yaml': `${base}    environmentId: e1\n` });
    expect(runCli(['scan', ok, '--fail-on', 'none']).code).toBe(0);
  });

  it('an unsupported schemaVersion is an input error', () => {
    const dir = writeExport(tmp(), { 'v2.json': '{\n  "schemaVersion": 2,\n  "users": []\n}\n' });
    const r = runCli(['scan', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/v2\.json:2:\d+: unsupported schemaVersion 2/);
  });

  it('--debug adds a stack trace to an error', () => {
    const r = runCli(['scan', 'no/such/export', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('shareguard: a reader that stops early', () => {
  it('ends quietly when stdout is closed (shareguard simulate --help | head -2)', async () => {
    const { spawn } = await import('node:child_process');
    // Help is written in several pieces: the later ones meet the closed pipe.
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'simulate', '--help'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close the pipe as `head -1` would.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
