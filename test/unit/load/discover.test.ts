import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles, loadExport, readExportFile } from '../../../src/load/index.js';
import { FIXTURES, inputErrorsOf } from './helpers.js';

let tmp: string;
let outside: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'shareguard-discover-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'shareguard-outside-'));
  const write = (rel: string, text = 'schemaVersion: 1\n') => {
    mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    writeFileSync(path.join(tmp, rel), text);
  };
  write('export/b.yaml');
  write('export/a.json', '{"schemaVersion": 1}');
  write('export/sub/c.yml');
  write('export/sub/Z.yaml');
  write('export/.hidden.yaml');
  write('export/.git/x.json');
  write('export/node_modules/pkg/package.json');
  write('export/notes.txt');
  writeFileSync(path.join(outside, 'secret.yaml'), 'schemaVersion: 1\n');
  mkdirSync(path.join(outside, 'dir'));
  writeFileSync(path.join(outside, 'dir', 'deep.yaml'), 'schemaVersion: 1\n');
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(tmp, 'export', 'link-out.yaml'));
  symlinkSync(path.join(outside, 'dir'), path.join(tmp, 'export', 'linkdir'));
  symlinkSync(path.join(tmp, 'export', 'b.yaml'), path.join(tmp, 'export', 'link-in.yaml'));
  symlinkSync(path.join(tmp, 'nowhere.yaml'), path.join(tmp, 'export', 'dangling.yaml'));
  write('empty/readme.md', '# nothing');
  write('single.YAML');
  write('data.txt', 'schemaVersion: 1\n');
  write('unreadable.yaml');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('discoverFiles', () => {
  it('expands a directory into its export files in sorted order, skipping dot files, node_modules and links out', async () => {
    const files = await discoverFiles(['export'], { cwd: tmp });
    // link-in.yaml resolves to b.yaml, which is already listed: read once.
    expect(files).toEqual(['export/a.json', 'export/b.yaml', 'export/sub/Z.yaml', 'export/sub/c.yml']);
  });

  it('keeps explicit files as given, in argument order, once each', async () => {
    const files = await discoverFiles(['./export/sub/c.yml', 'export', 'single.YAML', 'export/a.json'], { cwd: tmp });
    expect(files).toEqual(['./export/sub/c.yml', 'export/a.json', 'export/b.yaml', 'export/sub/Z.yaml', 'single.YAML']);
  });

  it('accepts absolute paths', async () => {
    const abs = path.join(tmp, 'export', 'a.json');
    expect(await discoverFiles([abs])).toEqual([abs]);
  });

  it('reports a missing path', async () => {
    const errors = await inputErrorsOf(() => discoverFiles(['missing/dir'], { cwd: tmp }));
    expect(errors.map((e) => e.message)).toEqual(['missing/dir: no such file or directory']);
    expect(errors[0]?.position).toBeUndefined();
  });

  it('reports a directory without export files, a file of another type, and all bad paths at once', async () => {
    const errors = await inputErrorsOf(() => discoverFiles(['empty', 'data.txt', 'nope.yaml', 'export'], { cwd: tmp }));
    expect(errors.map((e) => e.message)).toEqual([
      'empty: no export files (*.yaml, *.yml, *.json) in this directory',
      'data.txt: not an export file (expected a .yaml, .yml or .json file)',
      'nope.yaml: no such file or directory',
    ]);
  });

  it('requires at least one path', async () => {
    const errors = await inputErrorsOf(() => discoverFiles([]));
    expect(errors[0]?.message).toBe('no export files or directories given');
  });

  it('reports a file that cannot be read by name', async () => {
    const errors = await inputErrorsOf(() => readExportFile('export', { cwd: tmp }));
    expect(errors.map((e) => e.message)).toEqual(['export: cannot read the file (is a directory)']);
  });
});

describe('loadExport', () => {
  it('loads a directory of mixed YAML and JSON files', async () => {
    const merged = await loadExport(['multi'], { cwd: FIXTURES });
    expect(merged.sections).toEqual({
      groups: true,
      environments: true,
      dlpPolicies: true,
      flows: true,
      apps: true,
      tenant: true,
      externalCollaboration: true,
      users: true,
    });
    expect(merged.users?.map((u) => u.id)).toEqual(['u-alice', 'u-guest']);
    expect(merged.tenant?.displayName).toBe('Contoso');
  });

  it('reports parse errors of every file together, then stops', async () => {
    const errors = await inputErrorsOf(() => loadExport(['bad/trailing-comma.json', 'bad/duplicate-key.yaml', 'multi/users.yaml'], { cwd: FIXTURES }));
    expect(errors.map((e) => e.message)).toEqual([
      "bad/trailing-comma.json:5:3: invalid JSON: expected a value but found ']' (trailing comma?)",
      'bad/duplicate-key.yaml:6:5: duplicate key "id" (first defined at line 3, column 5)',
    ]);
  });

  it('reports schema errors before merging', async () => {
    const errors = await inputErrorsOf(() => loadExport(['bad/version-2.json', 'multi/.hidden.yaml', 'multi/users.yaml'], { cwd: FIXTURES }));
    expect(errors.map((e) => e.message)).toEqual([
      'bad/version-2.json:2:20: unsupported schemaVersion 2 (this version of shareguard reads schemaVersion 1)',
      'multi/.hidden.yaml:1:16: unsupported schemaVersion 2 (this version of shareguard reads schemaVersion 1)',
    ]);
  });
});
