import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataPatch } from '../../../src/engine/engine.js';
import type { MergedExport } from '../../../src/load/types.js';
import { normaliseTenant } from '../../../src/model/normalise.js';
import { applyChange, copySections, sectionsTarget, type PlatformVerdict } from '../../../src/simulate/apply.js';
import { TenantState } from '../../../src/simulate/state.js';
import type { ResolvedChange } from '../../../src/simulate/types.js';

// TenantState normalises only what a change edits and patches the engine's data. These tests check the
// patched document against a full normalisation of the same edit, and the scope against the references
// that make an object's findings depend on the change.

const noLocations = { object: () => undefined, field: () => undefined, setting: () => undefined };
const allowed: PlatformVerdict = { allowed: true, rules: [], effects: {} };
const AT = '2026-11-30T00:00:00.000Z';

function raw(): MergedExport {
  const user = (id: string, upn: string, userType = 'Member', extra: Record<string, unknown> = {}) => ({
    id,
    userPrincipalName: upn,
    mail: upn,
    displayName: id,
    userType,
    accountEnabled: true,
    createdDateTime: '2025-01-10T08:00:00Z',
    ...extra,
  });
  const parts = {
    tenant: { id: 't1', displayName: 'Contoso', initialDomain: 'contoso.onmicrosoft.com', verifiedDomains: ['contoso.com'] },
    users: [
      user('ana', 'ana@contoso.com', 'Member', { lastSignInDateTime: '2026-11-01T09:00:00Z' }),
      user('ben', 'ben@contoso.com'),
      user('gus', 'gus_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'Guest', { mail: 'gus@fabrikam.com', externalUserState: 'PendingAcceptance' }),
      user('ivy', 'ivy_litware.com#EXT#@contoso.onmicrosoft.com', 'Guest', { mail: 'ivy@litware.com' }),
    ],
    groups: [
      { id: 'all', displayName: 'All Staff', members: ['ana', 'sales'], owners: ['ana'] },
      { id: 'sales', displayName: 'Sales', members: ['ben'], owners: ['ben'] },
      { id: 'ops', displayName: 'Operations', members: ['gus'], owners: ['ana'] },
    ],
    environments: [
      { id: 'prod', displayName: 'Contoso Production', type: 'Production', roleAssignments: [{ principalId: 'all', principalType: 'Group', role: 'EnvironmentMaker' }] },
      { id: 'dev', displayName: 'Contoso Dev', type: 'Sandbox', roleAssignments: [] },
    ],
    flows: [
      { id: 'f-sales', displayName: 'Quote follow-up', environmentId: 'prod', creatorId: 'ben', owners: [{ principalId: 'sales', principalType: 'Group' }], runOnlyUsers: [],
        connectionReferences: [{ id: 'c1', connectorId: 'shared_office365', connectionOwnerId: 'ben', runtimeSource: 'embedded' }] },
      { id: 'f-ops', displayName: 'Shift roster', environmentId: 'dev', creatorId: 'ana', owners: [{ principalId: 'ops', principalType: 'Group' }], runOnlyUsers: [] },
      { id: 'f-ana', displayName: 'Expense digest', environmentId: 'dev', creatorId: 'ana', owners: [], runOnlyUsers: [] },
    ],
    apps: [{ id: 'app-1', displayName: 'Site checklist', environmentId: 'prod', ownerId: 'ana', sharedWith: [{ principalId: 'ops', principalType: 'Group', role: 'CanView' }] }],
  };
  const sections = Object.fromEntries(Object.keys(parts).map((k) => [k, true]));
  return { files: ['t.yaml'], sections, locations: noLocations, ...parts } as unknown as MergedExport;
}

/** opa_value_add_path / remove_path, in JavaScript. */
function applyPatches(doc: Record<string, unknown>, patches: readonly DataPatch[]): void {
  for (const { path, value } of patches) {
    let target = doc;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    if (value === undefined) delete target[path.at(-1)!];
    else target[path.at(-1)!] = JSON.parse(JSON.stringify(value));
  }
}

/** The document as policies read it, with index lists in a stable order (they are sets to policies). */
function canonical(tenant: unknown): unknown {
  const t = JSON.parse(JSON.stringify(tenant)) as Record<string, Record<string, unknown>>;
  delete t.unknownPrincipals; // feeds the summary count only; not kept by the simulator
  for (const name of ['memberOf', 'flowsByPrincipal', 'flowsByEnvironment']) {
    const index = t.index![name] as Record<string, unknown[]>;
    for (const key of Object.keys(index)) {
      index[key] = [...index[key]!].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      if (index[key]!.length === 0) delete index[key];
    }
  }
  return t;
}

const changes: Record<string, ResolvedChange> = {
  invite: { index: 0, action: 'invite', actor: 'ana', email: 'mia@northwind.com', userType: 'Guest', groups: ['sales'], inviteeId: 'sim-invite-0' },
  redeem: { index: 1, action: 'redeem', user: 'gus', identityIssuer: 'ExternalAzureAD' },
  shareOwner: { index: 2, action: 'share-flow', actor: 'ana', flow: 'f-ana', role: 'owner', principal: 'ivy', principalType: 'User' },
  shareGroup: { index: 3, action: 'share-flow', actor: 'ana', flow: 'f-ana', role: 'run-only', principal: 'ops', principalType: 'Group' },
  copy: { index: 4, action: 'share-flow', actor: 'ana', flow: 'f-ana', role: 'copy', principal: null, principalType: 'User', recipientEmail: 'x@gmail.com' },
  unshare: { index: 5, action: 'unshare-flow', actor: 'ben', flow: 'f-sales', role: 'owner', principal: 'sales', principalType: 'Group' },
  nestedMember: { index: 6, action: 'add-group-member', actor: 'ben', group: 'sales', principal: 'ivy' },
  role: { index: 7, action: 'assign-environment-role', actor: 'ana', environment: 'dev', principal: 'ivy', principalType: 'User', role: 'EnvironmentMaker' },
  set: { index: 8, action: 'set', path: 'externalCollaboration.guestUserAccess', value: 'restricted' },
};

function verdictFor(change: ResolvedChange): PlatformVerdict {
  if (change.action === 'invite') {
    return { ...allowed, effects: { user: { userPrincipalName: 'mia_northwind.com#EXT#@contoso.onmicrosoft.com', mail: change.email, userType: 'Guest', accountEnabled: true, externalUserState: 'PendingAcceptance', createdDateTime: AT }, groups: change.groups } };
  }
  if (change.action === 'redeem') return { ...allowed, effects: { user: { externalUserState: 'Accepted', externalUserStateChangeDateTime: AT } } };
  return allowed;
}

describe('TenantState', () => {
  it('patches the data into what a full normalisation of the same edits gives, for any order of changes', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(Object.values(changes), { minLength: 1 }), (sequence) => {
        const merged = raw();
        const loaded = normaliseTenant(merged).tenant;
        const state = new TenantState(loaded);
        const doc = JSON.parse(JSON.stringify({ tenant: loaded })) as Record<string, unknown>;
        const sections = copySections(merged);
        for (const change of sequence) {
          applyChange(state, change, verdictFor(change), AT);
          applyPatches(doc, state.commit().patches);
          applyChange(sectionsTarget(sections), change, verdictFor(change), AT);
        }
        const present = { ...merged.sections, ...Object.fromEntries(Object.keys(sections).map((k) => [k, true])) };
        const full = normaliseTenant({ ...merged, ...sections, sections: present } as MergedExport).tenant;
        expect(canonical(doc.tenant)).toEqual(canonical(full));
      }),
      { numRuns: 60 },
    );
  });

  it('never modifies the loaded tenant', () => {
    const loaded = normaliseTenant(raw()).tenant;
    const before = JSON.stringify(loaded);
    const state = new TenantState(loaded);
    for (const change of Object.values(changes)) {
      applyChange(state, change, verdictFor(change), AT);
      state.commit();
    }
    expect(JSON.stringify(loaded)).toBe(before);
  });

  const scopeAfter = (change: ResolvedChange) => {
    const state = new TenantState(normaliseTenant(raw()).tenant);
    applyChange(state, change, verdictFor(change), AT);
    return state.commit().scope;
  };

  it('a redeemed guest re-checks the guest, its groups, and what names those groups', () => {
    const scope = scopeAfter(changes.redeem!)!;
    expect(scope.users).toEqual(['gus']);
    expect(scope.groups).toEqual(['ops']);
    expect(scope.flows).toEqual(['f-ops']); // owned by Operations, which gus is in
    expect(scope.apps).toEqual(['app-1']); // shared with Operations
    expect(scope.flowEnvironments).toEqual(['dev']);
    expect(scope.tenantCounts).toBe(false);
  });

  it('a member added to a nested group re-expands the groups above it', () => {
    const state = new TenantState(normaliseTenant(raw()).tenant);
    applyChange(state, changes.nestedMember!, allowed, AT);
    const { patches, scope } = state.commit();
    expect(patches).toContainEqual({ path: ['tenant', 'index', 'memberOf', 'ivy'], value: ['sales', 'all'] });
    expect(scope!.groups).toEqual(['all', 'sales']);
    expect(scope!.users).toEqual(['ivy']);
    // The environment grants EnvironmentMaker to All Staff, which now holds ivy; the flow is owned by Sales.
    expect(scope!.environments).toEqual(['prod']);
    expect(scope!.flows).toEqual(['f-sales']);
  });

  it('a flow shared with a group re-checks the flow and every member of the group, not the group', () => {
    const scope = scopeAfter(changes.shareGroup!)!;
    expect(scope.flows).toEqual(['f-ana']);
    expect(scope.users).toEqual(['gus']);
    expect(scope.groups).toEqual([]);
    expect(scope.flowEnvironments).toEqual(['dev']);
  });

  it('a new user moves the tenant-wide counts; a settings change has no scope (whole controls)', () => {
    expect(scopeAfter(changes.invite!)!.tenantCounts).toBe(true);
    expect(scopeAfter(changes.shareOwner!)!.tenantCounts).toBe(false);
    const state = new TenantState(normaliseTenant(raw()).tenant);
    applyChange(state, changes.set!, allowed, AT);
    const commit = state.commit();
    expect(commit.scope).toBeNull();
    expect(commit.sections).toEqual(['externalCollaboration']);
  });
});
