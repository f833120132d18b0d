import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';
import { connectorIdOf, nameOf } from '../well-known.js';

const V2_CLASSES = { Confidential: 'business', General: 'nonBusiness', Blocked: 'blocked' } as const;
const V1_GROUPS = { hbi: 'business', lbi: 'nonBusiness', blocked: 'blocked' } as const;
const SCOPES = { AllEnvironments: 'AllEnvironments', ExceptEnvironments: 'ExceptEnvironments', OnlyEnvironments: 'OnlyEnvironments' } as const;
const FILTERS = { include: 'OnlyEnvironments', exclude: 'ExceptEnvironments' } as const;

/**
 * DLP policies, from the v2 governance API (Get-DlpPolicy: connectorGroups classified Confidential / General /
 * Blocked) or the legacy v1 apiPolicies (apiGroups hbi / lbi / blocked, defaultApiGroup, an environmentFilter
 * constraint). Both at once would list the same policies twice: an error.
 */
export function readDlpPolicies(ctx: ImportContext): Rec[] | undefined {
  const v2 = ctx.raw.list(ENDPOINTS.dlpPolicies.file);
  const v1 = ctx.raw.list(ENDPOINTS.dlpPoliciesV1.file);
  if (v2 && v1) {
    throw ctx.raw.read(`${ENDPOINTS.dlpPoliciesV1.file}.json`).error(`both ${ENDPOINTS.dlpPolicies.file}.json (v2) and this legacy v1 listing are present: keep one of them`);
  }
  if (v2) return v2.map((p) => ctx.track(mapDlpV2(p), p));
  if (v1) return v1.map((p) => ctx.track(mapDlpV1(p), p));
  ctx.notCollected('dlpPolicies', ENDPOINTS.dlpPolicies);
  return undefined;
}

export function mapDlpV2(node: RawNode): Rec {
  node.requireObject('a DLP policy');
  if (node.atAnyCase('connectorGroups').isMissing) throw node.error('expected a v2 DLP policy with connectorGroups (is this a legacy v1 policy? save it as powerplatform/bap/apiPolicies.json)');
  const groups: Record<string, string[]> = { business: [], nonBusiness: [], blocked: [] };
  for (const group of node.atAnyCase('connectorGroups').items()) {
    const target = group.atAnyCase('classification').oneOf(V2_CLASSES, 'connector classification');
    for (const c of group.atAnyCase('connectors').items()) groups[target]?.push(connectorIdOf(c.atAnyCase('id').string()));
  }
  return {
    id: node.atAnyCase('name').string(),
    displayName: node.atAnyCase('displayName').string(),
    environmentType: node.atAnyCase('environmentType').oneOf(SCOPES, 'environmentType'),
    environments: node.atAnyCase('environments').items().map(environmentName),
    connectorGroups: groups,
    defaultConnectorClassification: node.atAnyCase('defaultConnectorsClassification').optionalOneOf(V2_CLASSES, 'defaultConnectorsClassification'),
    createdTime: node.atAnyCase('createdTime').optionalString(),
    lastModifiedTime: node.atAnyCase('lastModifiedTime').optionalString(),
  };
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
