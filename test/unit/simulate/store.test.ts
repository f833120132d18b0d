import { describe, expect, it } from 'vitest';
import type { MergedExport } from '../../../src/load/types.js';
import { normaliseTenant } from '../../../src/model/normalise.js';
import { CopyOnWriteStore } from '../../../src/simulate/store.js';
import { TenantState } from '../../../src/simulate/state.js';

const noLocations = { object: () => undefined, field: () => undefined, setting: () => undefined };

function loaded() {
  const merged = {
    files: ['t.yaml'],
    sections: { users: true, groups: true, externalCollaboration: true },
    locations: noLocations,
    externalCollaboration: { guestUserAccess: 'limited', m365Groups: { allowToAddGuests: true, allowGuestsToAccessGroups: true } },
    users: [
      { id: 'u-ana', userPrincipalName: 'ana@contoso.com', userType: 'Member', accountEnabled: true },
      { id: 'u-gus', userPrincipalName: 'gus@fabrikam.com', userType: 'Guest', sponsors: ['u-ana'], invitedBy: 'u-ana' },
    ],
    groups: [{ id: 'g-ops', displayName: 'Operations', members: ['u-ana'], owners: ['u-ana'] }],
  } as MergedExport;
  return normaliseTenant(merged).tenant;
}

describe('CopyOnWriteStore', () => {
  it('hands out private copies, keeps the loaded tenant as it was, and reports what was edited once', () => {
    const base = loaded();
    const before = JSON.stringify(base);
    const store = new CopyOnWriteStore(base);
    const ana = store.edit('users', 'u-ana')!;
    ana.displayName = 'Ana';
    store.edit('users', 'u-ana')!.department = 'Finance'; // a second edit in the same change
    store.add('users', { id: 'u-new', userType: 'Guest' });
    store.setSetting(['externalCollaboration', 'm365Groups', 'allowToAddGuests'], false);
    expect(store.edit('users', 'u-none')).toBeUndefined();

    expect(store.get('users', 'u-ana')).toMatchObject({ displayName: 'Ana', department: 'Finance' });
    expect(store.ids('users').sort()).toEqual(['u-ana', 'u-gus', 'u-new']);
    expect(store.setting('externalCollaboration')).toEqual({ guestUserAccess: 'limited', m365Groups: { allowToAddGuests: false, allowGuestsToAccessGroups: true } });
    expect(JSON.stringify(base)).toBe(before);

    const pending = store.take();
    // The state before the change is the loaded object for an edited one, undefined for an added one.
    expect([...pending.objects.get('users')!.entries()]).toEqual([
      ['u-ana', base.users!['u-ana']],
      ['u-new', undefined],
    ]);
    expect([...pending.settings]).toEqual(['externalCollaboration']);
    expect(store.take()).toEqual({ objects: new Map(), settings: new Set() });
  });
});

describe('scope and the description', () => {
  it('does not follow users\' sponsors or inviter (scope: false), and does follow group owners', () => {
    const state = new TenantState(loaded());
    state.prepare();
    state.edit('users', 'u-ana')!.displayName = 'Ana';
    const scope = state.commit().scope!;
    expect(scope.users).toEqual(['u-ana']); // not u-gus, whose sponsor and inviter she is
    expect(scope.groups).toEqual(['g-ops']);
  });
});
