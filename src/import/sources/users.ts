import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';

const USER_TYPES = { Member: 'Member', Guest: 'Guest' } as const;
/** Graph's creationType. EmailVerified (joined through e-mail verified sign-up) is a kind of self-service sign-up. */
const CREATION_TYPES = {
  Invitation: 'Invitation',
  SelfServiceSignUp: 'SelfServiceSignUp',
  EmailVerified: 'SelfServiceSignUp',
  LocalAccount: 'LocalAccount',
} as const;
const EXTERNAL_STATES = { PendingAcceptance: 'PendingAcceptance', Accepted: 'Accepted' } as const;
const SIGN_IN_FIELDS = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime'] as const;

/**
 * graph/v1.0/users (all pages) → the users section, without directory roles (added by the mapper).
 *
 * Sign-in: Graph leaves signInActivity out for a user who never signed in, and for every user when the tenant
 * lacks the licence or the caller AuditLog.Read.All. Either way the export says "not known" (null), never a date
 * it does not have; when no user at all carries signInActivity, sign-in data is recorded as not collected. The
 * most recent of the interactive, non-interactive and successful sign-in times is taken.
 *
 * Licences: assignedLicenses holds SKU ids; subscribedSkus turns them into part numbers (an id no longer
 * subscribed stays as the id). Sponsors: an inline `sponsors` list, or the per-user sponsors listing.
 */
export function readUsers(ctx: ImportContext, skus: Map<string, string> | undefined): Rec[] | undefined {
  const endpoint = ENDPOINTS.users;
  const items = ctx.raw.list(endpoint.file);
  if (!items) {
    ctx.notCollected('users', endpoint);
    return undefined;
  }
  const signInSeen = items.some((u) => !u.at('signInActivity').isMissing);
  const sponsorsSeen = items.some((u) => Array.isArray(u.at('sponsors').value)) || ctx.raw.subfolders('graph/v1.0/users').some((id) => ctx.raw.has(fill(ENDPOINTS.sponsors.file, { id })));
  if (!signInSeen) ctx.missingBecause('users[].lastSignInDateTime', 'not collected: no user carries signInActivity (needs AuditLog.Read.All and an Entra ID P1 licence)');
  if (!sponsorsSeen) ctx.notCollected('users[].sponsors', ENDPOINTS.sponsors);
  if (!skus) ctx.notCollected('users[].licenses', ENDPOINTS.subscribedSkus);

  return items.map((node) => {
    node.requireObject('a user');
    const id = node.at('id').string();
    const user: Rec = {
      id,
      userPrincipalName: node.at('userPrincipalName').string(),
      displayName: node.at('displayName').optionalString(),
      mail: node.at('mail').optionalString(),
      userType: node.at('userType').oneOf(USER_TYPES, 'userType'),
      accountEnabled: node.at('accountEnabled').optionalBoolean(),
      creationType: node.at('creationType').optionalOneOf(CREATION_TYPES, 'creationType'),
      externalUserState: node.at('externalUserState').optionalOneOf(EXTERNAL_STATES, 'externalUserState'),
      externalUserStateChangeDateTime: node.at('externalUserStateChangeDateTime').optionalString(),
      identities: identities(node.at('identities')),
      createdDateTime: node.at('createdDateTime').optionalString(),
    };
    if (signInSeen) user.lastSignInDateTime = lastSignIn(node.at('signInActivity'));
    if (skus) user.licenses = licences(node.at('assignedLicenses'), skus);
    if (sponsorsSeen) user.sponsors = sponsors(ctx, node, id);
    return ctx.track(user, node);
  });
}

/**
 * Whose sponsors `collect` asks for: external accounts, that is guests and members who came in by invitation
 * (a B2B account converted to member keeps its sponsors).
 */
export function isExternalAccount(user: RawNode): boolean {
  return user.at('userType').value === 'Guest' || user.at('creationType').value === 'Invitation' || !user.at('externalUserState').isMissing;
}

function identities(node: RawNode): Rec[] | null {
  if (node.isMissing) return null;
  return node.items().map((i) => ({ signInType: i.at('signInType').optionalString(), issuer: i.at('issuer').optionalString() }));
}

function lastSignIn(activity: RawNode): string | null {
  if (activity.isMissing) return null;
  activity.requireObject('signInActivity');
  let latest: string | null = null;
  for (const field of SIGN_IN_FIELDS) {
    const value = activity.at(field).optionalString();
    if (value === null) continue;
    if (Number.isNaN(Date.parse(value))) throw activity.at(field).error(`expected a date-time, found ${JSON.stringify(value)}`);
    if (latest === null || Date.parse(value) > Date.parse(latest)) latest = value;
  }
  return latest;
}

function licences(node: RawNode, skus: Map<string, string>): string[] | null {
  if (node.isMissing) return null;
  return node.items().map((l) => {
    const skuId = l.at('skuId').string();
    return skus.get(skuId.toLowerCase()) ?? skuId;
  });
}

function sponsors(ctx: ImportContext, user: RawNode, id: string): string[] | null {
  const inline = user.at('sponsors');
  if (Array.isArray(inline.value)) return inline.items().map((s) => s.at('id').string());
  const listed = ctx.raw.list(fill(ENDPOINTS.sponsors.file, { id }));
  return listed ? listed.map((s) => s.at('id').string()) : null;
}
