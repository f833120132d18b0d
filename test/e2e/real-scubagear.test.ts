import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../src/errors.js';
import { importExport } from '../../src/import/index.js';
import { exportFiles } from '../../src/import/write-export.js';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Every ScubaGear export in the real-data corpus (test/fixtures/real/scubagear, see its SOURCES.md) imports,
 * yields the sections its content holds, and scans. The expected values below were read off the published
 * files, not off shareguard's output: environments and DLP policies counted in environment_list and
 * dlp_policies, the two Power Apps switches read in powerPlatform.powerApps (the @{…} text up to 1.7).
 */
const CORPUS = path.join(ROOT, 'test/fixtures/real/scubagear');
const AS_OF = new Date('2026-12-01T00:00:00Z');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-real-scuba-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The published file, as ScubaGear wrote it, in a folder of its own (ScubaGear's own name for it). */
function published(name: string): string {
  const dir = fs.mkdtempSync(path.join(work, 'run-'));
  const file = path.join(dir, name.includes('-results-') ? 'ScubaResults_corpus.json' : 'ProviderSettingsExport.json');
  fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, `${name}.json.gz`))));
  return file;
}

interface Expected {
  environments: number | null;
  dlpPolicies: number | null;
  /** enableGuestsToMake, disableShareWithEveryone; null: the file has no Power Platform settings. */
  powerApps: [boolean, boolean] | null;
  guestUserAccess: 'limited' | 'restricted';
}

const PP_FF: Expected['powerApps'] = [false, false];
const PP_FT: Expected['powerApps'] = [false, true];
const CASES: Record<string, Expected> = {
  '0.2.0-provider-2023-04-19-05cd274': { environments: null, dlpPolicies: null, powerApps: null, guestUserAccess: 'limited' },
  '0.3.0-provider-2026-05-15-45a5be3': { environments: 1, dlpPolicies: 1, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.0.0-provider-2023-11-20-9e05e6b': { environments: 1, dlpPolicies: 2, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.2.0-provider-2024-04-04-46bb93a': { environments: 1, dlpPolicies: 1, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.3.0-provider-2024-06-06-69795d9': { environments: 2, dlpPolicies: 1, powerApps: PP_FF, guestUserAccess: 'limited' },
  '1.4.0-provider-2024-08-12-1153626': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.4.0-results-2024-08-12-dbe1d69': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.5.0-provider-2025-02-12-4627160': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.5.0-results-2025-02-12-2e523e0': { environments: 2, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.6.0-provider-2025-04-16-d8864e9': { environments: 3, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.6.0-provider-2025-07-08-a199d8b': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.6.0-results-2025-07-08-43fd82f': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.7.0-provider-2026-04-22-131dc5a': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.7.0-provider-2026-05-01-458dd7f': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.7.0-results-2026-05-01-4b3a3c6': { environments: 1, dlpPolicies: 1, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.8.0-provider-2026-07-23-33f3de3': { environments: 2, dlpPolicies: 0, powerApps: PP_FT, guestUserAccess: 'limited' },
  '1.8.0-results-2026-06-12-b567573': { environments: null, dlpPolicies: null, powerApps: null, guestUserAccess: 'restricted' },
  '1.8.0-results-2026-07-23-6ed322b': { environments: 2, dlpPolicies: 0, powerApps: PP_FT, guestUserAccess: 'limited' },
};

/** Writes the imported export as `import` would, and scans it. */
async function scanImported(files: Map<string, string>) {
  const dir = fs.mkdtempSync(path.join(work, 'export-'));
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  return scan([dir], { asOf: AS_OF });
}

const findingKeys = (result: Awaited<ReturnType<typeof scan>>) => result.findings.map((f) => `${f.controlId} ${f.resource.kind}:${f.resource.id}`).sort();

describe('real ScubaGear exports (CISA ScubaGear 0.2 to 1.8, published samples and stubs)', () => {
  it('the corpus holds every file SOURCES.md lists, and the test covers each', () => {
    const listed = [...fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8').matchAll(/^\| `([^`]+)\.json\.gz` \|/gm)].map((m) => m[1]);
    const present = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json.gz')).map((f) => f.replace(/\.json\.gz$/, ''));
    expect(listed.sort()).toEqual(present.sort());
    expect(present.filter((f) => !f.includes('invalid')).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: imports the sections it holds, and scans`, async () => {
      const result = importExport(published(name));
      expect(result.kind).toBe('scubagear');
      const doc = result.imported.document as Record<string, any>;
      const missing = new Set(doc.collection.missing.map((m: { section: string }) => m.section));
      expect(doc.tenant.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(doc.externalCollaboration.guestUserAccess).toBe(expected.guestUserAccess);
      expect(doc.externalCollaboration.allowEmailVerifiedUsersToJoinOrganization).toBe(true);
      expect(doc.environments?.length ?? null).toBe(expected.environments);
      expect(doc.dlpPolicies?.length ?? null).toBe(expected.dlpPolicies);
      if (expected.powerApps) {
        expect([doc.powerPlatform.tenantSettings.enableGuestsToMake, doc.powerPlatform.tenantSettings.disableShareWithEveryone]).toEqual(expected.powerApps);
      } else {
        expect(doc).not.toHaveProperty('powerPlatform');
        expect(missing.has('powerPlatform.tenantSettings')).toBe(true);
      }
      for (const section of ['users', 'groups', 'flows', 'apps']) expect(missing.has(section), section).toBe(true);
      // Environments whose security group the file cannot tell are recorded as such, never as "no group".
      for (const env of doc.environments ?? []) {
        if (!('securityGroupId' in env)) expect(missing.has('environments[].securityGroupId')).toBe(true);
      }

      const scanned = await scanImported(result.files);
      // Every file says allowEmailVerifiedUsersToJoinOrganization = True.
      expect(scanned.findings.map((f) => f.controlId)).toContain('SG-COLLAB-05');
      const notEvaluated = scanned.summary.notEvaluated.map((n) => n.section);
      for (const section of ['users', 'groups', 'flows', 'apps']) expect(notEvaluated, section).toContain(section);
    });
  }

  it('a ScubaResults file finds what the same run\'s ProviderSettingsExport.json finds', async () => {
    const pairs = [
      ['1.6.0-provider-2025-07-08-a199d8b', '1.6.0-results-2025-07-08-43fd82f'],
      ['1.7.0-provider-2026-05-01-458dd7f', '1.7.0-results-2026-05-01-4b3a3c6'],
      ['1.8.0-provider-2026-07-23-33f3de3', '1.8.0-results-2026-07-23-6ed322b'],
    ] as const;
    for (const [provider, results] of pairs) {
      const a = await scanImported(importExport(published(provider)).files);
      const b = await scanImported(importExport(published(results)).files);
      expect(a.findings.length, provider).toBeGreaterThan(0);
      expect(findingKeys(b), results).toEqual(findingKeys(a));
      expect(b.summary.notEvaluated.map((n) => n.section)).toEqual(a.summary.notEvaluated.map((n) => n.section));
    }
  });

  it('up to 1.7, the Power Platform settings were @{…} text, and are read back from it', () => {
    const raw = zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, '1.7.0-provider-2026-04-22-131dc5a.json.gz'))).toString('utf8');
    expect(raw).toContain('"powerApps":  "@{disableShareWithEveryone=True; enableGuestsToMake=False;');
    const doc = importExport(published('1.7.0-provider-2026-04-22-131dc5a')).imported.document as Record<string, any>;
    expect(doc.powerPlatform.tenantSettings).toMatchObject({ disableShareWithEveryone: true, enableGuestsToMake: false, disableConnectionSharingWithEveryone: false });
  });

  it('a tenant_id that differs from the directory\'s is kept as a warning at its line, never silently', () => {
    const result = importExport(published('1.6.0-provider-2025-04-16-d8864e9'));
    const doc = result.imported.document as Record<string, any>;
    expect(doc.tenant.id).toBe('e4824fa4-0bb9-4759-ab1f-ca5191c5f792');
    expect(doc.collection.warnings).toEqual([expect.objectContaining({ section: null, source: expect.stringMatching(/ProviderSettingsExport\.json:\d+:\d+$/), message: expect.stringContaining('tenant_id d6a2a21e-0745-46c1-91ea-5b4172ca8421') })]);
  });

  it('the two files that are invalid JSON in their source are refused at their line, naming the file', () => {
    const refused = (name: string) => {
      try {
        importExport(published(name));
      } catch (e) {
        expect(e instanceof InputError || e instanceof InputErrors).toBe(true);
        return (e as Error).message;
      }
      throw new Error(`${name} was accepted`);
    };
    expect(refused('1.5.0-results-invalid-2025-01-22-34271bd')).toMatch(/ScubaResults_corpus\.json:24:1: invalid JSON/);
    expect(refused('1.8.0-provider-invalid-2026-05-11-e6fc6fd')).toMatch(/ProviderSettingsExport\.json:46:38: invalid JSON/);
  });
});
