import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';

const SKUS = {
  Default: 'Default',
  Production: 'Production',
  Sandbox: 'Sandbox',
  Developer: 'Developer',
  Trial: 'Trial',
  SubscriptionBasedTrial: 'Trial',
  Teams: 'Teams',
} as const;

/** Role names as the admin API (EnvironmentAdmin) or Dataverse (System Administrator) spell them. */
const ROLES: Readonly<Record<string, string>> = {
  environmentadmin: 'EnvironmentAdmin',
  environmentmaker: 'EnvironmentMaker',
  systemadministrator: 'SystemAdministrator',
  systemcustomizer: 'SystemCustomizer',
  basicuser: 'BasicUser',
};
const PRINCIPALS = { User: 'User', Group: 'Group' } as const;
const NO_GROUP = '00000000-0000-0000-0000-000000000000';

/**
 * powerplatform/bap/environments → the environments section; each environment's role assignments from its
 * roleAssignments listing (null when not collected). securityGroupId comes from the Dataverse link
 * (linkedEnvironmentMetadata) or the environment itself; an empty or all-zero id means no group.
 */
export function readEnvironments(ctx: ImportContext): Rec[] | undefined {
  const endpoint = ENDPOINTS.environments;
  const items = ctx.raw.list(endpoint.file);
  if (!items) {
    ctx.notCollected('environments', endpoint);
    return undefined;
  }
  let rolesMissing = 0;
  let skipped = 0;
  const environments = items.map((node) => {
    const env = mapEnvironment(node);
    const roles = ctx.raw.list(fill(ENDPOINTS.environmentRoles.file, { env: env.id as string }));
    if (roles) {
      const assignments = roles.map(mapRoleAssignment);
      env.roleAssignments = assignments.filter((a): a is Rec => a !== undefined);
      skipped += assignments.length - (env.roleAssignments as Rec[]).length;
    } else {
      env.roleAssignments = null;
      rolesMissing += 1;
    }
    return ctx.track(env, node);
  });
  if (rolesMissing > 0) ctx.missingBecause('environments[].roleAssignments', `not collected for ${rolesMissing} of ${environments.length} environment(s): ${ENDPOINTS.environmentRoles.file}.json absent (needs ${ENDPOINTS.environmentRoles.permission})`);
  if (skipped > 0) ctx.note(`${skipped} environment role assignment(s) left out: custom Dataverse roles, or the whole organisation's implicit rights, which the export does not model`);
  return environments;
}

/** One environment, from the admin REST shape ({ name, properties: {…} }) or Get-AdminPowerAppEnvironment's. */
export function mapEnvironment(node: RawNode): Rec {
  node.requireObject('an environment');
  const internal = node.atAnyCase('Internal');
  if (!internal.isMissing) return mapEnvironment(internal);
  const props = node.at('properties');
  if (props.isMissing) {
    // Get-AdminPowerAppEnvironment without Internal: EnvironmentName, DisplayName, EnvironmentType, IsDefault.
    const isDefault = node.atAnyCase('IsDefault').looseBoolean() === true;
    return {
      id: node.atAnyCase('EnvironmentName').string(),
      displayName: node.atAnyCase('DisplayName').string(),
      type: isDefault ? 'Default' : node.atAnyCase('EnvironmentType').oneOf(SKUS, 'environment type'),
      securityGroupId: null,
    };
  }
  const linked = props.at('linkedEnvironmentMetadata');
  const group = linked.at('securityGroupId').optionalString() ?? props.at('securityGroupId').optionalString();
  return {
    id: node.at('name').string(),
    displayName: props.at('displayName').string(),
    type: props.at('environmentSku').oneOf(SKUS, 'environmentSku'),
    securityGroupId: group && group !== NO_GROUP ? group : null,
  };
}

/** One role assignment; undefined for what the export does not model (custom roles, the whole organisation). */
function mapRoleAssignment(node: RawNode): Rec | undefined {
  const props = node.at('properties');
  const principal = props.at('principal');
  const type = principal.at('type').string();
  if (type.toLowerCase() === 'tenant') return undefined;
  const definition = props.at('roleDefinition');
  const candidates = [definition.at('id').optionalString()?.split('/').pop(), definition.at('name').optionalString()];
  const role = candidates.map((c) => (c ? ROLES[c.replace(/\s+/g, '').toLowerCase()] : undefined)).find((r) => r !== undefined);
  if (role === undefined) return undefined;
  return { principalId: principal.at('id').string(), principalType: principal.at('type').oneOf(PRINCIPALS, 'principal type'), role };
}
