import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../src/errors.js';
import { parseFile } from '../../../src/load/index.js';
import { validateFile, validateParsed } from '../../../src/schema/validate.js';

const yaml = (text: string, file = 'export.yaml') => parseFile(file, text);
const messages = (text: string, file?: string) => validateFile(yaml(text, file)).map((e) => e.message);

describe('validateFile', () => {
  it('accepts a complete, valid export with nulls and unknown fields', () => {
    const parsed = yaml(`schemaVersion: 1
x-importer: {name: graph-export, version: 3}
tenant:
  id: 6b7f3a2e-1c4d-4e5f-9a8b-0c1d2e3f4a5b
  displayName: Contoso
  initialDomain: contoso.onmicrosoft.com
  verifiedDomains: [contoso.com]
  cloud: GCCHigh
  exportedAt: 2026-01-15T09:00:00Z
  region: EU
externalCollaboration:
  guestUserAccess: sameAsMember
  allowInvitesFrom: adminsGuestInvitersAndAllMembers
  allowEmailVerifiedUsersToJoinOrganization: false
  guestSelfServiceSignUp: null
  emailOneTimePasscode: true
  invitationDomains: {mode: allowList, domains: [fabrikam.com]}
  crossTenantAccess:
    default: {b2bCollaborationInbound: allowed, b2bCollaborationOutbound: blocked}
    partners:
      - {tenantId: p1, displayName: null, domains: [fabrikam.com], b2bCollaborationInbound: blocked}
  m365Groups: {allowToAddGuests: true, allowGuestsToAccessGroups: false}
powerPlatform:
  tenantSettings: {enableGuestsToMake: false, disableShareWithEveryone: true, walkMeOptOut: false}
users:
  - id: u1
    userPrincipalName: jane_fabrikam.com#EXT#@contoso.onmicrosoft.com
    displayName: Jane
    mail: null
    userType: Guest
    accountEnabled: true
    creationType: Invitation
    externalUserState: PendingAcceptance
    externalUserStateChangeDateTime: 2025-12-01T08:00:00.123Z
    identities: [{signInType: federated, issuer: ExternalAzureAD}]
    createdDateTime: 2025-12-01T08:00:00+01:00
    lastSignInDateTime: null
    sponsors: [u2]
    invitedBy: u2
    licenses: []
    directoryRoles: [Guest Inviter]
groups:
  - {id: g1, displayName: G, mail: null, groupTypes: [Unified], securityEnabled: false, visibility: Private, allowToAddGuests: null, members: [u1], owners: []}
environments:
  - id: Default-6b7f
    displayName: Default
    type: Teams
    securityGroupId: null
    roleAssignments: [{principalId: g1, principalType: Group, role: SystemCustomizer}]
dlpPolicies:
  - id: d1
    displayName: Baseline
    environmentType: AllEnvironments
    environments: null
    connectorGroups: {business: [shared_sharepointonline], nonBusiness: [], blocked: [shared_twitter]}
    defaultConnectorClassification: nonBusiness
flows:
  - id: f1
    displayName: Flow
    environmentId: Default-6b7f
    creatorId: u1
    state: Suspended
    trigger: {kind: scheduled, connectorId: null}
    solutionAware: false
    owners: [{principalId: u1, principalType: SharePointList}]
    runOnlyUsers: []
    connectionReferences: [{id: c1, connectorId: http, connectionOwnerId: u1, runtimeSource: invoker, used: false}]
    sharedCopies: [{recipientEmail: x@y.z, sentBy: u1, sentAt: 2025-01-01T00:00:00Z}]
apps:
  - {id: a1, displayName: App, environmentId: Default-6b7f, ownerId: u1, sharedWith: [{principalId: u1, principalType: User, role: CanView}], sharedWithEveryone: null}
`);
    expect(validateFile(parsed)).toEqual([]);
    expect(() => validateParsed([parsed])).not.toThrow();
  });

  it('reports a wrong enum value at the value, listing what is allowed', () => {
    expect(messages('schemaVersion: 1\nusers:\n  - id: u1\n    userPrincipalName: a\n    userType: guest\n')).toEqual([
      'export.yaml:5:15: users[0].userType must be one of "Member", "Guest" (got "guest")',
    ]);
    expect(messages('schemaVersion: 1\nexternalCollaboration:\n  guestUserAccess: Limited\n')).toEqual([
      'export.yaml:3:20: externalCollaboration.guestUserAccess must be one of "sameAsMember", "limited", "restricted", null (got "Limited")',
    ]);
  });

  it('reports a wrong type once, even for nullable enums', () => {
    expect(messages('schemaVersion: 1\ntenant: {id: 42, displayName: D, initialDomain: x}\n')).toEqual([
      'export.yaml:2:14: tenant.id must be string (got number 42)',
    ]);
    expect(messages('schemaVersion: 1\nusers: [{id: u, userPrincipalName: a, userType: Member, creationType: 3, accountEnabled: "yes"}]\n')).toEqual([
      'export.yaml:2:71: users[0].creationType must be string or null (got number 3)',
      'export.yaml:2:90: users[0].accountEnabled must be boolean or null (got the string "yes")',
    ]);
    expect(messages('schemaVersion: 1\nflows: {}\n')).toEqual(['export.yaml:2:8: flows must be array (got an object)']);
  });

  it('reports a missing required property at the object that lacks it', () => {
    expect(messages('schemaVersion: 1\nflows:\n  - id: f1\n    displayName: F\n    environmentId: e1\n')).toEqual([
      'export.yaml:3:5: flows[0] is missing required property "creatorId"',
    ]);
    expect(messages('schemaVersion: 1\nflows:\n  - {id: f1, displayName: F, environmentId: e1, creatorId: u, trigger: {connectorId: x}}\n')).toEqual([
      'export.yaml:3:72: flows[0].trigger is missing required property "kind"',
    ]);
  });

  it('reports an invalid date-time', () => {
    expect(
      messages('schemaVersion: 1\nusers:\n  - {id: a, userPrincipalName: a, userType: Member}\n  - {id: b, userPrincipalName: b, userType: Member}\n  - {id: c, userPrincipalName: c, userType: Member, createdDateTime: "2025-13-01"}\n'),
    ).toEqual([
      'export.yaml:5:70: users[2].createdDateTime must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T08:30:00Z (got "2025-13-01")',
    ]);
    expect(messages('schemaVersion: 1\ntenant: {id: t, displayName: D, initialDomain: x, exportedAt: 2026-01-15T09:00:00}\n')).toHaveLength(1);
  });

  it('reports sharedCopies without a recipient as one readable error', () => {
    expect(messages('schemaVersion: 1\nflows:\n  - id: f\n    displayName: F\n    environmentId: e\n    creatorId: u\n    sharedCopies:\n      - sentBy: u\n')).toEqual([
      'export.yaml:8:9: flows[0].sharedCopies[0] must have "recipientId" or "recipientEmail"',
    ]);
  });

  it('rejects an empty id', () => {
    expect(messages('schemaVersion: 1\ngroups: [{id: "", displayName: G}]\n')).toEqual(['export.yaml:2:15: groups[0].id must not be empty']);
  });

  it('names odd keys readably', () => {
    expect(messages('schemaVersion: 1\ntenant: {id: t, displayName: D, initialDomain: x, cloud: Azure}\n')[0]).toContain('tenant.cloud must be one of "Commercial", "GCC", "GCCHigh", "DoD", "China", null (got "Azure")');
  });

  it('reports an unsupported schemaVersion by itself', () => {
    expect(messages('schemaVersion: 2\nusers: [{id: 1}]\n')).toEqual([
      'export.yaml:1:16: unsupported schemaVersion 2 (this version of shareguard reads schemaVersion 1)',
    ]);
    expect(messages('users: [{id: 1}]\n')).toEqual([
      'export.yaml:1:1: unsupported schemaVersion (none given; this version of shareguard reads schemaVersion 1)',
    ]);
    expect(messages('schemaVersion: "1"\n')).toEqual([
      'export.yaml:1:16: unsupported schemaVersion "1" (this version of shareguard reads schemaVersion 1)',
    ]);
    expect(validateFile(parseFile('x.json', '{\n  "schemaVersion": 2\n}')).map((e) => e.message)).toEqual([
      'x.json:2:20: unsupported schemaVersion 2 (this version of shareguard reads schemaVersion 1)',
    ]);
  });

  it('reports a file that is not an object', () => {
    expect(messages('')).toEqual(['export.yaml:1:1: the file is empty; an export file is an object with schemaVersion: 1 and sections']);
    expect(messages('- a\n- b\n')).toEqual(['export.yaml:1:1: the file holds an array; an export file is an object with schemaVersion: 1 and sections']);
  });

  it('sorts errors by position and caps them at 20 per file', () => {
    const users = Array.from({ length: 25 }, (_, i) => `  - {id: u${i}, userPrincipalName: x, userType: member}`);
    const result = messages(`schemaVersion: 1\ntenant: {id: 1, displayName: D, initialDomain: x}\nusers:\n${users.join('\n')}\n`);
    expect(result).toHaveLength(21);
    expect(result[0]).toBe('export.yaml:2:14: tenant.id must be string (got number 1)');
    expect(result[1]).toMatch(/^export\.yaml:4:\d+: users\[0\]\.userType must be one of/);
    expect(result[19]).toMatch(/^export\.yaml:22:\d+: users\[18\]\.userType/);
    expect(result[20]).toBe('export.yaml: … and 6 more errors');
  });

  it('positions errors in JSON files too', () => {
    const text = '{\n  "schemaVersion": 1,\n  "flows": [\n    { "id": "f1", "displayName": "F", "environmentId": "e", "creatorId": "u", "state": "On" }\n  ]\n}\n';
    const column = (text.split('\n')[3] ?? '').indexOf('"On"') + 1;
    expect(validateFile(parseFile('f.json', text)).map((e) => e.message)).toEqual([
      `f.json:4:${column}: flows[0].state must be one of "Started", "Stopped", "Suspended", null (got "On")`,
    ]);
  });

  it('validateParsed throws all files’ errors together', () => {
    let thrown: unknown;
    try {
      validateParsed([yaml('schemaVersion: 2\n', 'a.yaml'), yaml('schemaVersion: 1\nusers: [{id: u}]\n', 'b.yaml')]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputErrors);
    expect((thrown as InputErrors).message.split('\n')).toEqual([
      'a.yaml:1:16: unsupported schemaVersion 2 (this version of shareguard reads schemaVersion 1)',
      'b.yaml:2:9: users[0] is missing required property "userPrincipalName"',
      'b.yaml:2:9: users[0] is missing required property "userType"',
    ]);
  });
});
