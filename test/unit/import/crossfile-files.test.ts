import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, nearestLayoutName } from '../../../src/import/assemble.js';
import { importExport, importSummary } from '../../../src/import/index.js';
import { RawDir } from '../../../src/import/raw-dir.js';
import { CONTOSO_RAW, copyFixture, FABRIKAM, IMPORT_FIXTURES, imported, inputErrors, setFile } from './helpers.js';

const NORTHWIND = path.join(IMPORT_FIXTURES, 'crossfile/northwind-raw');
const NOTHING_KNOWN = path.join(IMPORT_FIXTURES, 'crossfile/nothing-known');
const ENV = 'Default-7d3f1a2b-9c4e-4b6d-8e0f-2a4c6e8b0d13';
const ORPHAN_APP = '5f607182-3a5c-4e15-9b1d-2f4a6b8c0d3c';

type Warning = { section: string | null; message: string; source: string };
/** The ignored-file warnings of an import: file (relative to the raw folder) → message. */
function ignoredOf(doc: Record<string, any>, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of doc.collection.warnings as Warning[]) {
    if (w.section !== null || !w.message.startsWith('ignored: ')) continue;
    out[path.relative(root, w.source.replace(/:1:1$/, '')).split(path.sep).join('/') + (w.source.endsWith('/') ? '/' : '')] = w.message;
  }
  return out;
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('import: files the import did not read', () => {
  it('lists each as ignored (section null, at the file), with the nearest layout name when there is a close one', () => {
    const doc = imported(NORTHWIND);
    expect(ignoredOf(doc, NORTHWIND)).toEqual({
      'README.md': 'ignored: not a JSON response; only the .json files of the raw layout are read',
      'powerplatform/governance/policies.json': 'ignored: not a file of the raw layout (did you mean powerplatform/governance/v2/policies.json?)',
      [`powerplatform/powerapps/environments/${ENV}/apps/${ORPHAN_APP}/permissions.json`]:
        'ignored: the app shares of an object that no saved listing includes (deleted since, saved from another run, or its listing was not saved), so nothing read it',
    });
    const readme = (doc.collection.warnings as Warning[]).find((w) => w.message.startsWith('ignored: not a JSON'));
    expect(readme).toEqual({ section: null, message: expect.any(String), source: `${path.join(NORTHWIND, 'README.md')}:1:1` });
  });

  it('prints them in the import summary', () => {
    const result = importExport(NORTHWIND);
    const summary = importSummary('imported', result.imported);
    expect(summary).toContain(`  ${path.join(NORTHWIND, 'powerplatform/governance/policies.json')}:1:1: ignored: not a file of the raw layout (did you mean powerplatform/governance/v2/policies.json?)`);
  });

  it('ignores nothing in Contoso, and only the README in Fabrikam', () => {
    expect(ignoredOf(imported(CONTOSO_RAW), CONTOSO_RAW)).toEqual({});
    expect(Object.keys(ignoredOf(imported(FABRIKAM), FABRIKAM))).toEqual(['README.md']);
  });

  it('lists non-JSON files and hidden folders as ignored, not as errors', () => {
    const root = copyFixture(NORTHWIND);
    fs.writeFileSync(path.join(root, 'graph/.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49, 0, 0, 16, 0]));
    fs.mkdirSync(path.join(root, '.git/objects'), { recursive: true });
    fs.writeFileSync(path.join(root, '.git/objects/broken.json'), '{ not json');
    const ignored = ignoredOf(imported(root), root);
    expect(ignored['graph/.DS_Store']).toBe('ignored: not a JSON response; only the .json files of the raw layout are read');
    expect(ignored['.git/']).toBe('ignored: a hidden folder (tool state, not looked into)');
    expect(Object.keys(ignored).some((k) => k.startsWith('.git/objects'))).toBe(false);
  });

  it('says why a file of the layout went unread: a page no earlier page links to, a listing whose companion is absent', () => {
    const root = copyFixture(NORTHWIND);
    setFile(root, 'graph/v1.0/users.3.json', JSON.stringify({ value: [] }));
    setFile(root, 'graph/v1.0/roleManagement/directory/roleDefinitions.json', JSON.stringify({ value: [] }));
    fs.rmSync(path.join(root, 'graph/v1.0/users.json'));
    fs.rmSync(path.join(root, 'graph/v1.0/users'), { recursive: true });
    const ignored = ignoredOf(imported(root), root);
    expect(ignored['graph/v1.0/users.3.json']).toBe('ignored: page 3 of users, but no earlier page links to it (left from another run?)');
    expect(ignored['graph/v1.0/roleManagement/directory/roleAssignments.json']).toBe(
      'ignored: the directory role assignments, but what it feeds (users[].directoryRoles) also needs a file that is not here, so nothing read it',
    );
  });
});

describe('import: invalid JSON anywhere in the raw folder', () => {
  it('is an error naming the file and place, even in a file no section reads', () => {
    const root = copyFixture(NORTHWIND);
    setFile(root, 'powerplatform/governance/policies.json', '{"value": [\n  {"name": "Company data"\n');
    const errors = inputErrors(() => importExport(root));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${escape(path.join(root, 'powerplatform/governance/policies.json'))}:\\d+:\\d+: invalid JSON`));
  });

  it('reports every broken file at once, and an HTML page as such', () => {
    const root = copyFixture(NORTHWIND);
    setFile(root, 'exports/old/users.json', '{"value": [');
    setFile(root, `powerplatform/powerapps/environments/${ENV}/apps/${ORPHAN_APP}/permissions.json`, '<!DOCTYPE html><html><body>Sign in</body></html>');
    const errors = inputErrors(() => importExport(root));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(new RegExp(`^${escape(path.join(root, 'exports/old/users.json'))}:\\d+:\\d+: invalid JSON`));
    expect(errors[1]).toBe(`${path.join(root, `powerplatform/powerapps/environments/${ENV}/apps/${ORPHAN_APP}/permissions.json`)}:1:1: this is an HTML page, not a JSON response (an error or sign-in page saved in its place?)`);
  });

  it('does not parse files that are not .json', () => {
    const root = copyFixture(NORTHWIND);
    setFile(root, 'notes.txt', '{ this is not JSON and is not meant to be');
    expect(ignoredOf(imported(root), root)['notes.txt']).toMatch(/^ignored: not a JSON response/);
  });
});

describe('import: the nearest layout name', () => {
  const raw = new RawDir(NORTHWIND);
  it('fills placeholders with the names actually there, so that only the misspelt part counts', () => {
    expect(nearestLayoutName(raw, 'graph/v1.0/user.json')).toBe('graph/v1.0/users.json');
    expect(nearestLayoutName(raw, 'graph/v1.0/users.2.JSON')).toBe('graph/v1.0/users.2.json');
    expect(nearestLayoutName(raw, `powerplatform/powerapps/environment/${ENV}/apps.json`)).toBe(`powerplatform/powerapps/environments/${ENV}/apps.json`);
    expect(nearestLayoutName(raw, `powerplatform/flow/environments/${ENV}/flows.json`)).toBe(`powerplatform/flow/environments/${ENV}/v2/flows.json`);
    expect(nearestLayoutName(raw, 'graph/v1.0/groups/f6b8d0e2-7a9c-4ebf-9b5d-6f8a0b2c4d76/setting.json')).toBe('graph/v1.0/groups/f6b8d0e2-7a9c-4ebf-9b5d-6f8a0b2c4d76/settings.json');
  });

  it('suggests nothing for a name far from every layout file', () => {
    expect(nearestLayoutName(raw, 'README.md')).toBeUndefined();
    expect(nearestLayoutName(raw, 'notes/meeting.json')).toBeUndefined();
  });

  it('measures edits one character at a time', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('import: nothing a control can use', () => {
  it('a folder without any file of the layout is an input error naming it, what was looked for and what was found', () => {
    const errors = inputErrors(() => importExport(NOTHING_KNOWN));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${escape(NOTHING_KNOWN)}: nothing a control can use was imported: no export section could be made from this folder`));
    expect(errors[0]).toContain('looked for graph/v1.0/organization.json, graph/v1.0/users.json,');
    expect(errors[0]).toContain('powerplatform/powerapps/environments/{env}/apps.json; see docs/import.md');
    expect(errors[0]).toContain('found and ignored 2 file(s): README.md (not a JSON response; only the .json files of the raw layout are read); graph/users.json (not a file of the raw layout (did you mean graph/v1.0/users.json?))');
  });

  it('an empty folder, or one holding only what feeds no section of its own, is the same error', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-import-'));
    expect(inputErrors(() => importExport(empty))[0]).toMatch(/nothing a control can use was imported/);
    const rolesOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-import-'));
    fs.cpSync(path.join(NORTHWIND, 'graph/v1.0/roleManagement'), path.join(rolesOnly, 'graph/v1.0/roleManagement'), { recursive: true });
    setFile(rolesOnly, 'collection.json', JSON.stringify({ tool: 'shareguard collect', collectedAt: '2026-12-01T06:00:00Z', missing: [] }));
    expect(inputErrors(() => importExport(rolesOnly))[0]).toMatch(/nothing a control can use was imported.*found and ignored 1 file\(s\): graph\/v1\.0\/roleManagement\/directory\/roleAssignments\.json/);
  });

  it('an empty listing is data: a folder with only an empty users listing imports', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-import-'));
    setFile(root, 'graph/v1.0/users.json', JSON.stringify({ value: [] }));
    expect(imported(root).users).toEqual([]);
  });

  it('a ScubaGear-like export that yields no section is an input error naming the file and what was looked for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-import-'));
    const file = path.join(dir, 'ProviderSettingsExport.json');
    fs.writeFileSync(file, JSON.stringify({ module_version: '1.5.1', baseline_version: '1', timestamp_zulu: '2026-12-01T06:00:00Z', privileged_users: {} }));
    const errors = inputErrors(() => importExport(file));
    expect(errors).toEqual([
      `${file}: nothing a control can use was imported: this ScubaGear provider export yields no export section: it holds none of tenant_id with tenant_details, authorization_policies, directory_settings, environment_creation, environment_list, dlp_policies, SPO_tenant, client_configuration, federation_configuration, meeting_policies`,
    ]);
    expect(inputErrors(() => importExport(dir))).toEqual(errors);
  });

  it('the ScubaGear fixture still imports, and raw responses beside it are checked like a raw folder', () => {
    expect(importExport(path.join(IMPORT_FIXTURES, 'scubagear/ProviderSettingsExport.json')).kind).toBe('scubagear');
    const dir = copyFixture(FABRIKAM);
    fs.copyFileSync(path.join(IMPORT_FIXTURES, 'scubagear/ProviderSettingsExport.json'), path.join(dir, 'ProviderSettingsExport.json'));
    const doc = importExport(dir).imported.document as Record<string, any>;
    expect(Object.keys(ignoredOf(doc, dir))).toEqual(['README.md']);
  });
});
