import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { byId, copyFixture, CONTOSO_RAW, imported, inputErrors, setFile } from './helpers.js';

/**
 * Power Platform cmdlet output saved with ConvertTo-Json at its default depth, as admins save it: the objects
 * are the real ones ScubaGear 1.6 and 1.7 saved (test/fixtures/real/scubagear, CC0), put where the raw layout
 * expects Get-AdminPowerAppEnvironment's and Get-TenantSettings' output.
 */
const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/real/scubagear');
const published = (name: string) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(CORPUS, `${name}.json.gz`))).toString('utf8').replace(/^\uFEFF/, ''));

const v16 = published('1.6.0-provider-2025-04-16-d8864e9');
const v17 = published('1.7.0-provider-2026-04-22-131dc5a');

function rawFolder(): string {
  const dir = copyFixture(CONTOSO_RAW);
  setFile(dir, 'powerplatform/bap/environments.json', JSON.stringify(v16.environment_list, null, 2));
  setFile(dir, 'powerplatform/bap/tenantSettings.json', JSON.stringify(v17.environment_creation[0], null, 2));
  // The cmdlet environments are of another tenant than Contoso's flows and apps: keep only the Power Platform
  // sections this test is about.
  fs.rmSync(path.join(dir, 'powerplatform/flow'), { recursive: true, force: true });
  fs.rmSync(path.join(dir, 'powerplatform/powerapps'), { recursive: true, force: true });
  fs.rmSync(path.join(dir, 'powerplatform/bap/environments'), { recursive: true, force: true });
  return dir;
}

describe('import: Power Platform cmdlet output (ConvertTo-Json, default depth)', () => {
  it('reads Get-AdminPowerAppEnvironment objects by their top-level facts, whatever Internal.properties lost', () => {
    expect(typeof v16.environment_list[0].Internal.properties).toBe('string');
    const doc = imported(rawFolder());
    expect(doc.environments.map((e: Record<string, unknown>) => [e.id, e.displayName, e.type])).toEqual([
      ['407cbeff-b477-e3b4-9ca7-097888a9ec4e', 'Test-NonDefault', 'Sandbox'],
      ['7ca609ea-489e-e863-9a4c-777cac1aaf8b', 'TestStagingEnv-NonDefault', 'Developer'],
      ['Default-d6a2a21e-0745-46c1-91ea-5b4172ca8421', 'tqhjy (default)', 'Default'],
    ]);
    // SecurityGroupId at the top level is known; linkedEnvironmentMetadata= in the @{…} text is not.
    expect(byId(doc.environments, '407cbeff-b477-e3b4-9ca7-097888a9ec4e').securityGroupId).toBe('f13e38d1-c8bb-486e-aa73-f0383d04050d');
    expect(byId(doc.environments, '7ca609ea-489e-e863-9a4c-777cac1aaf8b')).not.toHaveProperty('securityGroupId');
    const missing = doc.collection.missing.find((m: { section: string }) => m.section === 'environments[].securityGroupId');
    expect(missing.reason).toMatch(/re-save with -Depth 10/);
  });

  it('reads Get-TenantSettings whose powerPlatform groups are @{…} text', () => {
    expect(v17.environment_creation[0].powerPlatform.powerApps).toMatch(/^@\{disableShareWithEveryone=True; enableGuestsToMake=False;/);
    const doc = imported(rawFolder());
    expect(doc.powerPlatform.tenantSettings).toMatchObject({ enableGuestsToMake: false, disableShareWithEveryone: true, disableTrialEnvironmentCreationByNonAdminUsers: true });
  });

  it('records the switches as not collected when powerApps was lost entirely (an empty string)', () => {
    const dir = rawFolder();
    const settings = structuredClone(v17.environment_creation[0]);
    settings.powerPlatform.powerApps = '';
    setFile(dir, 'powerplatform/bap/tenantSettings.json', JSON.stringify(settings));
    const doc = imported(dir);
    expect(doc.powerPlatform.tenantSettings.enableGuestsToMake).toBeNull();
    expect(doc.collection.missing.map((m: { section: string }) => m.section)).toContain('powerPlatform.tenantSettings.enableGuestsToMake');
  });

  it('refuses @{…} text it cannot read back, at its line, with the re-save hint', () => {
    const dir = rawFolder();
    const list = structuredClone(v16.environment_list);
    delete list[0].EnvironmentName;
    list[0].Internal.properties = '@{displayName=x; environmentSku=@{a=1}';
    setFile(dir, 'powerplatform/bap/environments.json', JSON.stringify(list, null, 2));
    const [message] = inputErrors(() => imported(dir));
    expect(message).toMatch(/environments\.json:\d+:\d+: \$\[0\]\.Internal\.properties: properties is PowerShell's @\{…\} text .*re-save with -Depth 10/);
  });
});
