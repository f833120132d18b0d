import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControlMetadata } from '../../../src/engine/bundle.js';
import { checkCustomPolicies } from '../../../src/policy/contract.js';
import type { AnnotationEntry, Inspection } from '../../../src/policy/metadata.js';
import type { SourceFile } from '../../../src/policy/sources.js';

// The contract checks what opa inspect reports; here the reports are written by hand, so no opa is needed.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-contract-'));

function source(staged: string, text: string): SourceFile {
  const absolute = path.join(dir, staged.replace(/\//g, '_'));
  fs.writeFileSync(absolute, text);
  return { staged, absolute, shown: `mine/${staged.split('/').slice(2).join('/')}`, test: false };
}

function annotation(pkg: string, file: string, row: number, annotations: AnnotationEntry['annotations']): AnnotationEntry {
  return { annotations: { scope: 'package', ...annotations }, location: { file, row, col: 1 }, path: ['data', ...pkg.split('.')].map((value, i) => ({ type: i === 0 ? 'var' : 'string', value })) };
}

const METADATA = (id: string) => `# METADATA\n# title: T\n# custom:\n#   id: ${id}\n#   severity: low\n#   sections: [flows]\n#   remediation: R\npackage shareguard.custom.x\n\nfindings contains 1 if true\n`;
const GOOD = { title: 'T', custom: { id: 'ACME-01', severity: 'low', sections: ['flows'], remediation: 'R' } };

describe('checkCustomPolicies', () => {
  it('turns a control\'s METADATA into the manifest\'s, with defaults for what is optional', () => {
    const file = source('custom/1/x.rego', METADATA('ACME-01'));
    const inspection: Inspection = { namespaces: { 'data.shareguard.custom.x': ['custom/1/x.rego'] }, annotations: [annotation('shareguard.custom.x', 'custom/1/x.rego', 8, GOOD)] };
    const { controls, errors } = checkCustomPolicies(inspection, [file], []);
    expect(errors).toEqual([]);
    expect(controls).toEqual([
      {
        id: 'ACME-01', title: 'T', description: 'T', severity: 'low', area: 'custom', sections: ['flows'], params: {}, remediation: 'R',
        references: [], relatedResources: [], package: 'shareguard.custom.x', entrypoint: 'shareguard/entrypoints/custom/x/result', origin: 'custom',
      },
    ]);
  });

  it('refuses an id a control of the build already has, ignoring case', () => {
    const file = source('custom/1/y.rego', METADATA('acme-01'));
    const inspection: Inspection = { namespaces: { 'data.shareguard.custom.x': ['custom/1/y.rego'] }, annotations: [annotation('shareguard.custom.x', 'custom/1/y.rego', 8, { ...GOOD, custom: { ...GOOD.custom, id: 'acme-01' } })] };
    const taken = [{ id: 'ACME-01', package: 'shareguard.controls.a.b' } as ControlMetadata];
    const { errors } = checkCustomPolicies(inspection, [file], taken);
    expect(errors.map((e) => e.message)).toEqual(['mine/y.rego:4:5: METADATA of shareguard.custom.x: custom.id acme-01 is already the id of shareguard.controls.a.b (a built-in control): ids must be unique']);
  });

  it('refuses package METADATA given twice for one package', () => {
    const a = source('custom/1/a.rego', METADATA('ACME-01'));
    const b = source('custom/1/b.rego', METADATA('ACME-02'));
    const inspection: Inspection = {
      namespaces: { 'data.shareguard.custom.x': ['custom/1/a.rego', 'custom/1/b.rego'] },
      annotations: [annotation('shareguard.custom.x', 'custom/1/a.rego', 8, GOOD), annotation('shareguard.custom.x', 'custom/1/b.rego', 8, { ...GOOD, custom: { ...GOOD.custom, id: 'ACME-02' } })],
    };
    const { errors, controls } = checkCustomPolicies(inspection, [a, b], []);
    expect(controls).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(['mine/b.rego:1:1: shareguard.custom.x has package METADATA in two places (first at mine/a.rego:1): keep one']);
  });

  it('finds a findings rule written with a default, and ignores a rule merely named like it', () => {
    const withDefault = source('custom/1/d.rego', 'package shareguard.custom.d\n\ndefault findings := set()\n');
    const lookalike = source('custom/1/e.rego', 'package shareguard.custom.e\n\nfindings_helper := 1\n');
    const inspection: Inspection = { namespaces: { 'data.shareguard.custom.d': ['custom/1/d.rego'], 'data.shareguard.custom.e': ['custom/1/e.rego'] } };
    const { errors } = checkCustomPolicies(inspection, [withDefault, lookalike], []);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^mine\/d\.rego:1:1: shareguard\.custom\.d defines findings but has no package METADATA/)]);
  });

  it('takes custom.reads into the manifest, and refuses one that does not map users to a list of field names', () => {
    const file = source('custom/1/r.rego', METADATA('ACME-01'));
    const check = (reads: unknown) =>
      checkCustomPolicies({ namespaces: { 'data.shareguard.custom.x': ['custom/1/r.rego'] }, annotations: [annotation('shareguard.custom.x', 'custom/1/r.rego', 8, { ...GOOD, custom: { ...GOOD.custom, reads } })] }, [file], []);
    expect(check({ users: ['displayName', 'userType'] }).controls[0]!.reads).toEqual({ users: ['displayName', 'userType'] });
    expect(check({ users: [] }).controls[0]!.reads).toEqual({ users: [] });
    for (const bad of [['displayName'], { groups: ['members'] }, { users: 'displayName' }, { users: [''] }]) {
      expect(check(bad).errors.map((e) => e.detail)).toEqual([expect.stringMatching(/^METADATA of shareguard\.custom\.x: custom\.reads .* must map users to the list of fields/)]);
    }
  });

  it('reports a malformed id, references and area, and a paramSchema for no parameter', () => {
    const file = source('custom/1/z.rego', METADATA('1-BAD'));
    const custom = { ...GOOD.custom, id: '1-BAD', references: 'CIS 1.2', area: 'Finance Dept', params: { max: 3 }, paramSchema: { min: { type: 'integer' } } };
    const inspection: Inspection = { namespaces: { 'data.shareguard.custom.x': ['custom/1/z.rego'] }, annotations: [annotation('shareguard.custom.x', 'custom/1/z.rego', 8, { ...GOOD, custom })] };
    const messages = checkCustomPolicies(inspection, [file], []).errors.map((e) => e.detail);
    expect(messages).toEqual([
      expect.stringContaining('custom.id "1-BAD" is not a control id'),
      'METADATA of shareguard.custom.x: custom.references must be a list of strings',
      'METADATA of shareguard.custom.x: custom.area "Finance Dept" must be a lower-case word (e.g. finance)',
      'METADATA of shareguard.custom.x: custom.paramSchema.min describes no parameter (custom.params has no min)',
    ]);
  });
});
