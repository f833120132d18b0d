import type { JsonObject, NormalisedTenant } from '../../../src/model/types.js';

function user(id: string, upn: string, displayName: string, userType: 'Member' | 'Guest', mail = upn): JsonObject {
  return { id, userPrincipalName: upn, displayName, mail, userType, accountEnabled: true };
}

/** A small tenant: two Sam Lees (same display name), a guest, a pending invitee, two groups, a flow, an environment. */
export function smallTenant(): NormalisedTenant {
  const users: Record<string, JsonObject> = {
    'u-alice': user('u-alice', 'alice@contoso.com', 'Alice Admin', 'Member'),
    'u-carol': user('u-carol', 'carol@contoso.com', 'Carol Jones', 'Member'),
    'u-sam1': user('u-sam1', 'sam.lee@contoso.com', 'Sam Lee', 'Member'),
    'u-sam2': user('u-sam2', 'sam.lee@contoso.co.uk', 'Sam Lee', 'Member'),
    'u-bob': user('u-bob', 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'Bob Guest', 'Guest', 'bob@fabrikam.com'),
    'u-dora': { ...user('u-dora', 'dora_northwind.example#EXT#@contoso.onmicrosoft.com', 'Dora', 'Guest', 'dora@northwind.example'), externalUserState: 'PendingAcceptance' },
  };
  const usersByUpn: Record<string, string> = {};
  const usersByMail: Record<string, string> = {};
  for (const [id, u] of Object.entries(users)) {
    usersByUpn[String(u.userPrincipalName).toLowerCase()] = id;
    usersByMail[String(u.mail).toLowerCase()] = id;
  }
  return {
    sections: { tenant: true, users: true, groups: true, flows: true, environments: true },
    tenant: { id: 't-1', displayName: 'Contoso', initialDomain: 'contoso.onmicrosoft.com', verifiedDomains: ['contoso.com'] },
    domains: { 'contoso.onmicrosoft.com': true, 'contoso.com': true },
    users,
    groups: {
      'g-fin': { id: 'g-fin', displayName: 'Finance Team', members: ['u-alice'], owners: ['u-alice'] },
      'g-ops': { id: 'g-ops', displayName: 'Operations', members: ['u-carol'], owners: [] },
    },
    flows: {
      'f-exp': {
        id: 'f-exp',
        displayName: 'Expense Approval',
        environmentId: 'e-prod',
        creatorId: 'u-alice',
        owners: [{ principalId: 'u-alice', principalType: 'User' }, { principalId: 'u-carol', principalType: 'User' }],
        runOnlyUsers: [],
      },
    },
    environments: { 'e-prod': { id: 'e-prod', displayName: 'Production', type: 'Production', roleAssignments: [] } },
    unknownPrincipals: {},
    index: { usersByUpn, usersByMail, memberOf: { 'u-alice': ['g-fin'], 'u-carol': ['g-ops'] }, dlpPoliciesByEnvironment: {}, flowsByPrincipal: {} },
  };
}

export { messages } from '../../helpers/errors.js';
