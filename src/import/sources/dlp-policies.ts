import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';
import { connectorIdOf, nameOf } from '../well-known.js';

// The connector group classifications of the v2 API. `Ignore` exists only for custom connector URL patterns
// (customConnectorUrlPatternsDefinition), never for a connector group, so it stays an unknown value here.
const V2_CLASSES = { Confidential: 'business', General: 'nonBusiness', Blocked: 'blocked' } as const;
const V1_GROUPS = { hbi: 'business', lbi: 'nonBusiness', blocked: 'blocked' } as const;
// SingleEnvironment is what Get-DlpPolicy reports for a policy created at environment level (in the
// environment's own settings): it applies to exactly the environment(s) it lists, which is the model's
// OnlyEnvironments, so it is mapped there rather than widening the model with a second name for one scope.
const SCOPES = {
  AllEnvironments: 'AllEnvironments',
  ExceptEnvironments: 'ExceptEnvironments',
  OnlyEnvironments: 'OnlyEnvironments',
  SingleEnvironment: 'OnlyEnvironments',
} as const;
const FILTERS = { include: 'OnlyEnvironments', exclude: 'ExceptEnvironments' } as const;
const GROUPS_SECTION = 'dlpPolicies[].connectorGroups';

/**
 * Where the connector groups of a v2 policy come from when its listing entry has none: the policy's own GET
 * (`powerplatform/governance/v2/policies/{policy}.json`), or, when that was not saved, nowhere.
 */
export interface DlpDetails {
  /** The saved per-policy response for policy `name`, or undefined when it is not in the raw folder. */
  perPolicy(name: string): RawNode | undefined;
  /** Called for each policy whose connector groups are neither in the listing nor in a per-policy response. */
  groupsNotCollected(name: string): void;
}

/**
 * DLP policies, from the v2 governance API (Get-DlpPolicy: connectorGroups classified Confidential / General /
 * Blocked) or the legacy v1 apiPolicies (apiGroups hbi / lbi / blocked, defaultApiGroup, an environmentFilter
 * constraint). Both at once would list the same policies twice: an error.
 *
 * The v2 listing comes in two shapes: each item the policy itself with its connectorGroups (Get-DlpPolicy), or
 * each item `{ policyDefinition: {…} }` without connector groups (the REST listing as Microsoft's Terraform
 * provider records it), whose groups are in the per-policy GET. A policy whose groups are in neither has them
 * recorded as not collected, never as empty: an empty group would read as "this policy lists no connector".
 */
export function readDlpPolicies(ctx: ImportContext): Rec[] | undefined {
  const v2 = ctx.raw.list(ENDPOINTS.dlpPolicies.file);
  const v1 = ctx.raw.list(ENDPOINTS.dlpPoliciesV1.file);
  if (v2 && v1) {
    throw ctx.raw.read(`${ENDPOINTS.dlpPoliciesV1.file}.json`).error(`both ${ENDPOINTS.dlpPolicies.file}.json (v2) and this legacy v1 listing are present: keep one of them`);
  }
  if (v2) {
    const withoutGroups: string[] = [];
    const details: DlpDetails = {
      perPolicy: (name) => ctx.raw.single(fill(ENDPOINTS.dlpPolicy.file, { policy: name })),
      groupsNotCollected: (name) => withoutGroups.push(name),
    };
    const policies = v2.map((p) => ctx.track(mapDlpV2(p, details), p));
    if (withoutGroups.length > 0) {
      const first = fill(ENDPOINTS.dlpPolicy.file, { policy: withoutGroups[0] as string });
      const which = withoutGroups.length === v2.length ? 'every policy' : `${withoutGroups.length} of ${v2.length} policies`;
      ctx.missingBecause(
        GROUPS_SECTION,
        `not collected for ${which}: the v2 listing gives a policy without its connector groups and its own response (${first}.json${withoutGroups.length > 1 ? ', …' : ''}) is not in the raw folder (needs ${ENDPOINTS.dlpPolicy.permission})`,
      );
    }
    return policies;
  }
  if (v1) return v1.map((p) => ctx.track(mapDlpV1(p), p));
  ctx.notCollected('dlpPolicies', ENDPOINTS.dlpPolicies);
  return undefined;
}

/**
 * One v2 policy: the policy object itself, or `{ policyDefinition: {…} }`. Without `details` (a source that has
 * no per-policy responses, such as a ScubaGear export) a policy without connector groups is an error.
 */
export function mapDlpV2(item: RawNode, details?: DlpDetails): Rec {
  item.requireObject('a DLP policy');
  const node = definitionOf(item);
  if (node.atAnyCase('connectorGroups').isMissing && node.atAnyCase('environmentType').isMissing) {
    if (!item.atAnyCase('properties').atAnyCase('definition').isMissing) {
      throw item.error('expected a v2 DLP policy (environmentType, connectorGroups) but this looks like a legacy v1 policy (properties.definition): save the v1 listing as powerplatform/bap/apiPolicies.json');
    }
    throw item.error('expected a v2 DLP policy with environmentType and connectorGroups (or a { policyDefinition } item of the REST listing)');
  }
  const id = node.atAnyCase('name').string();
  let connectorGroups: Rec | null;
  if (!node.atAnyCase('connectorGroups').isMissing) {
    connectorGroups = groupsOf(node);
  } else if (!details) {
    throw node.error('this v2 DLP policy has no connectorGroups; save the policy as Get-DlpPolicy returns it (with its connector groups)');
  } else {
    // The name becomes a file name below the raw folder: only a plain one (the API's are GUIDs) is looked up.
    if (!/^[\w.-]+$/.test(id) || /^\.+$/.test(id)) throw node.atAnyCase('name').error('a policy name that is not a plain file name cannot have a per-policy response');
    const own = details.perPolicy(id);
    if (own) {
      own.requireObject('a DLP policy');
      const definition = definitionOf(own);
      const ownName = definition.atAnyCase('name').string();
      if (ownName.toLowerCase() !== id.toLowerCase()) throw definition.atAnyCase('name').error(`this response is for policy ${JSON.stringify(ownName)}, not ${JSON.stringify(id)} whose file it is saved as`);
      if (definition.atAnyCase('connectorGroups').isMissing) throw definition.error('expected connectorGroups in the policy\'s own response');
      connectorGroups = groupsOf(definition);
    } else {
      details.groupsNotCollected(id);
      connectorGroups = null;
    }
  }
  return {
    id,
    displayName: node.atAnyCase('displayName').string(),
    environmentType: node.atAnyCase('environmentType').oneOf(SCOPES, 'environmentType'),
    environments: node.atAnyCase('environments').items().map(environmentName),
    connectorGroups,
    defaultConnectorClassification: node.atAnyCase('defaultConnectorsClassification').optionalOneOf(V2_CLASSES, 'defaultConnectorsClassification'),
    createdTime: node.atAnyCase('createdTime').optionalString(),
    lastModifiedTime: node.atAnyCase('lastModifiedTime').optionalString(),
  };
}

/** The policy inside a `{ policyDefinition, connectorConfigurationsDefinition, … }` response, or the item itself. */
function definitionOf(item: RawNode): RawNode {
  const wrapped = item.atAnyCase('policyDefinition');
  return wrapped.isMissing ? item : wrapped.requireObject('policyDefinition');
}

function groupsOf(node: RawNode): Rec {
  const groups: Record<string, string[]> = { business: [], nonBusiness: [], blocked: [] };
  for (const group of node.atAnyCase('connectorGroups').items()) {
    const target = group.atAnyCase('classification').oneOf(V2_CLASSES, 'connector classification');
    for (const c of group.atAnyCase('connectors').items()) groups[target]?.push(connectorIdOf(c.atAnyCase('id').string()));
  }
  return groups;
}

export function mapDlpV1(node: RawNode): Rec {
  node.requireObject('a DLP policy');
  const props = node.at('properties');
  const definition = props.at('definition');
  if (definition.at('apiGroups').isMissing) throw node.error('expected a legacy v1 DLP policy with properties.definition.apiGroups (is this a v2 policy? save it as powerplatform/governance/v2/policies.json)');
  const groups: Record<string, string[]> = { business: [], nonBusiness: [], blocked: [] };
  const apiGroups = definition.at('apiGroups').requireObject('apiGroups');
  for (const key of Object.keys(apiGroups.value as Rec)) {
    const group = V1_GROUPS[key.toLowerCase() as keyof typeof V1_GROUPS];
    if (group === undefined) throw apiGroups.at(key).error(`unknown API group ${JSON.stringify(key)} (expected hbi, lbi or blocked)`);
    for (const api of apiGroups.at(key).at('apis').items()) groups[group]?.push(connectorIdOf(api.at('id').string()));
  }
  let environmentType = 'AllEnvironments';
  let environments: string[] = [];
  const constraints = definition.at('constraints');
  if (!constraints.isMissing) {
    for (const key of Object.keys(constraints.requireObject('constraints').value as Rec)) {
      const constraint = constraints.at(key);
      if (constraint.at('type').optionalString()?.toLowerCase() !== 'environmentfilter') continue;
      const params = constraint.at('parameters');
      environmentType = params.at('filterType').oneOf(FILTERS, 'environment filterType');
      environments = params.at('environments').items().map(environmentName);
    }
  }
  return {
    id: node.at('name').string(),
    displayName: props.at('displayName').string(),
    environmentType,
    environments,
    connectorGroups: groups,
    defaultConnectorClassification: definition.at('defaultApiGroup').optionalOneOf(V1_GROUPS, 'defaultApiGroup'),
    createdTime: props.at('createdTime').optionalString(),
    lastModifiedTime: props.at('lastModifiedTime').optionalString(),
  };
}

function environmentName(env: RawNode): string {
  const name = env.atAnyCase('name').optionalString();
  return name ?? nameOf(env.atAnyCase('id').string());
}
