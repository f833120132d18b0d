// The addition the model description is for: apps[].coOwners became a reference field with one entry in
// src/tenant-tenant-model/description.ts (plus the field in schemas/tenant.schema.json). These tests show what that one
// entry gives without any other code: unknown co-owners counted as unknown principals by the normaliser,
// and a simulated change to a co-owner re-checking the app.
import { describe, expect, it } from 'vitest';
import type { MergedExport } from '../../../src/load/types.js';
import { normaliseTenant } from '../../../src/model/normalise.js';
import { validateFile } from '../../../src/schema/validate.js';
import { TenantState } from '../../../src/simulate/state.js';

const noLocations = { object: () => undefined, field: () => undefined, setting: () => undefined };

function exportWith(coOwners: unknown): MergedExport {
  return {
    files: ['t.yaml'],
    sections: { users: true, groups: true, apps: true },
    locations: noLocations,
    users: [
      { id: 'u-ana', userPrincipalName: 'ana@contoso.com', userType: 'Member', accountEnabled: true },
      { id: 'u-gus', userPrincipalName: 'gus_fabrikam.com#EXT#@contoso.onmicrosoft.com', userType: 'Guest', externalUserState: 'PendingAcceptance' },
    ],
    groups: [{ id: 'g-ops', displayName: 'Operations', members: ['u-ana'], owners: [] }],
    apps: [
      { id: 'app-1', displayName: 'Expenses', environmentId: 'e-1', ownerId: 'u-ana', coOwners },
      { id: 'app-2', displayName: 'Leave', environmentId: 'e-1', ownerId: 'u-ana' },
    ],
  };
}

describe('apps[].coOwners (one entry in the model description)', () => {
  it('is a field the tenant schema accepts as a list of ids', () => {
    const parsed = { file: 't.json', format: 'json' as const, locate: () => ({ file: 't.json', line: 1, column: 1 }) };
    const app = { id: 'app-1', displayName: 'Expenses', environmentId: 'e-1', ownerId: 'u-ana' };
    expect(validateFile({ ...parsed, value: { schemaVersion: 1, apps: [{ ...app, coOwners: ['u-gus', 'g-ops'] }] } })).toEqual([]);
    expect(validateFile({ ...parsed, value: { schemaVersion: 1, apps: [{ ...app, coOwners: [7] }] } })).not.toEqual([]);
  });

  it('counts a co-owner matching no user or group as an unknown principal, and known ones not', () => {
    const { tenant, stats } = normaliseTenant(exportWith(['u-gus', 'g-ops', 'u-deleted', '', 42]));
    expect(Object.keys(tenant.unknownPrincipals)).toEqual(['u-deleted']);
    expect(stats.unknownPrincipals).toBe(1);
    expect(normaliseTenant(exportWith(['u-gus', 'g-ops'])).stats.unknownPrincipals).toBe(0);
    expect(normaliseTenant(exportWith(null)).stats.unknownPrincipals).toBe(0);
  });

  it('puts the apps a simulated change to a co-owner can alter in its scope, and only those', () => {
    const state = new TenantState(normaliseTenant(exportWith(['u-gus'])).tenant);
    state.prepare();
    state.edit('users', 'u-gus')!.externalUserState = 'Accepted';
    const scope = state.commit().scope!;
    expect(scope.users).toEqual(['u-gus']);
    expect(scope.apps).toEqual(['app-1']);
  });

  it('follows a co-owner added by a change (the reference index keeps up with edited apps)', () => {
    const state = new TenantState(normaliseTenant(exportWith([])).tenant);
    state.prepare();
    state.edit('apps', 'app-2')!.coOwners = ['u-gus'];
    state.commit();
    state.edit('users', 'u-gus')!.externalUserState = 'Accepted';
    expect(state.commit().scope!.apps).toEqual(['app-2']);
  });
});
