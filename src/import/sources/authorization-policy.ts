import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';
import { GUEST_USER_ROLES } from '../well-known.js';

const ALLOW_INVITES_FROM = {
  everyone: 'everyone',
  adminsGuestInvitersAndAllMembers: 'adminsGuestInvitersAndAllMembers',
  adminsAndGuestInviters: 'adminsAndGuestInviters',
  none: 'none',
} as const;

/**
 * The authorization policy (v1.0: the policy object itself; beta: `{ value: [policy] }`) → guestUserAccess,
 * allowInvitesFrom, allowEmailVerifiedUsersToJoinOrganization. Both files at once is an error (which one is
 * right?). An unknown guestUserRoleId is an input error, never a default.
 */
export function readAuthorizationPolicy(ctx: ImportContext): Rec | undefined {
  const v1 = ctx.raw.single(ENDPOINTS.authorizationPolicy.file);
  const beta = ctx.raw.single(ENDPOINTS.authorizationPolicyBeta.file);
  if (v1 && beta) {
    throw beta.error(`both ${ENDPOINTS.authorizationPolicy.file}.json and this beta response are present: keep one of them`);
  }
  const response = v1 ?? beta;
  if (!response) {
    for (const s of ['guestUserAccess', 'allowInvitesFrom', 'allowEmailVerifiedUsersToJoinOrganization']) {
      ctx.notCollected(`externalCollaboration.${s}`, ENDPOINTS.authorizationPolicy);
    }
    return undefined;
  }
  return mapAuthorizationPolicy(policyObject(response, v1 !== undefined));
}

/** The policy object of a response: v1.0 returns it bare, beta wraps it in a one-element `value` list. */
function policyObject(response: RawNode, isV1: boolean): RawNode {
  response.requireObject('the authorization policy');
  const value = response.at('value');
  if (Array.isArray(value.value)) {
    if (isV1) throw value.error('expected the v1.0 authorization policy object, found a beta-style "value" list (save it under graph/beta/)');
    const items = value.items();
    if (items.length !== 1) throw value.error(`expected exactly one authorization policy, found ${items.length}`);
    return (items[0] as RawNode).requireObject('the authorization policy');
  }
  if (!isV1) throw response.error('expected the beta response { "value": [policy] }, found a bare object (save it under graph/v1.0/)');
  return response;
}

/** Maps one policy object; names are matched ignoring case (Graph camelCase, PowerShell PascalCase). */
export function mapAuthorizationPolicy(policy: RawNode): Rec {
  const roleId = policy.atAnyCase('guestUserRoleId');
  if (roleId.isMissing) throw policy.error('the authorization policy has no guestUserRoleId (is this another endpoint\'s response?)');
  return {
    guestUserAccess: roleId.oneOf(GUEST_USER_ROLES, 'guestUserRoleId'),
    allowInvitesFrom: policy.atAnyCase('allowInvitesFrom').optionalOneOf(ALLOW_INVITES_FROM, 'allowInvitesFrom'),
    allowEmailVerifiedUsersToJoinOrganization: policy.atAnyCase('allowEmailVerifiedUsersToJoinOrganization').looseBoolean(),
  };
}
