import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';
import { connectorIdOf } from '../well-known.js';
import { readConnections } from './connections.js';
import { readFlowPrincipals } from './flow-principals.js';

const STATES = { Started: 'Started', Stopped: 'Stopped', Suspended: 'Suspended' } as const;
const SOURCES = { Embedded: 'embedded', Invoker: 'invoker' } as const;
/** Trigger kinds a person starts (run-only sharing applies to these). */
const INSTANT_KINDS = new Set(['button', 'powerapp', 'powerappv2', 'virtualagent', 'skills', 'teams']);

/**
 * The flows of every environment that has a flows listing (powerplatform/flow/environments/{env}/v2/flows), in
 * the admin REST shape or as Get-AdminFlow saved it (FlowName, DisplayName, CreatedBy, Internal: the REST
 * object). Owners, run-only users and connection owners come from their own listings.
 *
 * Trigger: kind Button (or another a person starts, such as PowerApp) is `instant`, type Recurrence is
 * `scheduled`, anything else `automated`; the trigger's connector is its api name. A connection reference is
 * `used` when the connector appears in the definition summary's triggers or actions. Copies sent with "Send a
 * copy" are in no admin API and are recorded as not collected.
 */
export function readFlows(ctx: ImportContext, environmentIds: readonly string[] | undefined): Rec[] | undefined {
  const endpoint = ENDPOINTS.flows;
  const folders = ctx.raw.subfolders('powerplatform/flow/environments');
  const envs = [...new Set([...(environmentIds ?? []), ...folders])];
  const present = envs.filter((env) => ctx.raw.has(fill(endpoint.file, { env })));
  if (present.length === 0) {
    ctx.notCollected('flows', endpoint);
    return undefined;
  }
  const absent = envs.filter((env) => !present.includes(env));
  if (absent.length > 0) {
    ctx.note(`flows not collected for environment(s) ${absent.join(', ')}: ${endpoint.file}.json absent`);
  }
  const stats = { owners: 0, users: 0, connections: 0, total: 0 };
  const flows: Rec[] = [];
  for (const env of present) {
    const connections = readConnections(ctx, env);
    for (const node of ctx.raw.list(fill(endpoint.file, { env })) ?? []) {
      const flow = mapFlow(node, env, connections);
      const principals = readFlowPrincipals(ctx, env, flow.id as string);
      flow.owners = principals.owners;
      flow.runOnlyUsers = principals.runOnlyUsers;
      stats.total += 1;
      if (principals.owners === null) stats.owners += 1;
      if (principals.runOnlyUsers === null) stats.users += 1;
      if (!connections) stats.connections += 1;
      flows.push(ctx.track(flow, node));
    }
  }
  const partly = (n: number, what: string, ep: { file: string; permission: string }) =>
    n > 0 && ctx.missingBecause(what, `not collected for ${n} of ${stats.total} flow(s): ${ep.file}.json absent (needs ${ep.permission})`);
  partly(stats.owners, 'flows[].owners', ENDPOINTS.flowPermissions);
  partly(stats.users, 'flows[].runOnlyUsers', ENDPOINTS.flowUsers);
  partly(stats.connections, 'flows[].connectionReferences[].connectionOwnerId', ENDPOINTS.connections);
  ctx.missingBecause('flows[].sharedCopies', 'not collected: no admin API lists the copies sent with "Send a copy" (see the audit log)');
  return flows;
}

export function mapFlow(node: RawNode, env: string, connections: Map<string, string | null> | undefined): Rec {
  node.requireObject('a flow');
  const internal = node.atAnyCase('Internal');
  if (!internal.isMissing && !internal.at('properties').isMissing) return mapFlow(internal, env, connections);
  const props = node.at('properties');
  if (props.isMissing) return mapCmdletFlow(node, env);
  const summary = props.at('definitionSummary');
  const apis = usedApis(summary);
  return {
    id: node.at('name').string(),
    displayName: props.at('displayName').string(),
    environmentId: props.at('environment').at('name').optionalString() ?? env,
    creatorId: props.at('creator').at('objectId').string(),
    state: props.at('state').optionalOneOf(STATES, 'flow state'),
    trigger: trigger(summary),
    solutionAware: !props.at('workflowEntityId').isMissing && props.at('workflowEntityId').value !== '',
    createdTime: props.at('createdTime').optionalString(),
    lastModifiedTime: props.at('lastModifiedTime').optionalString(),
    connectionReferences: connectionReferences(props.at('connectionReferences'), apis, connections),
  };
}

/** Get-AdminFlow without its Internal object: no trigger or connections are known. */
function mapCmdletFlow(node: RawNode, env: string): Rec {
  const enabled = node.atAnyCase('Enabled').looseBoolean();
  return {
    id: node.atAnyCase('FlowName').string(),
    displayName: node.atAnyCase('DisplayName').string(),
    environmentId: node.atAnyCase('EnvironmentName').optionalString() ?? env,
    creatorId: node.atAnyCase('CreatedBy').atAnyCase('objectId').string(),
    state: enabled === null ? null : enabled ? 'Started' : 'Stopped',
    trigger: null,
    solutionAware: node.atAnyCase('WorkflowEntityId').optionalString() !== null,
    createdTime: node.atAnyCase('CreatedTime').optionalString(),
    lastModifiedTime: node.atAnyCase('LastModifiedTime').optionalString(),
    connectionReferences: null,
  };
}

function trigger(summary: RawNode): Rec | null {
  if (summary.isMissing) return null;
  const first = summary.at('triggers').items()[0];
  if (!first) return null;
  const kind = first.at('kind').optionalString()?.toLowerCase();
  const type = first.at('type').optionalString()?.toLowerCase();
  const api = first.at('api').at('name').optionalString() ?? first.at('api').at('id').optionalString();
  const out: Rec = { kind: kind && INSTANT_KINDS.has(kind) ? 'instant' : type === 'recurrence' ? 'scheduled' : 'automated' };
  if (api) out.connectorId = connectorIdOf(api);
  return out;
}

/** Connector ids the definition's triggers and actions call; undefined when there is no summary. */
function usedApis(summary: RawNode): Set<string> | undefined {
  if (summary.isMissing) return undefined;
  const apis = new Set<string>();
  for (const step of [...summary.at('triggers').items(), ...summary.at('actions').items()]) {
    const api = step.at('api').at('name').optionalString() ?? step.at('api').at('id').optionalString();
    if (api) apis.add(connectorIdOf(api));
  }
  return apis;
}

/**
 * Connection references: the REST form is an object keyed by reference name with { connectionName, source:
 * "Embedded" | "Invoker", id: /providers/Microsoft.PowerApps/apis/shared_x }; the solution form has
 * { runtimeSource: "embedded" | "invoker", connection: { connectionReferenceLogicalName }, api: { name } }.
 */
function connectionReferences(node: RawNode, apis: Set<string> | undefined, connections: Map<string, string | null> | undefined): Rec[] | null {
  if (node.isMissing) return null;
  const entries = Array.isArray(node.value) ? node.items() : Object.keys(node.requireObject('connectionReferences').value as Rec).map((k) => node.at(k));
  return entries.map((ref) => {
    ref.requireObject('a connection reference');
    const connection = ref.at('connection');
    const id =
      ref.at('connectionName').optionalString() ??
      connection.at('name').optionalString() ??
      connection.at('connectionReferenceLogicalName').optionalString() ??
      ref.at('connectionReferenceLogicalName').optionalString();
    const api = ref.at('id').optionalString() ?? ref.at('api').at('name').optionalString() ?? ref.at('apiId').optionalString() ?? ref.at('connectorId').string();
    const connectorId = connectorIdOf(api);
    const source = ref.at('source').isMissing ? ref.at('runtimeSource') : ref.at('source');
    return {
      id,
      connectorId,
      connectionOwnerId: connections && id ? (connections.get(id) ?? null) : null,
      runtimeSource: source.optionalOneOf(SOURCES, 'connection source'),
      used: apis ? apis.has(connectorId) : null,
    };
  });
}
