import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src/import/index.js';
import { byId, copyFixture, FABRIKAM, IMPORT_FIXTURES, imported, inputErrors, setFile } from './helpers.js';

const SCUBA = path.join(IMPORT_FIXTURES, 'scubagear/ProviderSettingsExport.json');
const TENANT = '6a2c4e8f-0b1d-4f3a-9c5e-7b9d1f3a5c7e';

describe('import: a ScubaGear provider export', () => {
  const result = importExport(SCUBA);
  const doc = result.imported.document as Record<string, any>;
  const missing = (section: string) => doc.collection.missing.find((m: { section: string }) => m.section === section);

  it('is recognised by its content, whatever its name', () => {
    expect(result.kind).toBe('scubagear');
    const dir = copyFixture(path.dirname(SCUBA));
    fs.renameSync(path.join(dir, 'ProviderSettingsExport.json'), path.join(dir, 'scuba-2026-11.json'));
    expect(importExport(dir).kind).toBe('scubagear');
  });

  it('maps the tenant from tenant_id and tenant_details', () => {
    expect(doc.tenant).toEqual({ id: TENANT, displayName: 'Tailspin Toys', initialDomain: 'tailspintoys.onmicrosoft.com', verifiedDomains: ['tailspintoys.com'], exportedAt: '2026-11-28T12:02:19.504Z' });
  });

  it('reads the authorization policy in PowerShell casing, with "True" strings', () => {
    expect(doc.externalCollaboration).toMatchObject({ guestUserAccess: 'limited', allowInvitesFrom: 'everyone', allowEmailVerifiedUsersToJoinOrganization: true });
  });

  it('reads Group.Unified from directory_settings', () => {
    expect(doc.externalCollaboration.m365Groups).toEqual({ allowToAddGuests: false, allowGuestsToAccessGroups: true });
  });

  it('reads environment_creation, environment_list and dlp_policies ([{ value: [] }]), turning /Date(…)/ into ISO 8601', () => {
    expect(doc.powerPlatform.tenantSettings).toMatchObject({ enableGuestsToMake: true, disableShareWithEveryone: false });
    expect(doc.environments).toEqual([
      { id: `Default-${TENANT}`, displayName: 'Tailspin Toys (default)', type: 'Default', roleAssignments: null },
      { id: '3e5a7c9e-1b3d-4f5a-8c7e-9b1d3f5a7c9e', displayName: 'Tailspin Operations', type: 'Production', roleAssignments: null },
    ]);
    // Neither SecurityGroupId nor Internal: which group guards them is not known (never "none").
    expect(missing('environments[].securityGroupId')?.reason).toMatch(/names none \(no SecurityGroupId, no Internal object\)/);
    expect(doc.dlpPolicies).toEqual([
      {
        id: '9c1e3a5c-7e9a-4c1e-b3a5-c7e9a1c3e5a7',
        displayName: 'Default environment guardrails',
        environmentType: 'OnlyEnvironments',
        environments: [`Default-${TENANT}`],
        connectorGroups: { business: ['shared_sharepointonline'], nonBusiness: ['shared_rss'], blocked: ['shared_twitter'] },
        defaultConnectorClassification: 'nonBusiness',
        createdTime: '2021-02-18T20:14:04Z',
        lastModifiedTime: '2024-11-28T11:00:00Z',
      },
    ]);
  });

  it('records every section it lacks as not collected, users with the reason', () => {
    expect(doc).not.toHaveProperty('users');
    expect(missing('users').reason).toMatch(/only privileged users \(2\)/);
    for (const s of ['groups', 'flows', 'apps', 'externalCollaboration.invitationDomains', 'externalCollaboration.crossTenantAccess', 'environments[].roleAssignments']) {
      expect(missing(s)?.reason, s).toBe('not collected: a ScubaGear provider export does not hold it');
    }
    expect(doc.collection.source).toBe('ScubaGear 1.5.1 provider export');
  });

  it('puts privileged roles on the users of Graph responses beside it when their role assignments were not collected', () => {
    const dir = copyFixture(FABRIKAM);
    setFile(dir, 'graph/v1.0/roleManagement/directory/roleAssignments.json', undefined);
    const scuba = JSON.parse(fs.readFileSync(SCUBA, 'utf8'));
    scuba.privileged_users = {
      'b41d7f3e-2a9c-4e61-8f05-3c7a9d2e6b18': { DisplayName: 'Megan Bowen', OnPremisesImmutableId: null, roles: ['Global Administrator'] },
      '5a0f8e2b-7c64-4d39-b1e8-a2d6c9f04e71': { DisplayName: 'Lena Fischer', OnPremisesImmutableId: null, roles: ['Guest Inviter'] },
    };
    scuba.privileged_roles = [];
    setFile(dir, 'ProviderSettingsExport.json', JSON.stringify(scuba));
    const combined = imported(dir);
    expect(byId(combined.users, '5a0f8e2b-7c64-4d39-b1e8-a2d6c9f04e71').directoryRoles).toEqual(['Guest Inviter']);
    expect(byId(combined.users, 'c83b6e1f-9d27-4a05-8e4c-7b1a3f6d2e90').directoryRoles).toEqual([]);
    expect(combined.tenant.id).toBe('3f9e2a61-4c1d-4b8e-9a27-6d05c8e1b4f2');
    expect(combined.collection.missing.find((m: { section: string }) => m.section === 'users[].directoryRoles')).toBeUndefined();
    expect(combined.externalCollaboration.guestUserAccess).toBe('restricted');
  });

  it('an unknown GuestUserRoleId is an input error naming the place', () => {
    const dir = copyFixture(path.dirname(SCUBA));
    const text = fs.readFileSync(SCUBA, 'utf8').replace('"GuestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3"', '"GuestUserRoleId": "00000000-0000-0000-0000-000000000001"');
    setFile(dir, 'ProviderSettingsExport.json', text);
    expect(inputErrors(() => importExport(path.join(dir, 'ProviderSettingsExport.json')))[0]).toMatch(/ProviderSettingsExport\.json:\d+:\d+: \$\.authorization_policies\[0\]\.GuestUserRoleId: unknown guestUserRoleId/);
  });

  it('reads SPO_tenant as the PowerShell source reads Get-SPOTenant: a value it does not know is a warning and unknown, a missing list unknown', () => {
    // ScubaGear 1.7's published export, with SharingCapability given a value SharePoint does not have and the
    // allowed-domains list taken out.
    const real = path.resolve(import.meta.dirname, '../../fixtures/real/scubagear/1.7.0-provider-2026-05-01-458dd7f.json.gz');
    const root = JSON.parse(zlib.gunzipSync(fs.readFileSync(real)).toString('utf8').replace(/^\uFEFF/, ''));
    const tenant = Array.isArray(root.SPO_tenant) ? root.SPO_tenant[0] : root.SPO_tenant;
    tenant.SharingCapability = 7;
    delete tenant.SharingAllowedDomainList;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-scuba-spo-'));
    fs.writeFileSync(path.join(dir, 'ProviderSettingsExport.json'), JSON.stringify(root));
    const doc = importExport(path.join(dir, 'ProviderSettingsExport.json')).imported.document as Record<string, any>;
    fs.rmSync(dir, { recursive: true, force: true });
    expect(doc.sharePoint.sharingCapability).toBeNull();
    expect(doc.sharePoint.sharingAllowedDomains).toBeNull();
    const missing = new Set(doc.collection.missing.map((m: { section: string }) => m.section));
    expect(missing.has('sharePoint.sharingCapability')).toBe(true);
    expect(missing.has('sharePoint.sharingAllowedDomains')).toBe(true);
    const warnings = doc.collection.warnings as { section: string; message: string }[];
    expect(warnings.find((w) => w.section === 'sharePoint.sharingCapability')?.message).toMatch(/unknown SharingCapability 7 .*kept as unknown/);
  });
});
