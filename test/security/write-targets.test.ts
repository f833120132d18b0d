import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeFileAtomically } from '../../src/write/safe-write.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

/**
 * Issue 14, attack 5: `--out` may only replace what shareguard itself wrote, never follows a link planted at its
 * temporary name, and never lands in the export or over a file the same run reads.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-write-targets-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const RAW = path.join(ROOT, 'test/fixtures/import/contoso-raw');
let n = 0;
const fresh = (name: string) => path.join(work, `${name}-${++n}`);

describe('--out replaces only what shareguard wrote', () => {
  it('an export folder holding a document under graph/ is refused and kept, exit 2', () => {
    const out = fresh('export');
    fs.mkdirSync(path.join(out, 'graph'), { recursive: true });
    fs.writeFileSync(path.join(out, 'graph', 'board-minutes.docx'), 'not ours');
    const r = runCli(['import', RAW, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds files shareguard did not write there as an export \(graph\/board-minutes\.docx\)/);
    expect(fs.readFileSync(path.join(out, 'graph', 'board-minutes.docx'), 'utf8')).toBe('not ours');
  });

  it('a raw folder given as --out (arguments swapped) is refused, and its responses kept', () => {
    const raw = fresh('raw');
    fs.cpSync(RAW, raw, { recursive: true });
    fs.writeFileSync(path.join(raw, 'collection.json'), JSON.stringify({ collectedAt: '2026-11-27T08:00:00Z', missing: [] }));
    const before = fs.readdirSync(path.join(raw, 'graph', 'v1.0')).length;
    const r = runCli(['import', RAW, '--out', raw]);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(path.join(raw, 'graph', 'v1.0')).length).toBe(before);
  });

  it('an export it wrote itself is replaced on the next run, and records what it wrote', () => {
    const out = fresh('export');
    expect(runCli(['import', RAW, '--out', out]).code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, '.shareguard-written.json'), 'utf8'));
    expect(manifest.kind).toBe('export');
    expect(manifest.files).toContain('users.json');
    expect(runCli(['import', RAW, '--out', out]).code).toBe(0);
    // A file added by a person afterwards makes the folder theirs again.
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    expect(runCli(['import', RAW, '--out', out]).code).toBe(2);
    expect(fs.existsSync(path.join(out, 'notes.txt'))).toBe(true);
  });

  it('an export folder that is a symbolic link is refused', () => {
    const real = fresh('real');
    fs.mkdirSync(real);
    const link = fresh('link');
    fs.symlinkSync(real, link);
    expect(runCli(['import', RAW, '--out', link]).stderr).toMatch(/is a symbolic link/);
  });
});

describe('reports are written through an exclusive temporary file', () => {
  it('a link planted at the temporary name makes the write fail; the file it points to is untouched', () => {
    const dir = fresh('reports');
    fs.mkdirSync(dir);
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'untouched');
    // Make the "random" part predictable, as an attacker who guessed it would have it, and plant the link there.
    const spy = vi.spyOn(crypto, 'randomBytes').mockImplementation(() => Buffer.alloc(8, 0xab) as never);
    try {
      fs.symlinkSync(victim, path.join(dir, `.report.json.${'ab'.repeat(8)}.tmp`));
      expect(() => writeFileAtomically(path.join(dir, 'report.json'), '{"pwned": true}')).toThrow(/EEXIST/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.existsSync(path.join(dir, 'report.json'))).toBe(false);
  });

  it('a scan report is written whole', () => {
    const report = path.join(fresh('reports'), 'report.json');
    fs.mkdirSync(path.dirname(report));
    expect(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json', '--out', report]).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(report, 'utf8')).summary.total).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(report))).toEqual(['report.json']);
  });
});

describe('a report never lands in the export or over the run\'s own inputs', () => {
  it('a link to the export folder is the export folder', () => {
    const exportCopy = fresh('contoso');
    fs.cpSync(path.join(ROOT, EXAMPLE), exportCopy, { recursive: true });
    const link = fresh('link');
    fs.symlinkSync(exportCopy, link);
    const r = runCli(['scan', exportCopy, '--as-of', AS_OF, '--output', 'json', '--out', path.join(link, 'report.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inside the export being scanned/);
    expect(fs.existsSync(path.join(exportCopy, 'report.json'))).toBe(false);
  });

  it('--out over the waivers or config file the run reads is refused, and the file is kept', () => {
    const dir = fresh('inputs');
    fs.mkdirSync(dir);
    const waivers = path.join(dir, 'waivers.yaml');
    fs.writeFileSync(waivers, 'schemaVersion: 1\nwaivers: []\n');
    const config = path.join(dir, 'shareguard.yaml');
    fs.writeFileSync(config, 'schemaVersion: 1\n');
    for (const [flag, file] of [['--waivers', waivers], ['--config', config]] as const) {
      const before = fs.readFileSync(file, 'utf8');
      const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, flag, file, '--output', 'json', '--out', file]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(/is one of this run's inputs/);
      expect(fs.readFileSync(file, 'utf8'), flag).toBe(before);
    }
  });
});
