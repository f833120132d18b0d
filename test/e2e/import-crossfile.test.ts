import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = 'test/fixtures/import';
const NORTHWIND = `${FIXTURES}/crossfile/northwind-raw`;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-import-crossfile-'));

type ScanJson = {
  findings: { controlId: string; resource: { id: string }; principal?: { id: string }; message: string }[];
  summary: { notEvaluated: { section: string; controls: string[]; reason: string }[] };
};

/** Imports `input` into a new folder (exit 0 expected) and returns the folder and what import printed. */
function importInto(input: string): { out: string; stdout: string } {
  const out = path.join(tmp(), 'export');
  const r = runCli(['import', input, '--out', out]);
  expect(r.stderr, input).toBe('');
  expect(r.code, input).toBe(0);
  return { out, stdout: r.stdout };
}

/** A scan of an import's export: never refused (exit 2), whatever the raw data disagreed about. */
function scan(out: string): ScanJson {
  const r = runCli(['scan', out, '--as-of', AS_OF, '--output', 'json']);
  expect(r.stderr, out).toBe('');
  expect([0, 1], out).toContain(r.code);
  return JSON.parse(r.stdout) as ScanJson;
}

describe('import → scan: raw responses that disagree with each other', () => {
  const { out, stdout } = importInto(NORTHWIND);

  it('imports, printing each warning at its raw file and line and each ignored file', () => {
    expect(stdout).toMatch(/warnings \(7; recorded in the export's collection\.warnings\):/);
    expect(stdout).toMatch(/roleAssignments\.json:\d+:\d+: directory role\(s\) Application Administrator assigned to d4f6b8c0-5e7a-4c9d-9f3b-4d6e8f0a2b54, which is not in the users listing/);
    expect(stdout).toMatch(/permissions\.json:\d+:\d+: app "Field Inspections" \(3d4e5f60-1e3a-4cf3-9f9b-0d2e4f6a8b1a\): user b2d4f6a8-3c5e-4a7b-9d1f-2b4c6d8e0f32 is Owner in the app's permissions/);
    expect(stdout).toContain(`${path.join(NORTHWIND, 'powerplatform/governance/policies.json')}:1:1: ignored: not a file of the raw layout (did you mean powerplatform/governance/v2/policies.json?)`);
    expect(stdout).toContain('groups[].allowToAddGuests: not collected for 1 of 2 Microsoft 365 group(s)');
  });

  it('scans without refusing the export, listing every warning that limits a section under "Not evaluated"', () => {
    const result = scan(out);
    const reasons = (section: string) => result.summary.notEvaluated.filter((n) => n.section === section).map((n) => n.reason);
    expect(reasons('users[].directoryRoles')).toHaveLength(3);
    for (const r of reasons('users[].directoryRoles')) expect(r).toMatch(/^import warning: .*\(.*roleAssignments\.json:\d+:\d+\)$/);
    expect(reasons('apps[].ownerId')).toEqual([expect.stringMatching(/^import warning: app "Field Inspections" .*permissions\.json:\d+:\d+\)$/)]);
    expect(reasons('groups[].allowToAddGuests')).toEqual([expect.stringMatching(/^not collected for 1 of 2 Microsoft 365 group\(s\)/)]);
    expect(result.summary.notEvaluated.map((n) => n.reason).join('\n')).not.toContain('ignored:');
  });

  it('lets the second app Owner, kept as a CanEdit share, reach the sharing control', () => {
    const finding = scan(out).findings.find((f) => f.controlId === 'SG-APP-01' && f.principal?.id === 'b2d4f6a8-3c5e-4a7b-9d1f-2b4c6d8e0f32');
    expect(finding?.message).toContain('can edit app "Field Inspections" (CanEdit directly)');
    const text = runCli(['scan', out, '--as-of', AS_OF]);
    expect(text.stdout).toMatch(/Not evaluated\n(.*\n)*  apps\[\]\.ownerId: import warning: app "Field Inspections"/);
  });

  it('every import fixture imports to an export that scan accepts', () => {
    for (const input of [`${FIXTURES}/contoso-raw`, `${FIXTURES}/fabrikam-raw`, `${FIXTURES}/scubagear/ProviderSettingsExport.json`, NORTHWIND]) scan(importInto(input).out);
  });
});

describe('import: input it refuses, writing nothing (exit 2)', () => {
  it('a folder holding nothing the layout knows', () => {
    const target = path.join(tmp(), 'never');
    const r = runCli(['import', `${FIXTURES}/crossfile/nothing-known`, '--out', target]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^test\/fixtures\/import\/crossfile\/nothing-known: nothing a control can use was imported: .*graph\/users\.json \(not a file of the raw layout \(did you mean graph\/v1\.0\/users\.json\?\)\)/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('invalid JSON in a file no section reads', () => {
    const raw = path.join(tmp(), 'raw');
    fs.cpSync(path.join(ROOT, NORTHWIND), raw, { recursive: true });
    fs.writeFileSync(path.join(raw, 'powerplatform/governance/policies.json'), '{"value": [');
    const target = path.join(tmp(), 'never');
    const r = runCli(['import', raw, '--out', target]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`${path.join(raw, 'powerplatform/governance/policies.json')}:1:`)).toBe(true);
    expect(r.stderr).toContain('invalid JSON');
    expect(fs.existsSync(target)).toBe(false);
  });
});
