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
 * Step types that call a connector through a connection: ApiConnection and OpenApiConnection, with their Webhook
 * and Notification forms. Built-in steps (Compose, If, Foreach, Recurrence, Request, InitializeVariable, …) call
 * none, so their lacking an api says nothing about which connections the flow uses.
 */
const CONNECTOR_STEP = /apiconnection/i;

/**
 * The flows of every environment that has a flows listing (powerplatform/flow/environments/{env}/v2/flows), in
 * the admin REST shape or as Get-AdminFlow saved it (FlowName, DisplayName, CreatedBy, Internal: the REST
 * object). Owners, run-only users and connection owners come from their own listings.
 *
 * Trigger: kind Button (or another a person starts, such as PowerApp) is `instant`, type Recurrence is
 * `scheduled`, anything else `automated`; the trigger's connector is its api name. An empty or absent trigger
 * summary (the admin listing gives `triggers: []`) leaves the trigger unknown and is counted as not collected.
 *
 * A connection reference is `used: true` when a trigger or action names its connector (api). Published listings
 * often name no api on connector steps (only type and swaggerOperationId), so a reference not named is `used:
 * false` only when every connector step names its api; otherwise it is `used: null`, not known, which the
 * controls treat as possibly used: an employee's embedded connection must not drop out of sight because the
 * listing left the api off.
 *
 * Cross-file gaps are kept and warned about at the raw node: a flow belongs to the environment folder it was
 * listed under (whatever its properties.environment.name says), and a reference to a connection missing from
 * that environment's connections listing keeps a null owner. Copies sent with "Send a copy" are in no admin
 * API and are recorded as not collected.
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
  const stats = { owners: 0, users: 0, connections: 0, triggers: 0, usage: 0, total: 0 };
  const flows: Rec[] = [];
  for (const env of present) {
    const connections = readConnections(ctx, env);
    for (const node of ctx.raw.list(fill(endpoint.file, { env })) ?? []) {
      const flow = mapFlow(ctx, node, env, connections);
      const principals = readFlowPrincipals(ctx, env, flow.id as string);
      flow.owners = principals.owners;
      flow.runOnlyUsers = principals.runOnlyUsers;
      stats.total += 1;
      if (principals.owners === null) stats.owners += 1;
      if (principals.runOnlyUsers === null) stats.users += 1;
      if (!connections) stats.connections += 1;
      if (flow.trigger === null) stats.triggers += 1;
      if (Array.isArray(flow.connectionReferences) && flow.connectionReferences.some((c: Rec) => c.used === null)) stats.usage += 1;
      flows.push(ctx.track(flow, node));
    }
  }
  const partly = (n: number, what: string, ep: { file: string; permission: string }) =>
    n > 0 && ctx.missingBecause(what, `not collected for ${n} of ${stats.total} flow(s): ${ep.file}.json absent (needs ${ep.permission})`);
  partly(stats.owners, 'flows[].owners', ENDPOINTS.flowPermissions);
  partly(stats.users, 'flows[].runOnlyUsers', ENDPOINTS.flowUsers);
  partly(stats.connections, 'flows[].connectionReferences[].connectionOwnerId', ENDPOINTS.connections);
  if (stats.triggers > 0) {
    ctx.missingBecause(
      'flows[].trigger',
      `not collected for ${stats.triggers} of ${stats.total} flow(s): the flows listing gives no trigger (definitionSummary absent or its triggers empty, as the admin listing gives them)`,
    );
  }
  if (stats.usage > 0) {
    ctx.missingBecause(
      'flows[].connectionReferences[].used',
      `not known for ${stats.usage} of ${stats.total} flow(s): the definition summary does not name the connector (api) of every step that calls one, so connections it does not name may or may not be used`,
    );
  }
  ctx.missingBecause('flows[].sharedCopies', 'not collected: no admin API lists the copies sent with "Send a copy" (see the audit log)');
  return flows;
}

export function mapFlow(ctx: ImportContext, node: RawNode, env: string, connections: Map<string, string | null> | undefined): Rec {
  node.requireObject('a flow');
  const internal = node.atAnyCase('Internal');
  if (!internal.isMissing && !internal.at('properties').isMissing) return mapFlow(ctx, internal, env, connections);
  const props = node.at('properties');
  if (props.isMissing) return mapCmdletFlow(ctx, node, env);
  const summary = props.at('definitionSummary');
  const flow: Rec = {
    id: node.at('name').string(),
    displayName: props.at('displayName').string(),
    environmentId: environmentOf(ctx, props.at('environment').at('name'), env),
    creatorId: props.at('creator').at('objectId').string(),
    state: props.at('state').optionalOneOf(STATES, 'flow state'),
    trigger: trigger(summary),
    solutionAware: !props.at('workflowEntityId').isMissing && props.at('workflowEntityId').value !== '',
    createdTime: props.at('createdTime').optionalString(),
    lastModifiedTime: props.at('lastModifiedTime').optionalString(),
  };
  flow.connectionReferences = connectionReferences(ctx, flow, props.at('connectionReferences'), calledApis(summary), connections);
  return flow;
}

/**
 * The flow's environment: the folder it was listed under. A listing is requested per environment, so the folder
 * is where the admin API returned it; an environment name inside the flow that says otherwise is kept out and
 * warned about (the scan would otherwise meet a flow whose environment has no listing of its own).
 */
function environmentOf(ctx: ImportContext, stated: RawNode, env: string): string {
  const name = stated.optionalString();
  if (name !== null && name.toLowerCase() !== env.toLowerCase()) {
    ctx.warn(
      stated,
      `flow listed under environment folder ${env} says its environment is ${name}: kept in ${env} (a flow belongs to the environment folder it was listed under)`,
      'flows[].environmentId',
    );
  }
  return env;
}

/** Get-AdminFlow without its Internal object: no trigger or connections are known. */
function mapCmdletFlow(ctx: ImportContext, node: RawNode, env: string): Rec {
  const enabled = node.atAnyCase('Enabled').looseBoolean();
  return {
    id: node.atAnyCase('FlowName').string(),
    displayName: node.atAnyCase('DisplayName').string(),
    environmentId: environmentOf(ctx, node.atAnyCase('EnvironmentName'), env),
    creatorId: node.atAnyCase('CreatedBy').atAnyCase('objectId').string(),
    state: enabled === null ? null : enabled ? 'Started' : 'Stopped',
    trigger: null,
    solutionAware: node.atAnyCase('WorkflowEntityId').optionalString() !== null,
    createdTime: node.atAnyCase('CreatedTime').optionalString(),
    lastModifiedTime: node.atAnyCase('LastModifiedTime').optionalString(),
    connectionReferences: null,
  };
}

/** The first trigger in the summary; null (not known) when the summary is absent or lists no trigger. */
function trigger(summary: RawNode): Rec | null {
  if (summary.isMissing) return null;
  const first = summary.at('triggers').items()[0];
  if (!first) return null;
  const kind = first.at('kind').optionalString()?.toLowerCase();
  const type = first.at('type').optionalString()?.toLowerCase();
  const api = apiOf(first);
  const out: Rec = { kind: kind && INSTANT_KINDS.has(kind) ? 'instant' : type === 'recurrence' ? 'scheduled' : 'automated' };
  if (api) out.connectorId = connectorIdOf(api);
  return out;
}

function apiOf(step: RawNode): string | null {
  return step.at('api').at('name').optionalString() ?? step.at('api').at('id').optionalString();
}

/**
 * Whether a step without an api may still call a connector: its type says so (ApiConnection, …), it names a
 * connector operation (swaggerOperationId), or it has no type at all to tell.
 */
function mayCallConnector(step: RawNode): boolean {
  const type = step.at('type').optionalString();
  return type === null || CONNECTOR_STEP.test(type) || step.at('swaggerOperationId').optionalString() !== null;
}

interface CalledApis {
  /** Connector ids the steps name. */
  named: Set<string>;
  /** Whether every step that may call a connector names it: only then is a connector not named unused. */
  complete: boolean;
}

/** The connectors the definition's triggers and actions call; undefined when there is no summary. */
function calledApis(summary: RawNode): CalledApis | undefined {
  if (summary.isMissing) return undefined;
  const steps = [...summary.at('triggers').items(), ...summary.at('actions').items()];
  // An empty summary (the admin listing's `triggers: [], actions: []`) says nothing about the steps.
  if (steps.length === 0) return undefined;
  const named = new Set<string>();
  let complete = true;
  for (const step of steps) {
    const api = apiOf(step);
    if (api) named.add(connectorIdOf(api));
    else if (mayCallConnector(step)) complete = false;
  }
  return { named, complete };
}

/**
 * Connection references: the REST form is an object keyed by reference name with { connectionName, source:
 * "Embedded" | "Invoker", id: /providers/Microsoft.PowerApps/apis/shared_x }; the solution form has
 * { runtimeSource: "embedded" | "invoker", connection: { connectionReferenceLogicalName }, api: { name } }.
 */
function connectionReferences(
  ctx: ImportContext,
  flow: Rec,
  node: RawNode,
  apis: CalledApis | undefined,
  connections: Map<string, string | null> | undefined,
): Rec[] | null {
  if (node.isMissing) return null;
  const entries = Array.isArray(node.value) ? node.items() : Object.keys(node.requireObject('connectionReferences').value as Rec).map((k) => node.at(k));
  return entries.map((ref) => {
    ref.requireObject('a connection reference');
    const connection = ref.at('connection');
    // The connection's name (REST form) is what the connections listing is keyed by; a solution's logical name is not.
    const connectionName = ref.at('connectionName').optionalString() ?? connection.at('name').optionalString();
    const id =
      connectionName ??
      connection.at('connectionReferenceLogicalName').optionalString() ??
      ref.at('connectionReferenceLogicalName').optionalString();
    const api = ref.at('id').optionalString() ?? ref.at('api').at('name').optionalString() ?? ref.at('apiId').optionalString() ?? ref.at('connectorId').string();
    const connectorId = connectorIdOf(api);
    const source = ref.at('source').isMissing ? ref.at('runtimeSource') : ref.at('source');
    return {
      id,
      connectorId,
      connectionOwnerId: connectionOwner(ctx, flow, ref, connectionName, connectorId, connections),
      runtimeSource: source.optionalOneOf(SOURCES, 'connection source'),
      used: !apis ? null : apis.named.has(connectorId) ? true : apis.complete ? false : null,
    };
  });
}

/**
 * The user whose credentials the connection holds. A connection the environment's connections listing does not
 * have (deleted, or listed elsewhere) keeps the reference with an unknown owner, and is warned about: dropping the
 * reference would hide it, and guessing an owner would invent one.
 */
function connectionOwner(
  ctx: ImportContext,
  flow: Rec,
  ref: RawNode,
  id: string | null,
  connectorId: string,
  connections: Map<string, string | null> | undefined,
): string | null {
  if (!connections || !id) return null;
  if (connections.has(id)) return connections.get(id) ?? null;
  ctx.warn(
    ref,
    `flow "${String(flow.displayName)}" (${String(flow.id)}) refers to connection ${id} (${connectorId}), which is not in the connections listing of environment ${String(flow.environmentId)} (${fill(ENDPOINTS.connections.file, { env: String(flow.environmentId) })}.json): kept with its owner not known`,
    'flows[].connectionReferences[].connectionOwnerId',
  );
  return null;
}
