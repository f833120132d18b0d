import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../src/errors.js';
import { loadExport, mergeFiles, parseFile } from '../../../src/load/index.js';
import { normaliseTenant } from '../../../src/model/normalise.js';
import { FIXTURES, inputErrorsOf, thrownBy } from './helpers.js';

const parse = (file: string, text: string) => parseFile(file, text);

describe('mergeFiles', () => {
  it('concatenates list sections in file order and merges object sections key by key', () => {
    const bJson = '{"schemaVersion":1,"users":[{"id":"u2","userPrincipalName":"b","userType":"Guest"}],"tenant":{"id":"t1","initialDomain":"contoso.onmicrosoft.com"}}';
    const merged = mergeFiles([
      parse('a.yaml', 'schemaVersion: 1\nusers:\n  - {id: u1, userPrincipalName: a, userType: Member}\ntenant:\n  id: t1\n  displayName: Contoso\n'),
      parse('b.json', bJson),
      parse('c.yaml', 'schemaVersion: 1\ngroups: []\n'),
    ]);
    expect(merged.files).toEqual(['a.yaml', 'b.json', 'c.yaml']);
    expect(merged.sections).toEqual({ users: true, tenant: true, groups: true });
    expect(merged.users?.map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(merged.groups).toEqual([]);
    expect(merged.tenant).toEqual({ id: 't1', displayName: 'Contoso', initialDomain: 'contoso.onmicrosoft.com' });
    expect(merged.flows).toBeUndefined();
    expect('flows' in merged).toBe(false);
    expect(merged.locations.setting('tenant.initialDomain')).toEqual({ file: 'b.json', line: 1, column: bJson.indexOf('"contoso.') + 1 });
    expect(merged.locations.setting('tenant.displayName')).toEqual({ file: 'a.yaml', line: 6, column: 16 });
    expect(merged.locations.object('user', 'u2')).toEqual({ file: 'b.json', line: 1, column: bJson.indexOf('{"id"') + 1 });
  });

  it('lets a value replace null, and accepts the same value twice', () => {
    const merged = mergeFiles([
      parse('a.yaml', 'schemaVersion: 1\nexternalCollaboration:\n  guestUserAccess: null\n  m365Groups: {allowToAddGuests: true}\n'),
      parse('b.yaml', 'schemaVersion: 1\nexternalCollaboration:\n  guestUserAccess: restricted\n  m365Groups: {allowToAddGuests: true}\n'),
      parse('c.yaml', 'schemaVersion: 1\nexternalCollaboration:\n  guestUserAccess: null\n'),
    ]);
    expect(merged.externalCollaboration).toEqual({ guestUserAccess: 'restricted', m365Groups: { allowToAddGuests: true } });
    expect(merged.locations.setting('externalCollaboration.guestUserAccess')).toEqual({ file: 'b.yaml', line: 3, column: 20 });
  });

  it('reports an object-section conflict naming both places', async () => {
    const errors = await inputErrorsOf(() => loadExport(['conflict'], { cwd: FIXTURES }));
    expect(errors.map((e) => e.message)).toEqual([
      'conflict/b.yaml:4:16: conflicting values for tenant.displayName: "Contoso Ltd" here but "Contoso" at conflict/a.yaml:4:16',
    ]);
  });

  it('reports a duplicate id across two files at the second occurrence, naming the first', async () => {
    const errors = await inputErrorsOf(() => loadExport(['dup-ids'], { cwd: FIXTURES }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.position).toEqual({ file: 'dup-ids/users-b.json', line: 5, column: 5 });
    expect(errors[0]?.detail).toBe('duplicate user id "u-2" (first defined at dup-ids/users-a.yaml:6:5)');
  });

  it('reports a duplicate id within one file', async () => {
    const errors = await inputErrorsOf(() =>
      mergeFiles([parse('envs.yaml', 'schemaVersion: 1\nenvironments:\n  - {id: e1, displayName: A, type: Sandbox}\n  - {id: e1, displayName: B, type: Trial}\n')]),
    );
    expect(errors.map((e) => e.message)).toEqual(['envs.yaml:4:5: duplicate environment id "e1" (first defined at envs.yaml:3:5)']);
  });

  it('reports dangling environmentId and securityGroupId at the referencing field', async () => {
    const errors = await inputErrorsOf(() => loadExport(['dangling'], { cwd: FIXTURES }));
    expect(errors.map((e) => e.message)).toEqual([
      'dangling/envs.yaml:6:22: environment "Sales" (id env-1) has securityGroupId "g-missing" but no such group is defined (groups: dangling/envs.yaml)',
      'dangling/flows.json:13:24: flow "Invoice approval" (id f-bad) has environmentId "env-nowhere" but no such environment is defined (environments: dangling/envs.yaml)',
      'dangling/flows.json:18:64: app "Expenses" (id a-1) has environmentId "env-gone" but no such environment is defined (environments: dangling/envs.yaml)',
    ]);
  });

  it('names every file holding the target section', async () => {
    const errors = await inputErrorsOf(() =>
      mergeFiles([
        parse('e1.yaml', 'schemaVersion: 1\nenvironments: [{id: e1, displayName: A, type: Sandbox}]\n'),
        parse('e2.yaml', 'schemaVersion: 1\nenvironments: [{id: e2, displayName: B, type: Sandbox}]\n'),
        parse('f.yaml', 'schemaVersion: 1\nflows:\n  - id: f1\n    displayName: F\n    environmentId: e3\n    creatorId: u1\n'),
      ]),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'f.yaml:5:20: flow "F" (id f1) has environmentId "e3" but no such environment is defined (environments: e1.yaml, e2.yaml)',
    ]);
  });

  it('does not check references when the target section is absent', () => {
    const flowsOnly = mergeFiles([
      parse('f.yaml', 'schemaVersion: 1\nflows:\n  - {id: f1, displayName: F, environmentId: nowhere, creatorId: u1}\n'),
      parse('a.yaml', 'schemaVersion: 1\napps:\n  - {id: a1, displayName: A, environmentId: nowhere, ownerId: u1}\n'),
    ]);
    expect(flowsOnly.flows?.[0]?.environmentId).toBe('nowhere');
    expect(flowsOnly.apps?.[0]?.environmentId).toBe('nowhere');
    expect(flowsOnly.sections.environments).toBeUndefined();
    const envsOnly = mergeFiles([
      parse('e.yaml', 'schemaVersion: 1\nenvironments:\n  - {id: e1, displayName: E, type: Production, securityGroupId: g-unknown}\n'),
    ]);
    expect(envsOnly.environments?.[0]?.securityGroupId).toBe('g-unknown');
    expect(envsOnly.sections.groups).toBeUndefined();
  });

  it('never treats dangling principals as errors', () => {
    const merged = mergeFiles([
      parse(
        'all.yaml',
        [
          'schemaVersion: 1',
          'users: [{id: u1, userPrincipalName: a, userType: Member, sponsors: [ghost], invitedBy: ghost}]',
          'groups: [{id: g1, displayName: G, members: [ghost], owners: [ghost]}]',
          'environments: [{id: e1, displayName: E, type: Production, securityGroupId: g1, roleAssignments: [{principalId: ghost, principalType: User, role: EnvironmentAdmin}]}]',
          'flows: [{id: f1, displayName: F, environmentId: e1, creatorId: ghost, owners: [{principalId: ghost, principalType: User}], connectionReferences: [{connectionOwnerId: ghost}]}]',
          'apps: [{id: a1, displayName: A, environmentId: e1, ownerId: ghost, sharedWith: [{principalId: ghost, role: CanEdit}]}]',
        ].join('\n'),
      ),
    ]);
    expect(merged.flows?.[0]?.creatorId).toBe('ghost');
    expect(merged.apps?.[0]?.ownerId).toBe('ghost');
  });

  it('keeps DLP environments that name no environment (the normaliser counts them)', () => {
    const merged = mergeFiles([
      parse(
        'p.yaml',
        'schemaVersion: 1\nenvironments: [{id: e1, displayName: E, type: Default}]\ndlpPolicies:\n  - {id: d1, displayName: D, environmentType: OnlyEnvironments, environments: [e1, gone1, gone2]}\n  - {id: d2, displayName: D2, environmentType: ExceptEnvironments, environments: [gone1]}\n',
      ),
    ]);
    expect(merged.dlpPolicies?.[0]?.environments).toEqual(['e1', 'gone1', 'gone2']);
    expect(normaliseTenant(merged).stats.danglingDlpEnvironmentRefs).toBe(3);
    const noEnvs = mergeFiles([parse('p.yaml', 'schemaVersion: 1\ndlpPolicies: [{id: d1, displayName: D, environmentType: OnlyEnvironments, environments: [x]}]\n')]);
    expect(normaliseTenant(noEnvs).stats.danglingDlpEnvironmentRefs).toBe(0);
  });

  it('collects all errors of a pass, sorted by file and position, capped per file', async () => {
    const users = Array.from({ length: 30 }, () => '  - {id: same, userPrincipalName: a, userType: Member}');
    const e = await thrownBy(() =>
      mergeFiles([
        parse('a.yaml', `schemaVersion: 1\nusers:\n${users.join('\n')}\n`),
        parse('b.yaml', 'schemaVersion: 1\nusers: [{id: same, userPrincipalName: a, userType: Member}]\n'),
      ]),
    );
    expect(e).toBeInstanceOf(InputErrors);
    const lines = (e as InputErrors).message.split('\n');
    expect(lines).toHaveLength(20 + 1 + 1);
    expect(lines[0]).toBe('a.yaml:4:5: duplicate user id "same" (first defined at a.yaml:3:5)');
    expect(lines[20]).toBe('a.yaml: … and 9 more errors');
    expect(lines[21]).toBe('b.yaml:2:9: duplicate user id "same" (first defined at a.yaml:3:5)');
  });
});

describe('LocationIndex of a multi-file export', () => {
  it('maps objects, fields and settings to exact lines', async () => {
    const merged = await loadExport(['multi'], { cwd: FIXTURES });
    expect(merged.files).toEqual(['multi/groups.json', 'multi/power/envs.yaml', 'multi/power/flows.json', 'multi/tenant.yaml', 'multi/users.yaml']);
    const loc = merged.locations;
    expect(loc.object('user', 'u-alice')).toEqual({ file: 'multi/users.yaml', line: 3, column: 5 });
    expect(loc.object('user', 'u-guest')).toEqual({ file: 'multi/users.yaml', line: 7, column: 5 });
    expect(loc.object('group', 'g-makers')).toEqual({ file: 'multi/groups.json', line: 4, column: 5 });
    expect(loc.object('environment', 'env-prod')).toEqual({ file: 'multi/power/envs.yaml', line: 7, column: 5 });
    expect(loc.object('dlpPolicy', 'dlp-1')).toEqual({ file: 'multi/power/envs.yaml', line: 16, column: 5 });
    expect(loc.object('flow', 'f-1')).toEqual({ file: 'multi/power/flows.json', line: 4, column: 5 });
    expect(loc.object('app', 'a-1')).toEqual({ file: 'multi/power/flows.json', line: 14, column: 5 });
    expect(loc.object('tenant', '6b7f3a2e-1c4d-4e5f-9a8b-0c1d2e3f4a5b')).toEqual({ file: 'multi/tenant.yaml', line: 4, column: 3 });
    expect(loc.object('user', 'u-nobody')).toBeUndefined();
    expect(loc.field('environment', 'env-prod', ['roleAssignments', 0, 'principalId'])).toEqual({ file: 'multi/power/envs.yaml', line: 12, column: 22 });
    expect(loc.field('user', 'u-guest', ['sponsors'])).toEqual({ file: 'multi/users.yaml', line: 13, column: 15 });
    expect(loc.field('flow', 'f-1', ['creatorId'])).toEqual({ file: 'multi/power/flows.json', line: 8, column: 20 });
    expect(loc.field('flow', 'f-1', ['notThere'])).toEqual({ file: 'multi/power/flows.json', line: 4, column: 5 });
    expect(loc.setting('externalCollaboration')).toEqual({ file: 'multi/tenant.yaml', line: 10, column: 3 });
    expect(loc.setting('externalCollaboration.allowInvitesFrom')).toEqual({ file: 'multi/tenant.yaml', line: 11, column: 21 });
    expect(loc.setting('externalCollaboration.invitationDomains.mode')).toEqual({ file: 'multi/tenant.yaml', line: 13, column: 11 });
    expect(loc.setting('externalCollaboration.crossTenantAccess.default')).toEqual({ file: 'multi/tenant.yaml', line: 10, column: 3 });
    expect(loc.setting('powerPlatform.tenantSettings')).toBeUndefined();
    expect(normaliseTenant(merged).stats.danglingDlpEnvironmentRefs).toBe(1);
    expect(merged.users?.[1]?.customField).toBe('kept');
    expect(JSON.parse(JSON.stringify(merged.locations))).toEqual({});
  });
});
