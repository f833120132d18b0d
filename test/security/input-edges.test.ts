import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, CLI, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-edges-'));

/** A copy of the example export with one file's text edited. */
function editedExample(file: string, edit: (text: string) => string): string {
  const dir = path.join(tmp(), 'tenant');
  fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  return dir;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('lone UTF-16 surrogates are refused at load, at their place', () => {
  it('a JSON \\ud800 escape in a display name: exit 2, file:line:col of the escape', () => {
    const dir = editedExample('users/guests.json', (t) => t.replace('"Kevin Murphy"', '"Kevin \\ud800 Murphy"'));
    const text = fs.readFileSync(path.join(dir, 'users/guests.json'), 'utf8');
    const r = runCli(['scan', dir, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`users/guests.json:${positionOf(text, '\\ud800')}: lone UTF-16 surrogate \\uD800 in a string`);
    expect(r.stderr).not.toMatch(/internal error|policy engine/);
  });

  it('a lone low surrogate, and a pair split by other text, are refused; an escaped pair is accepted', () => {
    const low = editedExample('users/guests.json', (t) => t.replace('"Kevin Murphy"', '"Kevin \\udc00"'));
    expect(runCli(['scan', low, '--as-of', AS_OF]).stderr).toContain('lone UTF-16 surrogate \\uDC00');
    const split = editedExample('users/guests.json', (t) => t.replace('"Kevin Murphy"', '"Kevin \\ud83dx\\ude00"'));
    expect(runCli(['scan', split, '--as-of', AS_OF]).code).toBe(2);
    const pair = editedExample('users/guests.json', (t) => t.replace('"Kevin Murphy"', '"Kevin \\ud83d\\ude00 \\\\ud800"'));
    expect(runCli(['scan', pair, '--as-of', AS_OF, '--fail-on', 'none']).code).toBe(0);
  });

  it('a YAML "\\uD800" escape: exit 2, file:line:col of the escape', () => {
    const dir = editedExample('users/members.yaml', (t) => t.replace('displayName: Nestor Wilke', 'displayName: "Nestor \\uD800 Wilke"'));
    const text = fs.readFileSync(path.join(dir, 'users/members.yaml'), 'utf8');
    const r = runCli(['scan', dir, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`users/members.yaml:${positionOf(text, '\\uD800')}: lone UTF-16 surrogate \\uD800`);
  });
});

describe('usage errors exit 2 everywhere (1 means "denied" or "findings")', () => {
  it('simulate share --role god', () => {
    const r = runCli(['simulate', 'share', '--as', 'lee.gu@contoso.com', '--flow', 'Expense Approval', '--with', 'ana@fabrikam.com', '--role', 'god', '--tenant', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'god' is invalid");
  });

  it('simulate share and invite without --as', () => {
    expect(runCli(['simulate', 'share', '--flow', 'Expense Approval', '--with', 'ana@fabrikam.com', '--tenant', EXAMPLE]).code).toBe(2);
    const r = runCli(['simulate', 'invite', '--email', 'ana@fabrikam.com', '--tenant', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--as <user>' not specified");
  });

  it('a shortcut value that is wrong names its flag', () => {
    const r = runCli(['simulate', 'invite', '--as', 'lee.gu@contoso.com', '--email', '', '--tenant', EXAMPLE, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--email must not be empty');
  });

  it('--as-of refuses impossible dates, naming the flag (scan and simulate), and keeps possible ones', () => {
    const refused: [string, string][] = [
      ['2026-02-30', '2026-02 has no day 30'],
      ['2026-04-31', '2026-04 has no day 31'],
      ['2026-13-01', 'month 13 does not exist'],
      ['2026-11-30T24:00:00Z', 'hour 24 does not exist'],
      ['2026-11-30T23:60Z', 'minute 60 does not exist'],
      ['2026-11-30T10:00:00+25:00', 'the time zone offset +25:00 does not exist'],
    ];
    for (const [value, why] of refused) {
      const scan = runCli(['scan', EXAMPLE, '--as-of', value]);
      expect(scan.code, value).toBe(2);
      expect(scan.stderr).toContain(`--as-of "${value}" is not a valid date: ${why}`);
    }
    expect(runCli(['simulate', 'examples/changes/onboard-vendor.yaml', '--tenant', EXAMPLE, '--as-of', '2026-02-30']).code).toBe(2);
    expect(runCli(['scan', EXAMPLE, '--as-of', '2028-02-29', '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['scan', EXAMPLE, '--as-of', '2026-11-30T10:00:00+01:00', '--fail-on', 'none']).code).toBe(0);
  });
});

describe('malformed files end as one-line input errors at file:line:col, exit 2', () => {
  const baseline = () => JSON.parse(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json']).stdout) as { findings: Record<string, unknown>[] };

  /** The example's own result with its first finding edited and made resolved (a fingerprint no finding has now). */
  const earlierFile = (edit: (f: Record<string, unknown>) => void): string => {
    const doc = baseline();
    const f = doc.findings[0]!;
    f.fingerprint = 'gone-since';
    edit(f);
    const file = path.join(tmp(), 'baseline.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  };

  it.each([
    ['references: null', (f: Record<string, unknown>) => (f.references = null)],
    ['references: "x"', (f: Record<string, unknown>) => (f.references = 'x')],
    ['principal: "x"', (f: Record<string, unknown>) => (f.principal = 'x')],
    ['location: {}', (f: Record<string, unknown>) => (f.location = {})],
  ])('a baseline or earlier result whose finding has %s: an input error at its place, not a crash or "undefined"', (_what, edit) => {
    const file = earlierFile(edit);
    for (const flag of ['--baseline', '--compare']) {
      const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, flag, file, '--output', 'html']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^\S*baseline\.json:\d+:\d+: the (baseline|earlier result)|^\S*baseline\.json:\d+:\d+: findings\[0\]/m);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });

  it('an empty or non-object shareguard.yaml is called a configuration, not "the export"', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'shareguard.yaml'), '# nothing yet\n');
    const empty = runCli(['scan', path.join(ROOT, EXAMPLE), '--as-of', AS_OF], {}, dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('shareguard.yaml:1:1: the file is empty, not a shareguard configuration; a configuration has schemaVersion: 1 and controls or params\n');
    fs.writeFileSync(path.join(dir, 'shareguard.yaml'), '- a\n');
    expect(runCli(['scan', path.join(ROOT, EXAMPLE), '--as-of', AS_OF], {}, dir).stderr).toBe('shareguard.yaml:1:1: the configuration must be object (got an array)\n');
  });

  it('an empty change file is said to be empty', () => {
    const file = path.join(tmp(), 'changes.yaml');
    fs.writeFileSync(file, '# to do\n');
    const r = runCli(['simulate', file, '--tenant', EXAMPLE, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:1:1: the file is empty, not a change file; a change file has schemaVersion: 1 and a changes list\n`);
  });

  it('a resolved finding of an earlier version without references is shown, not a crash', () => {
    const file = earlierFile((f) => delete f.references);
    for (const flag of ['--baseline', '--compare']) {
      const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, flag, file, '--output', 'html']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
    }
  });
});

describe('an export split into more files than the open-file limit', () => {
  it('400 files scan under ulimit -n 256 (files are read at most 64 at once)', () => {
    const dir = path.join(tmp(), 'many');
    fs.mkdirSync(path.join(dir, 'users'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, EXAMPLE, 'tenant.yaml'), path.join(dir, 'tenant.yaml'));
    for (let i = 0; i < 400; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      fs.writeFileSync(
        path.join(dir, 'users', `u${String(i).padStart(3, '0')}.yaml`),
        `schemaVersion: 1\nusers:\n  - id: ${id}\n    userPrincipalName: user${i}@contoso.com\n    displayName: User ${i}\n    userType: Member\n    accountEnabled: true\n`,
      );
    }
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('bash', ['-c', `ulimit -n 256 && exec ${quote(process.execPath)} ${quote(CLI)} scan ${quote(dir)} --as-of ${AS_OF} --fail-on none`], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.stderr).not.toContain('EMFILE');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('400 users');
    expect(r.stdout).toContain('in 401 file(s)');
  });
});
