import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import AjvModule from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { importExport } from '../../../src/import/index.js';
import type { MergedExport } from '../../../src/load/types.js';
import type { NormalisedTenant } from '../../../src/model/types.js';
import { normaliseTenant } from '../../../src/model/normalise.js';
import { loadTenant } from '../../../src/scan.js';
import { ROOT } from '../../helpers/cli.js';

/**
 * schemas/data-tenant.schema.json describes what the normaliser produces. opa checks only field names (and
 * only where an object lists properties), so this is where the schema is held to the data: the normalised
 * tenant of every example export and of every real-corpus import must validate against it.
 */
type Schema = Record<string, any>;
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/data-tenant.schema.json'), 'utf8')) as Schema;
const EXPORT_SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/tenant.schema.json'), 'utf8')) as Schema;
// Draft-07 (the draft opa's schema loader reads): ajv's default class.
const validate = new AjvModule.default({ strict: true, allErrors: true, allowUnionTypes: true }).compile(SCHEMA);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-data-tenant-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The validation errors of a normalised tenant, as "path: message" lines (none when it validates). */
function errorsOf(tenant: NormalisedTenant): string[] {
  // The id-keyed maps are null-prototype objects; a JSON round trip gives ajv the plain data opa receives.
  if (validate(JSON.parse(JSON.stringify(tenant)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Writes an import's files to a folder of their own, as `shareguard import` does, and loads it. */
async function loadImported(files: Map<string, string>): Promise<NormalisedTenant> {
  const dir = fs.mkdtempSync(path.join(work, 'export-'));
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  return (await loadTenant([dir])).tenant;
}

const exampleDirs = [
  'examples/contoso',
  'examples/clean',
  ...fs
    .readdirSync(path.join(ROOT, 'examples/policies'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const tests = path.join('examples/policies', d.name, 'tests');
      return fs.existsSync(path.join(ROOT, tests)) ? fs.readdirSync(path.join(ROOT, tests)).map((t) => path.join(tests, t)) : [];
    }),
];

const SCUBA = ['test/fixtures/real/scubagear', 'test/fixtures/import/scubagear'];
const scubaFiles = SCUBA.flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.json.gz') && !f.includes('invalid'))
    .map((f) => path.join(dir, f)),
);
const rawDirs = ['test/fixtures/import/contoso-raw', 'test/fixtures/import/fabrikam-raw', 'test/fixtures/import/northwind-noapi', 'test/fixtures/import/crossfile/northwind-raw'];

describe('schemas/data-tenant.schema.json against what the normaliser produces', () => {
  it('finds the examples and the corpus it is meant to cover', () => {
    // contoso, clean and at least the three custom-policy example cases; every published ScubaGear sample.
    expect(exampleDirs.length).toBeGreaterThanOrEqual(5);
    expect(scubaFiles.length).toBeGreaterThanOrEqual(18);
  });

  for (const dir of exampleDirs) {
    it(`validates the normalised ${dir}`, async () => {
      const { tenant } = await loadTenant([path.join(ROOT, dir)]);
      expect(Object.keys(tenant.sections).length).toBeGreaterThan(0);
      expect(errorsOf(tenant)).toEqual([]);
    });
  }

  for (const file of scubaFiles) {
    it(`validates the normalised import of ${path.basename(file)}`, async () => {
      const dir = fs.mkdtempSync(path.join(work, 'scuba-'));
      const name = file.includes('-results-') ? 'ScubaResults_corpus.json' : 'ProviderSettingsExport.json';
      fs.writeFileSync(path.join(dir, name), zlib.gunzipSync(fs.readFileSync(path.join(ROOT, file))));
      const tenant = await loadImported(importExport(path.join(dir, name)).files);
      expect(tenant.sections.tenant).toBe(true);
      expect(errorsOf(tenant)).toEqual([]);
    });
  }

  for (const dir of rawDirs) {
    it(`validates the normalised import of ${dir}`, async () => {
      const tenant = await loadImported(importExport(path.join(ROOT, dir)).files);
      expect(errorsOf(tenant)).toEqual([]);
    });
  }

  it('rejects what the normaliser never produces (the schema can fail)', () => {
    const { tenant } = normaliseTenant({
      files: ['t.yaml'],
      sections: { users: true, groups: true },
      locations: { object: () => undefined, field: () => undefined, setting: () => undefined },
      users: [{ id: 'u1', userPrincipalName: 'ana@contoso.com', userType: 'Member', createdDateTime: '2026-01-01T00:00:00Z' }],
      groups: [{ id: 'g1', displayName: 'G', members: ['u1'] }],
    } as unknown as MergedExport);
    expect(errorsOf(tenant)).toEqual([]);
    const bad = JSON.parse(JSON.stringify(tenant)) as Schema;
    bad.index.countz = {}; // the index is closed
    bad.sections.user = true; // so are the sections
    bad.users.u1.createdDateTimeEpoch = '1767225600'; // an epoch twin is a whole number
    bad.groups.g1.transitiveMembers = 'u1';
    bad.index.flowsByPrincipal.u1 = [{ flowId: 'f1', role: 'creator', principal: 'u1' }];
    const errors = errorsOf(bad as NormalisedTenant).join('\n');
    for (const at of ['/index', '/sections', '/users/u1/createdDateTimeEpoch', '/groups/g1/transitiveMembers', '/index/flowsByPrincipal/u1/0']) expect(errors).toContain(`${at}:`);
  });

  it('names every field the export schema names, so that a policy may read it', () => {
    // opa treats an object that lists properties as closed: a field of tenant.schema.json missing here would
    // be a type error in a control that reads it.
    const missing: string[] = [];
    for (const [name, def] of Object.entries(EXPORT_SCHEMA.$defs as Record<string, Schema>)) {
      if (!def.properties || name === 'collection') continue;
      const ours = SCHEMA.definitions[name] as Schema | undefined;
      for (const field of Object.keys(def.properties)) if (!ours?.properties?.[field]) missing.push(`${name}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('index.userFields names exactly the user fields (so opa checks the name a policy asks about)', () => {
    expect(Object.keys(SCHEMA.properties.index.properties.userFields.properties).sort()).toEqual(Object.keys(SCHEMA.definitions.user.properties).sort());
  });

  it('sections names the sections the loader knows', async () => {
    const { LIST_SECTIONS, OBJECT_SECTIONS } = await import('../../../src/load/types.js');
    expect(Object.keys(SCHEMA.properties.sections.properties).sort()).toEqual([...LIST_SECTIONS, ...OBJECT_SECTIONS].sort());
  });
});
