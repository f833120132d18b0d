import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';

const TYPES = { User: 'User', Group: 'Group', SharePointList: 'SharePointList', Tenant: 'Tenant' } as const;
const OWNER_ROLES = new Set(['owner', 'canedit']);

export interface FlowPrincipals {
  owners: Rec[] | null;
  runOnlyUsers: Rec[] | null;
}

/**
 * A flow's owners (permissions listing: roles Owner and CanEdit) and run-only users (its users listing, plus any
 * CanView entry among the permissions). Both the admin REST shape ({ properties: { roleName, principal: { id,
 * type } } }) and Get-AdminFlowOwnerRole's ({ RoleName, PrincipalObjectId, PrincipalType }) are read.
 *
 * A `Tenant` principal is the whole organisation: the export keeps it as { principalId: <tenant id>,
 * principalType: null, sharedWithOrganisation: true }, since the model's principal types are users, groups and
 * SharePoint lists.
 */
export function readFlowPrincipals(ctx: ImportContext, env: string, flow: string): FlowPrincipals {
  const permissions = ctx.raw.list(fill(ENDPOINTS.flowPermissions.file, { env, flow }));
  const users = ctx.raw.list(fill(ENDPOINTS.flowUsers.file, { env, flow }));
  const owners: Rec[] = [];
  const runOnly: Rec[] = [];
  for (const entry of permissions ?? []) {
    const { role, principal } = permission(entry);
    if (OWNER_ROLES.has(role)) owners.push(principal);
    else if (role === 'canview') runOnly.push(principal);
    else throw entry.error(`unknown flow role ${JSON.stringify(role)} (expected Owner, CanEdit or CanView)`);
  }
  for (const entry of users ?? []) {
    const { principal } = permission(entry);
    if (!runOnly.some((p) => p.principalId === principal.principalId)) runOnly.push(principal);
  }
  return {
    owners: permissions ? owners : null,
    runOnlyUsers: users || runOnly.length > 0 ? runOnly : null,
  };
}

function permission(entry: RawNode): { role: string; principal: Rec } {
  entry.requireObject('a flow permission');
  const props = entry.at('properties');
  if (!props.isMissing) {
    const principal = props.at('principal');
    const type = principal.at('type');
    const id = principal.at('id').optionalString() ?? principal.at('tenantId').string();
    return { role: (props.at('roleName').optionalString() ?? 'CanView').toLowerCase(), principal: mapPrincipal(id, type) };
  }
  const role = entry.atAnyCase('RoleName').optionalString() ?? entry.atAnyCase('RoleType').optionalString() ?? 'CanView';
  return { role: role.toLowerCase(), principal: mapPrincipal(entry.atAnyCase('PrincipalObjectId').string(), entry.atAnyCase('PrincipalType')) };
}

function mapPrincipal(id: string, typeNode: RawNode): Rec {
  const type = typeNode.oneOf(TYPES, 'principal type');
  if (type === 'Tenant') return { principalId: id, principalType: null, sharedWithOrganisation: true };
  return { principalId: id, principalType: type };
}
