import { describe, expect, it } from 'vitest';
import { byId, FABRIKAM, imported } from './helpers.js';

const TENANT = '3f9e2a61-4c1d-4b8e-9a27-6d05c8e1b4f2';
const DEFAULT_ENV = `Default-${TENANT}`;
const DEV_ENV = '8c1e3a5f-7b9d-4f2a-b4c6-0e2a4c6e8a1c';
const MEGAN = 'b41d7f3e-2a9c-4e61-8f05-3c7a9d2e6b18';
const TOM = 'e7c2a9d4-5b13-4f8e-a6d1-92b0c4e7f3a5';
const LENA = '5a0f8e2b-7c64-4d39-b1e8-a2d6c9f04e71';
const ADAM = 'c83b6e1f-9d27-4a05-8e4c-7b1a3f6d2e90';
const PARTNER_GROUP = 'a3e5c7d9-1f2b-4d6e-8a0c-2e4f6a8c0e1b';
const FINANCE_GROUP = 'f4b6d8e0-2a3c-4e5f-9b1d-3f5a7c9e1b2d';
const INVITERS_GROUP = 'd06a2ce5-b1f4-4e3d-9a82-6f7c0e5b4d13';

const doc = imported(FABRIKAM);
const missing = (section: string) => (doc.collection.missing as { section: string; reason: string }[]).find((m) => m.section === section);

describe('import: Graph users', () => {
  it('reads every page of the listing', () => {
    expect(doc.users.map((u: { id: string }) => u.id)).toEqual([MEGAN, TOM, LENA, ADAM]);
  });

  it('takes the latest of the interactive, non-interactive and successful sign-ins', () => {
    expect(byId(doc.users, MEGAN).lastSignInDateTime).toBe('2026-11-26T22:40:05Z');
    expect(byId(doc.users, TOM).lastSignInDateTime).toBe('2026-10-03T14:27:09Z');
    expect(byId(doc.users, ADAM).lastSignInDateTime).toBe('2026-02-27T17:55:41Z');
  });

  it('leaves the sign-in of a user without signInActivity unknown (null), never a made-up date', () => {
    const lena = byId(doc.users, LENA);
    expect(lena).toHaveProperty('lastSignInDateTime', null);
    expect(missing('users[].lastSignInDateTime')).toBeUndefined();
  });

  it('maps creationType EmailVerified to SelfServiceSignUp and keeps identities without issuerAssignedId', () => {
    const lena = byId(doc.users, LENA);
    expect(lena.creationType).toBe('SelfServiceSignUp');
    expect(lena.identities).toEqual([{ signInType: 'emailAddress', issuer: 'MicrosoftAccount' }]);
  });

  it('turns SKU ids into part numbers, keeping an id no longer subscribed', () => {
    expect(byId(doc.users, MEGAN).licenses).toEqual(['SPE_E3']);
    expect(byId(doc.users, LENA).licenses).toEqual(['FLOW_FREE']);
    expect(byId(doc.users, ADAM).licenses).toEqual(['0c266dff-15dd-4b49-8397-2bb16070ed52']);
  });

  it('reads sponsors inline or from the per-user listing, and leaves them unknown where neither was saved', () => {
    expect(byId(doc.users, TOM).sponsors).toEqual([MEGAN]);
    expect(byId(doc.users, LENA).sponsors).toEqual([]);
    expect(byId(doc.users, ADAM).sponsors).toBeNull();
  });

  it('gives directory roles by template id, custom roles by definition, and a group\'s role to its members', () => {
    expect(byId(doc.users, MEGAN).directoryRoles).toEqual(['Global Administrator']);
    expect(byId(doc.users, ADAM).directoryRoles).toEqual(['Fabrikam Helpdesk Tier 1']);
    expect(byId(doc.users, LENA).directoryRoles).toEqual(['Guest Inviter']);
    expect(byId(doc.users, TOM).directoryRoles).toEqual([]);
  });
});

describe('import: tenant and external collaboration', () => {
  it('takes the initial domain from the organization and the others as verified domains', () => {
    expect(doc.tenant).toEqual({ id: TENANT, displayName: 'Fabrikam Inc.', initialDomain: 'fabrikamdemo.onmicrosoft.com', verifiedDomains: ['fabrikam.com'] });
  });

  it('reads the beta authorization policy ({ value: [policy] }) and maps the guest role GUID', () => {
    expect(doc.externalCollaboration).toMatchObject({
      guestUserAccess: 'restricted',
      allowInvitesFrom: 'adminsAndGuestInviters',
      allowEmailVerifiedUsersToJoinOrganization: false,
    });
  });

  it('parses the B2B management policy definition string into an allow list', () => {
    expect(doc.externalCollaboration.invitationDomains).toEqual({ mode: 'allowList', domains: ['contoso.com', 'northwindtraders.com'] });
  });

  it('keeps a null partner setting null (inherits the default) and maps the others', () => {
    expect(doc.externalCollaboration.crossTenantAccess).toEqual({
      default: { b2bCollaborationInbound: 'blocked', b2bCollaborationOutbound: 'allowed' },
      partners: [
        { tenantId: '9b2f6c1e-7d4a-4e83-b5c0-2a8d6f1e3c97', b2bCollaborationInbound: null, b2bCollaborationOutbound: 'blocked' },
        { tenantId: 'e0301ced-7639-45ff-9a11-0a371eee253c', b2bCollaborationInbound: 'allowed', b2bCollaborationOutbound: null },
      ],
    });
  });

  it('reads Group.Unified "False" strings, with Microsoft\'s default for a value not set', () => {
    expect(doc.externalCollaboration.m365Groups).toEqual({ allowToAddGuests: false, allowGuestsToAccessGroups: true });
  });

  it('records the settings whose responses were not saved as not collected, naming the permission', () => {
    expect(missing('externalCollaboration.guestSelfServiceSignUp')?.reason).toMatch(/authenticationFlowsPolicy\.json .*Policy\.Read\.All/);
    expect(doc.externalCollaboration).not.toHaveProperty('guestSelfServiceSignUp');
  });
});

describe('import: groups', () => {
  it('takes a group\'s own Group.Unified.Guest value, and leaves the override null when the group has none', () => {
    expect(byId(doc.groups, PARTNER_GROUP).allowToAddGuests).toBe(true);
    expect(byId(doc.groups, FINANCE_GROUP).allowToAddGuests).toBeNull();
    expect(byId(doc.groups, INVITERS_GROUP).allowToAddGuests).toBeNull();
  });

  it('lists members and owners, and leaves a listing that was not saved unknown rather than empty', () => {
    expect(byId(doc.groups, PARTNER_GROUP)).toMatchObject({ members: [MEGAN, TOM], owners: [MEGAN], groupTypes: ['Unified'] });
    expect(byId(doc.groups, FINANCE_GROUP).members).toBeNull();
    expect(byId(doc.groups, INVITERS_GROUP).owners).toEqual([]);
    expect(missing('groups[].members')?.reason).toMatch(/1 of 3 group/);
  });
});

describe('import: Power Platform', () => {
  it('maps environment SKUs, treats the all-zero security group as none, and leaves out custom Dataverse roles', () => {
    expect(byId(doc.environments, DEFAULT_ENV)).toMatchObject({ type: 'Default', securityGroupId: null, roleAssignments: null });
    expect(byId(doc.environments, DEV_ENV)).toEqual({
      id: DEV_ENV,
      displayName: "Megan's Developer Environment",
      type: 'Developer',
      securityGroupId: null,
      roleAssignments: [{ principalId: MEGAN, principalType: 'User', role: 'EnvironmentAdmin' }],
    });
  });

  it('reads a legacy v1 DLP policy: hbi/lbi/blocked groups, defaultApiGroup and the environment filter', () => {
    expect(doc.dlpPolicies).toEqual([
      {
        id: '2d4f6a8c-0e2a-4c6e-8a0c-2e4a6c8e0a2c',
        displayName: 'Company data (legacy)',
        environmentType: 'ExceptEnvironments',
        environments: [DEV_ENV],
        connectorGroups: { business: ['shared_sharepointonline', 'shared_office365'], nonBusiness: ['shared_twitter'], blocked: ['shared_dropbox'] },
        defaultConnectorClassification: 'nonBusiness',
        createdTime: '2019-05-21T15:03:44Z',
        lastModifiedTime: '2024-11-02T09:12:30Z',
      },
    ]);
  });

  it('reads Get-TenantSettings saved as a one-item list, lifting the Power Apps switches', () => {
    expect(doc.powerPlatform.tenantSettings).toMatchObject({
      enableGuestsToMake: false,
      disableShareWithEveryone: true,
      disableTrialEnvironmentCreationByNonAdminUsers: true,
    });
  });

  it('reads a Button trigger as instant, solution-style connection references, and a Tenant run-only principal', () => {
    const flow = byId(doc.flows, '1b3d5f7a-9c2e-4a6b-8d0f-2b4d6f8a0c1e');
    expect(flow.trigger).toEqual({ kind: 'instant' });
    expect(flow.solutionAware).toBe(true);
    expect(flow.connectionReferences).toEqual([
      { id: 'fab_sharedapprovals_7c1e', connectorId: 'shared_approvals', connectionOwnerId: null, runtimeSource: 'invoker', used: true },
      { id: 'fab_sharedoffice365_2b9d', connectorId: 'shared_office365', connectionOwnerId: null, runtimeSource: 'embedded', used: true },
    ]);
    expect(flow.runOnlyUsers).toEqual([{ principalId: TENANT, principalType: null, sharedWithOrganisation: true }]);
  });

  it('reads Get-AdminFlowOwnerRole output: Owner and CanEdit are owners, CanView is run-only', () => {
    const flow = byId(doc.flows, '7e9a1c3e-5b7d-4f9a-a2c4-6e8a0c2e4b6d');
    expect(flow.owners).toEqual([
      { principalId: ADAM, principalType: 'User' },
      { principalId: PARTNER_GROUP, principalType: 'Group' },
    ]);
    expect(flow.runOnlyUsers).toEqual([{ principalId: TOM, principalType: 'User' }]);
    expect(flow.state).toBe('Suspended');
    expect(flow.trigger).toEqual({ kind: 'automated', connectorId: 'shared_sharepointonline' });
  });

  it('takes connection owners from the connections listing and marks a connector no step calls as unused', () => {
    const refs = byId(doc.flows, '7e9a1c3e-5b7d-4f9a-a2c4-6e8a0c2e4b6d').connectionReferences;
    expect(refs).toEqual([
      { id: 'shared-sharepointonl-5d7f9b1d-3f5a-4c7e-9b1d-7f9b1d3f5a7c', connectorId: 'shared_sharepointonline', connectionOwnerId: ADAM, runtimeSource: 'embedded', used: true },
      { id: 'shared-dropbox-8a0c2e4a-6c8e-4a0c-8e2a-0c2e4a6c8e0a', connectorId: 'shared_dropbox', connectionOwnerId: null, runtimeSource: 'invoker', used: false },
    ]);
  });

  it('reads Get-AdminFlow output without Internal: state from Enabled, nothing invented', () => {
    expect(byId(doc.flows, 'c5e7a9c1-3d5f-4b7a-9c1e-5a7c9e1b3d5f')).toMatchObject({
      environmentId: DEV_ENV,
      creatorId: MEGAN,
      state: 'Stopped',
      trigger: null,
      connectionReferences: null,
      owners: null,
      runOnlyUsers: null,
    });
  });

  it('records apps and sent copies as not collected, and leaves the apps section out', () => {
    expect(doc).not.toHaveProperty('apps');
    expect(missing('apps')?.reason).toMatch(/apps\.json/);
    expect(missing('flows[].sharedCopies')?.reason).toMatch(/Send a copy/);
  });
});
