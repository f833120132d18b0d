import fc from 'fast-check';
import type { JsonObject } from '../../../src/model/types.js';
import type { LoadedTenant } from '../../../src/scan.js';
import { SETTING_SCHEMAS } from '../../../src/simulate/settings.js';
import type { ChangeResult } from '../../../src/simulate/simulate.js';
import type { RawChange } from '../../../src/simulate/types.js';
import { ENVIRONMENT_ROLES, SETTING_PATHS } from '../../../src/simulate/types.js';

// The change sequences the simulator's property tests draw (incremental.property.test.ts: incremental vs
// re-scan; per-change.property.test.ts: per-change documents vs one instance), and what two runs must agree on.

export const ADDRESSES = [
  'jordan.reyes.design@gmail.com',
  'priya.nair@fabrikam.com',
  'liam.oconnor+vendor@northwindtraders.com',
  'ana.silva@litwareinc.com',
  'new.hire@contoso.com',
  'mei.tanaka@woodgrovebank.com',
];
const ISSUERS = ['ExternalAzureAD', 'google.com', 'mail', 'MicrosoftAccount'];

/** Draws raw changes naming objects of the tenant by id (and invitees by address). */
export function changeArbitrary(t: LoadedTenant): fc.Arbitrary<RawChange> {
  const ids = (kind: 'users' | 'groups' | 'environments' | 'flows') => Object.keys(t.tenant[kind] ?? {}).sort();
  const users = ids('users');
  const guests = users.filter((id) => (t.tenant.users![id] as JsonObject).userType === 'Guest');
  const groups = ids('groups');
  const principals = [...users, ...groups];
  const flows = ids('flows');
  const environments = ids('environments');
  const sites = Object.keys(t.tenant.sites ?? {}).sort();
  const pick = (list: string[]) => fc.constantFrom(...list);
  const settings = SETTING_PATHS.filter((p) => p !== 'externalCollaboration.invitationDomains');
  const settingValue = (path: (typeof SETTING_PATHS)[number]): fc.Arbitrary<unknown> => {
    const schema = SETTING_SCHEMAS[path] as { type: string; enum?: string[] };
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.type === 'boolean') return fc.boolean();
    if (schema.type === 'integer') return fc.constantFrom(0, 30, 365);
    return fc.subarray(['fabrikam.com', 'gmail.com', 'northwindtraders.com', 'litwareinc.com'], { minLength: 1 });
  };
  return fc.oneof(
    fc.record({
      action: fc.constant('invite' as const),
      actor: pick(users),
      email: fc.constantFrom(...ADDRESSES),
      groups: fc.subarray(groups, { maxLength: 2 }),
    }),
    fc.record({ action: fc.constant('redeem' as const), user: pick(guests), identityIssuer: fc.constantFrom(...ISSUERS) }),
    fc.record({
      action: fc.constant('share-flow' as const),
      actor: pick(users),
      flow: pick(flows),
      principal: pick(principals),
      role: fc.constantFrom('owner' as const, 'run-only' as const, 'copy' as const),
    }),
    fc.record({
      action: fc.constant('unshare-flow' as const),
      actor: pick(users),
      flow: pick(flows),
      principal: pick(principals),
      role: fc.constantFrom('owner' as const, 'run-only' as const),
    }),
    fc.record({ action: fc.constant('add-group-member' as const), actor: pick(users), group: pick(groups), principal: pick(users) }),
    fc.record({
      action: fc.constant('assign-environment-role' as const),
      actor: pick(users),
      environment: pick(environments),
      principal: pick(principals),
      role: fc.constantFrom(...ENVIRONMENT_ROLES),
    }),
    fc.constantFrom(...settings).chain((path) => settingValue(path).map((value) => ({ action: 'set' as const, path, value }))),
    // A share with a person (a user of the tenant or any address) or a link; refused ones included.
    fc.oneof(
      fc.record({ recipient: fc.oneof(pick(users), fc.constantFrom(...ADDRESSES)) }),
      fc.record({ link: fc.constantFrom('anyone' as const, 'organization' as const) }),
    ).chain((who) =>
      fc.record({
        action: fc.constant('share-site' as const),
        actor: pick(users),
        site: pick(sites),
        item: fc.constantFrom('site' as const, 'folder' as const, 'file' as const),
        permission: fc.constantFrom('view' as const, 'edit' as const),
      }).map((c) => ({ ...c, ...who })),
    ),
  ) as fc.Arbitrary<RawChange>;
}

/** What the two strategies must agree on, finding by finding. */
export function comparable(results: ChangeResult[]) {
  const findings = (list: ChangeResult['introduced']) =>
    list.map((f) => `${f.fingerprint} ${f.controlId} ${f.severity} ${f.message}`).sort();
  return results.map((r) => ({
    index: r.index,
    applied: r.effects.applied,
    allowed: r.platform.allowed,
    introduced: findings(r.introduced),
    resolved: findings(r.resolved),
    decision: r.decision,
  }));
}

/** Distinct invitee addresses only: inviting the same address twice is an input error, not a simulation. */
export function distinctInvites(changes: RawChange[]): RawChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => c.action !== 'invite' || (!seen.has(c.email) && seen.add(c.email)));
}

