import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/load/index.js';
import type { NormalisedTenant } from '../../../src/model/types.js';
import { loadTenant } from '../../../src/scan.js';
import { loadChanges } from '../../../src/simulate/changes.js';
import { guestUpn, resolveChanges } from '../../../src/simulate/resolve.js';
import type { ParsedChanges, RawChange } from '../../../src/simulate/types.js';
import { messages, smallTenant } from './tenant.js';

const F = 'test/fixtures/simulate/';

describe('resolveChanges against a small in-memory tenant', () => {
  const tenant = smallTenant();
  const resolved = resolveChanges(loadChanges(`${F}all-actions.yaml`), tenant);

  it('invite: actor and groups by name/id, userType defaults to Guest, placeholder id', () => {
    expect(resolved[0]).toEqual({
      index: 0,
      action: 'invite',
      actor: 'u-alice',
      email: 'Eve@Partner.example',
      displayName: 'Eve',
      userType: 'Guest',
      groups: ['g-fin', 'g-ops'],
      inviteeId: 'sim-invite-0',
    });
  });

  it('redeem: names an account invited earlier in the file, case-insensitively', () => {
    expect(resolved[1]).toEqual({ index: 1, action: 'redeem', user: 'sim-invite-0', identityIssuer: 'ExternalAzureAD' });
  });

  it('share-flow: user, group, SharePoint list, and a copy to an address with no account', () => {
    expect(resolved.slice(2, 6)).toEqual([
      { index: 2, action: 'share-flow', actor: 'u-alice', flow: 'f-exp', role: 'owner', principal: 'sim-invite-0', principalType: 'User' },
      { index: 3, action: 'share-flow', actor: 'u-alice', flow: 'f-exp', role: 'run-only', principal: 'g-fin', principalType: 'Group' },
      { index: 4, action: 'share-flow', actor: 'u-alice', flow: 'f-exp', role: 'run-only', principal: '0b1c2d3e', principalType: 'SharePointList' },
      {
        index: 5,
        action: 'share-flow',
        actor: 'u-alice',
        flow: 'f-exp',
        role: 'copy',
        principal: null,
        principalType: 'User',
        recipientEmail: 'someone@elsewhere.example',
      },
    ]);
  });

  it('unshare-flow', () => {
    expect(resolved[6]).toEqual({ index: 6, action: 'unshare-flow', actor: 'u-alice', flow: 'f-exp', role: 'owner', principal: 'u-carol', principalType: 'User' });
  });

  it('add-group-member: actor optional (null), user by mail or guest UPN', () => {
    expect(resolved.slice(7, 9)).toEqual([
      { index: 7, action: 'add-group-member', actor: null, group: 'g-ops', principal: 'u-bob' },
      { index: 8, action: 'add-group-member', actor: 'u-alice', group: 'g-fin', principal: 'u-bob' },
    ]);
  });

  it('assign-environment-role: group or user principal, environment by name or id', () => {
    expect(resolved.slice(9, 11)).toEqual([
      { index: 9, action: 'assign-environment-role', actor: null, environment: 'e-prod', principal: 'g-ops', principalType: 'Group', role: 'EnvironmentMaker' },
      { index: 10, action: 'assign-environment-role', actor: 'u-alice', environment: 'e-prod', principal: 'u-sam2', principalType: 'User', role: 'BasicUser' },
    ]);
  });

  it('set: enum, object and boolean settings', () => {
    expect(resolved.slice(11)).toEqual([
      { index: 11, action: 'set', path: 'externalCollaboration.allowInvitesFrom', value: 'adminsAndGuestInviters' },
      { index: 12, action: 'set', path: 'externalCollaboration.invitationDomains', value: { mode: 'allowList', domains: ['fabrikam.com'] } },
      { index: 13, action: 'set', path: 'powerPlatform.tenantSettings.enableGuestsToMake', value: false },
    ]);
  });

  it('works on changes built in memory (no positions in messages)', () => {
    const changes: RawChange[] = [
      { action: 'redeem', user: 'u-dora', identityIssuer: 'mail' },
      { action: 'redeem', user: 'nobody', identityIssuer: 'mail' },
    ];
    expect(messages(() => resolveChanges(changes, tenant))).toEqual(['change 1 (redeem): user "nobody" matches no user in the tenant']);
    expect(resolveChanges(changes.slice(0, 1), tenant)).toEqual([{ index: 0, action: 'redeem', user: 'u-dora', identityIssuer: 'mail' }]);
  });

  it('builds the guest UPN Entra would give an invitee', () => {
    expect(guestUpn('bob@fabrikam.com', 'contoso.onmicrosoft.com')).toBe('bob_fabrikam.com#EXT#@contoso.onmicrosoft.com');
  });
});

describe('resolveChanges errors, at the field', () => {
  const tenant = smallTenant();
  const errors = messages(() => resolveChanges(loadChanges(`${F}unresolved.yaml`), tenant));

  it('unknown user or group', () => {
    expect(errors).toContain(`${F}unresolved.yaml:6:16: change 0 (share-flow): principal "nobody@contoso.com" matches no user or group in the tenant`);
  });

  it('ambiguous display name lists the candidates', () => {
    expect(errors).toContain(
      `${F}unresolved.yaml:10:16: change 1 (add-group-member): principal "sam lee" is ambiguous: it matches Sam Lee (sam.lee@contoso.com), Sam Lee (sam.lee@contoso.co.uk); name it by UPN or id`,
    );
  });

  it('an invite to an address that has an account is no input error: the platform judges it (issue 15)', () => {
    expect(errors.some((e) => e.includes('change 2 (invite)'))).toBe(false);
  });

  it('an invitee that is not an address, an unknown redeemer, an unknown environment; all reported at once', () => {
    expect(errors.slice(2)).toEqual([
      `${F}unresolved.yaml:16:12: change 3 (invite): email "not-an-address" is not an e-mail address`,
      `${F}unresolved.yaml:18:11: change 4 (redeem): user "ghost@partner.example" matches no user in the tenant`,
      `${F}unresolved.yaml:21:18: change 5 (assign-environment-role): environment "Staging" matches no environment in the tenant`,
    ]);
  });

  it('an invite names the account its address already has: by guest UPN only, or invited earlier in the same file', () => {
    const t = smallTenant();
    const bob = t.users?.['u-bob'];
    if (bob) bob.mail = null;
    const changes: RawChange[] = [
      { action: 'invite', actor: 'alice@contoso.com', email: 'bob@fabrikam.com' },
      { action: 'invite', actor: 'alice@contoso.com', email: 'eve@partner.example' },
      { action: 'invite', actor: 'alice@contoso.com', email: 'EVE@partner.example' },
    ];
    // Whether change 2 creates eve (change 1 refused) or sends her invitation again is decided when judged.
    expect(resolveChanges(changes, t).map((c) => (c.action === 'invite' ? c.inviteeId : undefined))).toEqual(['u-bob', 'sim-invite-1', 'sim-invite-1']);
  });

  it('redeem of an account invited earlier works; before the invite it does not', () => {
    expect(messages(() => resolveChanges(loadChanges(`${F}redeem-order.yaml`), tenant))).toEqual([
      `${F}redeem-order.yaml:4:11: change 0 (redeem): user "eve@partner.example" matches no user in the tenant`,
    ]);
  });

  it('set: a path that is not a known setting', () => {
    const errs = messages(() => resolveChanges(loadChanges(`${F}set-unknown-path.yaml`), tenant));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      new RegExp(`^${F}set-unknown-path\\.yaml:4:11: change 0 \\(set\\): path "externalCollaboration\\.guestInviteRestrictions" is not a setting a change can set \\(known: externalCollaboration\\.guestUserAccess, `),
    );
  });

  it('set: values of the wrong type or outside the enum, at the value', () => {
    expect(messages(() => resolveChanges(loadChanges(`${F}set-values.yaml`), tenant))).toEqual([
      `${F}set-values.yaml:5:12: change 0 (set): value must be string (got boolean true) (setting externalCollaboration.allowInvitesFrom)`,
      `${F}set-values.yaml:9:13: change 1 (set): value.mode must be one of "allowList", "blockList", "none" (got "allowlist") (setting externalCollaboration.invitationDomains)`,
      `${F}set-values.yaml:10:31: change 1 (set): value.domains[1] must be string (got number 42) (setting externalCollaboration.invitationDomains)`,
      `${F}set-values.yaml:13:12: change 2 (set): value must be boolean (got the string "no") (setting externalCollaboration.m365Groups.allowToAddGuests)`,
    ]);
  });

  it('share-flow: a copy cannot go to a list; run-only to an unknown address is an unknown user', () => {
    const file = 'inline.yaml';
    const parsed = parseFile(
      file,
      'schemaVersion: 1\nchanges:\n  - action: share-flow\n    actor: alice@contoso.com\n    flow: Expense Approval\n    principal: list:abc\n    role: copy\n  - action: share-flow\n    actor: alice@contoso.com\n    flow: Expense Approval\n    principal: zed@else.example\n    role: run-only\n',
    );
    const input: ParsedChanges = { file, schemaVersion: 1, changes: (parsed.value as { changes: RawChange[] }).changes, locate: parsed.locate };
    expect(messages(() => resolveChanges(input, tenant))).toEqual([
      'inline.yaml:6:16: change 0 (share-flow): principal: a copy of a flow goes to a person, not a SharePoint list',
      'inline.yaml:11:16: change 1 (share-flow): principal "zed@else.example" matches no user or group in the tenant',
    ]);
  });
});

describe('against examples/contoso', () => {
  let tenant: NormalisedTenant;
  beforeAll(async () => {
    ({ tenant } = await loadTenant(['examples/contoso']));
  });

  it('onboard-vendor.yaml resolves: invite into a group, redeem, run-only share', () => {
    expect(resolveChanges(loadChanges('examples/changes/onboard-vendor.yaml'), tenant)).toEqual([
      {
        index: 0,
        action: 'invite',
        actor: 'cef44e91-8641-48bf-a09d-3903ab5af058',
        email: 'anna.schmidt@adventure-works.com',
        displayName: 'Anna Schmidt (Adventure Works)',
        userType: 'Guest',
        groups: ['0a5f2f87-6d12-4955-8fd7-3d0f0198a56f'],
        inviteeId: 'sim-invite-0',
      },
      { index: 1, action: 'redeem', user: 'sim-invite-0', identityIssuer: 'ExternalAzureAD' },
      {
        index: 2,
        action: 'share-flow',
        actor: 'cef44e91-8641-48bf-a09d-3903ab5af058',
        flow: '5fbea317-3cb0-4855-bb57-54c8d2d4f0e0',
        role: 'run-only',
        principal: 'sim-invite-0',
        principalType: 'User',
      },
    ]);
  });

  it('risky-pr.yaml resolves: set, gmail invite, guest maker, guest owner', () => {
    const r = resolveChanges(loadChanges('examples/changes/risky-pr.yaml'), tenant);
    expect(r.map((c) => c.action)).toEqual(['set', 'invite', 'redeem', 'assign-environment-role', 'share-flow']);
    expect(r[3]).toEqual({
      index: 3,
      action: 'assign-environment-role',
      actor: '54093f71-d699-4500-8f33-8d2be40f5757',
      environment: '2cb1134d-4727-4034-8b14-cbcda28eb4e4',
      principal: '8691705e-9486-4a80-9fee-bb165e79e28d',
      principalType: 'User',
      role: 'EnvironmentMaker',
    });
    expect(r[4]).toMatchObject({ flow: '5847c290-6ff9-4417-8b35-c29da535043d', principal: 'eaef3eea-5fc9-4d80-b0ac-f2bd198ac37c', role: 'owner' });
  });

  it('refused.yaml resolves (the platform rules, not resolution, refuse it)', () => {
    const r = resolveChanges(loadChanges('examples/changes/refused.yaml'), tenant);
    expect(r.map((c) => c.action)).toEqual(['set', 'invite', 'invite', 'share-flow', 'unshare-flow']);
    expect(r[4]).toEqual({
      index: 4,
      action: 'unshare-flow',
      actor: '8f615da4-4fc2-4c13-b7d1-4bf15a916eb0',
      flow: '42178ac7-5a76-43d4-907b-a9fb0c5f4626',
      role: 'owner',
      principal: 'd5d64e71-b4f8-458b-80a8-7f438c7d638d',
      principalType: 'User',
    });
  });

  it('every action against the real export: group principals, optional actors, copies, lists', () => {
    const changes: RawChange[] = [
      { action: 'share-flow', actor: 'Pradeep Gupta', flow: 'Expense Approval', principal: 'Sales Operations', role: 'owner' },
      { action: 'share-flow', actor: 'pradeep.gupta@contoso.com', flow: 'expense approval', principal: 'mark.tulley.events@gmail.com', role: 'copy' },
      { action: 'unshare-flow', actor: 'pradeep.gupta@contoso.com', flow: '42178ac7-5a76-43d4-907b-a9fb0c5f4626', principal: 'Ravi Patel', role: 'owner' },
      { action: 'add-group-member', group: 'HR Confidential', principal: 'Priya Sharma' },
      { action: 'assign-environment-role', environment: 'Contoso Dev Sandbox', principal: 'Power Platform Makers', role: 'EnvironmentAdmin' },
      { action: 'redeem', user: 'nadia.petrova@fabrikam.com', identityIssuer: 'ExternalAzureAD' },
      { action: 'set', path: 'externalCollaboration.invitationDomains.domains', value: ['fabrikam.com'] },
    ];
    expect(resolveChanges(changes, tenant)).toEqual([
      { index: 0, action: 'share-flow', actor: 'd5d64e71-b4f8-458b-80a8-7f438c7d638d', flow: '42178ac7-5a76-43d4-907b-a9fb0c5f4626', role: 'owner', principal: '7f70cf9d-8692-4f9a-8bba-6244c3e99d9a', principalType: 'Group' },
      { index: 1, action: 'share-flow', actor: 'd5d64e71-b4f8-458b-80a8-7f438c7d638d', flow: '42178ac7-5a76-43d4-907b-a9fb0c5f4626', role: 'copy', principal: null, principalType: 'User', recipientEmail: 'mark.tulley.events@gmail.com' },
      { index: 2, action: 'unshare-flow', actor: 'd5d64e71-b4f8-458b-80a8-7f438c7d638d', flow: '42178ac7-5a76-43d4-907b-a9fb0c5f4626', role: 'owner', principal: '8f615da4-4fc2-4c13-b7d1-4bf15a916eb0', principalType: 'User' },
      { index: 3, action: 'add-group-member', actor: null, group: '0808df08-bf4f-4c09-b3bf-caf44c4f456f', principal: '62b72a65-be6e-4216-8e8c-932e9e059e57' },
      { index: 4, action: 'assign-environment-role', actor: null, environment: 'f82d5fae-11b2-4ce0-ab24-b44aeadf36b8', principal: 'ffb29499-33e1-425f-9522-eac6b666efc6', principalType: 'Group', role: 'EnvironmentAdmin' },
      { index: 5, action: 'redeem', user: '1381937a-f2f4-41af-8c29-ff0b17b72c37', identityIssuer: 'ExternalAzureAD' },
      { index: 6, action: 'set', path: 'externalCollaboration.invitationDomains.domains', value: ['fabrikam.com'] },
    ]);
  });

  it('an existing contoso guest invited again names that guest', () => {
    const [change] = resolveChanges([{ action: 'invite', actor: 'isaiah.langer@contoso.com', email: 'Ravi.Patel@fabrikam.com' }], tenant);
    expect(change).toMatchObject({ action: 'invite', inviteeId: '8f615da4-4fc2-4c13-b7d1-4bf15a916eb0' });
  });
});
