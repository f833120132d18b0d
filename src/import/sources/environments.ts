import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';
import { expandPsNode, RESAVE_HINT } from '../powershell-text.js';

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
    const env = mapEnvironment(node, ctx);
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

/**
 * One environment, from the admin REST shape ({ name, properties: {…} }) or Get-AdminPowerAppEnvironment's
 * (EnvironmentName, DisplayName, EnvironmentType, IsDefault, SecurityGroupId at the top level, the REST object
 * under Internal). ConvertTo-Json at its default depth leaves `properties` (REST) or `Internal.properties`
 * (cmdlet) as PowerShell's `@{…}` text, in which `linkedEnvironmentMetadata`, where the security group is, is
 * lost: the facts the cmdlet lifts to the top level are read there first, and a security group that is in
 * neither place is not known (the key is left out and the field recorded as not collected), never "none".
 */
export function mapEnvironment(node: RawNode, ctx?: ImportContext): Rec {
  node.requireObject('an environment');
  const internal = node.atAnyCase('Internal');
  const cmdletName = node.atAnyCase('EnvironmentName');
  if (cmdletName.isMissing && !internal.isMissing) return mapEnvironment(internal, ctx);
  if (!cmdletName.isMissing) return mapCmdletEnvironment(node, internal, ctx);
  const { node: props, truncated } = expandPsNode(node.at('properties'), 'properties');
  props.requireObject('the environment\'s properties');
  const env: Rec = {
    id: node.at('name').string(),
    displayName: props.at('displayName').string(),
    type: props.at('environmentSku').oneOf(SKUS, 'environmentSku'),
  };
  const group = securityGroup(props, truncated);
  if (group !== undefined) env.securityGroupId = group;
  else unknownGroup(ctx, node);
  return env;
}

/** Get-AdminPowerAppEnvironment's object: its own top-level facts, then whatever Internal still holds. */
function mapCmdletEnvironment(node: RawNode, internal: RawNode, ctx: ImportContext | undefined): Rec {
  const isDefault = node.atAnyCase('IsDefault').looseBoolean() === true;
  const env: Rec = {
    id: node.atAnyCase('EnvironmentName').string(),
    displayName: node.atAnyCase('DisplayName').string(),
    type: isDefault ? 'Default' : node.atAnyCase('EnvironmentType').oneOf(SKUS, 'environment type'),
  };
  const top = node.atAnyCase('SecurityGroupId');
  let group: string | null | undefined;
  if (!top.isMissing) group = top.optionalString();
  else if (!internal.isMissing && !internal.at('properties').isMissing) {
    const { node: props, truncated } = expandPsNode(internal.at('properties'), 'Internal.properties');
    group = securityGroup(props.requireObject('Internal.properties'), truncated);
  }
  if (group !== undefined) env.securityGroupId = group && group !== NO_GROUP ? group : null;
  else unknownGroup(ctx, node, internal.isMissing ? 'the listing names none (no SecurityGroupId, no Internal object)' : undefined);
  return env;
}

/**
 * The security group from the Dataverse link (linkedEnvironmentMetadata) or the environment itself; an empty or
 * all-zero id means none. Undefined when the text lost linkedEnvironmentMetadata: not known.
 */
function securityGroup(props: RawNode, truncated: readonly string[]): string | null | undefined {
  const own = props.at('securityGroupId').optionalString();
  if (own === null && truncated.includes('linkedEnvironmentMetadata')) return undefined;
  const group = props.at('linkedEnvironmentMetadata').at('securityGroupId').optionalString() ?? own;
  return group && group !== NO_GROUP ? group : null;
}

function unknownGroup(ctx: ImportContext | undefined, node: RawNode, why = `linkedEnvironmentMetadata was ${RESAVE_HINT}`): void {
  ctx?.missingBecause('environments[].securityGroupId', `not collected: the environments' security groups are not in ${node.file.file}: ${why}`);
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
