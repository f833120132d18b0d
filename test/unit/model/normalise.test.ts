import { describe, expect, it } from 'vitest';
import type { MergedExport } from '../../../src/load/types.js';
import { normaliseTenant } from '../../../src/model/normalise.js';

const noLocations = { object: () => undefined, field: () => undefined, setting: () => undefined };

function merged(parts: Partial<MergedExport>): MergedExport {
  const sections: MergedExport['sections'] = {};
  for (const key of ['tenant', 'externalCollaboration', 'powerPlatform', 'users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps'] as const) {
    if (parts[key] !== undefined) sections[key] = true;
  }
  return { files: ['t.yaml'], sections, locations: noLocations, ...parts } as MergedExport;
}

describe('normaliseTenant', () => {
  it('keys objects by id and adds epoch seconds beside ISO times', () => {
    const { tenant } = normaliseTenant(
      merged({
        users: [{ id: 'u1', userPrincipalName: 'Ana@Contoso.com', userType: 'Member', createdDateTime: '2026-01-01T00:00:00Z', lastSignInDateTime: null }],
      }),
    );
    expect(tenant.users?.u1?.createdDateTimeEpoch).toBe(1767225600);
    expect(tenant.users?.u1).not.toHaveProperty('lastSignInDateTimeEpoch');
    expect(tenant.users?.u1?.upnDomain).toBe('contoso.com');
    expect(tenant.index.usersByUpn['ana@contoso.com']).toBe('u1');
  });

  it('records which sections exist and leaves absent ones absent', () => {
    const { tenant } = normaliseTenant(merged({ users: [] }));
    expect(tenant.sections).toEqual({ users: true });
    expect(tenant).not.toHaveProperty('flows');
    expect(tenant).not.toHaveProperty('externalCollaboration');
  });

  it('expands nested groups into transitive members, tolerating cycles', () => {
    const { tenant } = normaliseTenant(
      merged({
        users: [
          { id: 'a', userPrincipalName: 'a@c.com', userType: 'Member' },
          { id: 'b', userPrincipalName: 'b@c.com', userType: 'Member' },
        ],
        groups: [
          { id: 'g1', displayName: 'Outer', members: ['a', 'g2'] },
          { id: 'g2', displayName: 'Inner', members: ['b', 'g1'] },
        ],
      }),
    );
    expect([...(tenant.groups?.g1?.transitiveMembers as string[])].sort()).toEqual(['a', 'b']);
    expect([...(tenant.groups?.g2?.transitiveMembers as string[])].sort()).toEqual(['a', 'b']);
    expect(tenant.index.memberOf.b?.sort()).toEqual(['g1', 'g2']);
  });

  it('resolves DLP scope per environment type and counts environments that no longer exist', () => {
    const { tenant, stats } = normaliseTenant(
      merged({
        environments: [
          { id: 'e1', displayName: 'Prod', type: 'Production' },
          { id: 'e2', displayName: 'Dev', type: 'Sandbox' },
        ],
        dlpPolicies: [
          { id: 'all', displayName: 'All', environmentType: 'AllEnvironments' },
          { id: 'except', displayName: 'Except', environmentType: 'ExceptEnvironments', environments: ['e2'] },
          { id: 'only', displayName: 'Only', environmentType: 'OnlyEnvironments', environments: ['e2', 'gone'] },
        ],
      }),
    );
    expect(tenant.index.dlpPoliciesByEnvironment.e1).toEqual(['all', 'except']);
    expect(tenant.index.dlpPoliciesByEnvironment.e2).toEqual(['all', 'only']);
    expect(stats.danglingDlpEnvironmentRefs).toBe(1);
  });

  it('keeps principals that match nothing as unknown, and does not count SharePoint lists', () => {
    const { tenant, stats } = normaliseTenant(
      merged({
        users: [{ id: 'a', userPrincipalName: 'a@c.com', userType: 'Member' }],
        groups: [],
        flows: [
          {
            id: 'f1', displayName: 'F', environmentId: 'e1', creatorId: 'deleted-1',
            owners: [{ principalId: 'list-1', principalType: 'SharePointList' }, { principalId: 'a', principalType: 'User' }],
          },
        ],
      }),
    );
    expect(Object.keys(tenant.unknownPrincipals)).toEqual(['deleted-1']);
    expect(stats.unknownPrincipals).toBe(1);
  });

  it('treats an id of "__proto__" as an ordinary key', () => {
    const { tenant } = normaliseTenant(merged({ users: [{ id: '__proto__', userPrincipalName: 'x@c.com', userType: 'Member', polluted: true }] }));
    expect(Object.keys(tenant.users!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const roundTrip = JSON.parse(JSON.stringify(tenant.users)) as object;
    expect(Object.getOwnPropertyDescriptor(roundTrip, '__proto__')?.value).toMatchObject({ polluted: true });
  });
});

describe('normalising in place (what a scan does, its raw lists dropped afterwards)', () => {
  it.each(['examples/contoso', 'examples/clean'])('gives %s the same tenant as normalising copies, and shapes the merged objects themselves', async (dir) => {
    const { loadExport } = await import('../../../src/load/index.js');
    const copied = normaliseTenant(await loadExport([dir]));
    const merged = await loadExport([dir]);
    const firstUser = merged.users?.[0];
    const inPlace = normaliseTenant(merged, { inPlace: true });
    expect(inPlace.tenant).toEqual(copied.tenant);
    expect(inPlace.stats).toEqual(copied.stats);
    // The object in the tenant is the merged one, with its twins added (no copy made).
    if (firstUser) {
      expect(inPlace.tenant.users![String(firstUser.id)]).toBe(firstUser);
      expect(Object.keys(firstUser).some((k) => k.endsWith('Epoch'))).toBe(true);
    }
  });
});
