import { describe, expect, it } from 'vitest';
import type { NormalisedTenant } from '../../../src/model/types.js';
import { TenantOverlay } from '../../../src/simulate/overlay.js';

function tenant(): NormalisedTenant {
  return {
    sections: { users: true },
    users: { a: { id: 'a', displayName: 'A' }, b: { id: 'b', displayName: 'B' } },
    index: {
      usersByUpn: { 'a@x.com': 'a', 'b@x.com': 'b' },
      usersByMail: {},
      memberOf: {},
      dlpPoliciesByEnvironment: {},
      flowsByPrincipal: {},
      flowsByEnvironment: {},
      connectorsByEnvironment: {},
      userFields: { displayName: true },
      counts: { users: 2, usersNotDisabled: 2 },
    },
  } as unknown as NormalisedTenant;
}

describe('TenantOverlay', () => {
  it('reads patched entries through layers, drops removed ones, and never writes the loaded tenant', () => {
    const base = tenant();
    const before = JSON.stringify(base);
    const overlay = new TenantOverlay(base);
    overlay.apply([
      { path: ['tenant', 'users', 'c'], value: { id: 'c', displayName: 'C' } },
      { path: ['tenant', 'users', 'a'], value: { id: 'a', displayName: 'A2' } },
      { path: ['tenant', 'index', 'usersByUpn', 'b@x.com'] },
      { path: ['tenant', 'index', 'usersByUpn', 'c@x.com'], value: 'c' },
      { path: ['tenant', 'index', 'counts'], value: { users: 3, usersNotDisabled: 3 } },
      { path: ['tenant', 'index', 'userFields', 'mail'], value: true },
      { path: ['tenant', 'sections', 'groups'], value: true },
      { path: ['tenant', 'groups'], value: {} },
      { path: ['tenant', 'groups', 'g'], value: { id: 'g' } },
    ]);
    const t = overlay.tenant;
    expect(t.users!.c).toEqual({ id: 'c', displayName: 'C' });
    expect(t.users!.a!.displayName).toBe('A2');
    expect(t.users!.b!.displayName).toBe('B'); // from the layer below
    expect(t.index.usersByUpn['b@x.com']).toBeUndefined();
    expect(t.index.usersByUpn['a@x.com']).toBe('a');
    // Objects given whole to a document are own properties (JSON.stringify writes only those).
    expect(JSON.parse(JSON.stringify(t.index.userFields))).toEqual({ displayName: true, mail: true });
    expect(JSON.parse(JSON.stringify(t.sections))).toEqual({ users: true, groups: true });
    expect(t.index.counts.users).toBe(3);
    expect(JSON.stringify(base)).toBe(before);

    const flat = overlay.materialise();
    expect(Object.keys(flat.users!).sort()).toEqual(['a', 'b', 'c']);
    expect(flat.index.usersByUpn).toEqual({ 'a@x.com': 'a', 'c@x.com': 'c' });
    expect(flat.groups).toEqual({ g: { id: 'g' } });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('keeps writing the same layer after the first patch', () => {
    const overlay = new TenantOverlay(tenant());
    overlay.apply([{ path: ['tenant', 'users', 'a'] }]);
    overlay.apply([{ path: ['tenant', 'users', 'a'], value: { id: 'a', displayName: 'back' } }, { path: ['tenant', 'users', 'b'] }]);
    expect(Object.keys(overlay.materialise().users!)).toEqual(['a']);
    expect(overlay.tenant.users!.a!.displayName).toBe('back');
  });
});
