import { describe, expect, it } from 'vitest';
import type { MergedExport } from '../../../src/load/types.js';
import { normaliseTenant } from '../../../src/model/normalise.js';

const noLocations = { object: () => undefined, field: () => undefined, setting: () => undefined };

function merged(parts: Partial<MergedExport>): MergedExport {
  const sections: MergedExport['sections'] = {};
  for (const key of Object.keys(parts) as (keyof MergedExport)[]) (sections as Record<string, true>)[key] = true;
  return { files: ['t.yaml'], sections, locations: noLocations, ...parts } as MergedExport;
}

describe('normaliseTenant: SharePoint, OneDrive and Teams sections', () => {
  it('keys sites and teams by id, with epoch twins on sharing links, and copies the settings sections', () => {
    const { tenant, stats } = normaliseTenant(
      merged({
        sharePoint: { sharingCapability: 'anyone' },
        teamsSettings: { guestAccessEnabled: true },
        sites: [
          {
            id: 's1',
            url: 'https://contoso.sharepoint.com/sites/finance',
            owners: ['u1'],
            sharingLinks: [{ scope: 'anyone', permission: 'edit', expirationDateTime: '2026-01-01T00:00:00Z' }, { scope: 'anyone', expirationDateTime: null }],
          },
        ],
        teams: [{ id: 'g1', displayName: 'Finance' }],
      }),
    );
    expect(tenant.sections).toEqual({ sharePoint: true, teamsSettings: true, sites: true, teams: true });
    expect(tenant.sharePoint).toEqual({ sharingCapability: 'anyone' });
    expect(tenant.teamsSettings).toEqual({ guestAccessEnabled: true });
    const links = tenant.sites?.s1?.sharingLinks as Record<string, unknown>[];
    expect(links[0]?.expirationDateTimeEpoch).toBe(1767225600);
    expect(links[1]).not.toHaveProperty('expirationDateTimeEpoch');
    expect(tenant.teams?.g1?.displayName).toBe('Finance');
    expect(stats.objects).toEqual({ sites: 1, teams: 1 });
  });

  it('counts site owners and external users that match no user or group as unknown principals', () => {
    const { tenant } = normaliseTenant(
      merged({
        users: [{ id: 'u1', userPrincipalName: 'a@c.com', userType: 'Member' }],
        groups: [{ id: 'g1', displayName: 'Owners', members: [] }],
        sites: [{ id: 's1', url: 'https://c.sharepoint.com/sites/a', owners: ['u1', 'g1', 'gone'], externalUsers: ['left'] }],
      }),
    );
    expect(Object.keys(tenant.unknownPrincipals).sort()).toEqual(['gone', 'left']);
  });
});
