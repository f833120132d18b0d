import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { isRecord } from '../document/safe-object.js';
import { SECTIONS } from '../tenant-model/description.js';
import { ENDPOINTS, USERS_WITHOUT_SIGN_IN_URL, fill, pageFile, type Api, type Endpoint, type MissingSection, type Placeholders } from '../import/layout.js';
import { HttpFailure, type HttpClient } from './http.js';
import { inPool } from './pool.js';
import type { Tokens } from './tokens.js';

/** Where each API lives; the Power Platform services have a root each. */
export interface ApiRoots {
  graph: string;
  bap: string;
  flow: string;
  powerapps: string;
}

/** The token audience of each API (what a token command is asked for). */
export function resourceOf(api: Api, roots: ApiRoots): string {
  if (api === 'graph') return roots.graph;
  return api === 'flow' ? 'https://service.flow.microsoft.com/' : 'https://service.powerapps.com/';
}

/** Microsoft's public cloud. */
export const DEFAULT_POWER_PLATFORM: Pick<ApiRoots, 'bap' | 'flow' | 'powerapps'> = {
  bap: 'https://api.bap.microsoft.com',
  flow: 'https://api.flow.microsoft.com',
  powerapps: 'https://api.powerapps.com',
};

/**
 * --powerplatform-url → the three service roots: with `{service}` in it, the name is put there (bap, flow,
 * powerapps); without, the services are folders below it (a proxy or a test stand-in).
 */
export function powerPlatformRoots(url: string | undefined): Pick<ApiRoots, 'bap' | 'flow' | 'powerapps'> {
  if (!url) return DEFAULT_POWER_PLATFORM;
  const base = url.replace(/\/+$/, '');
  const at = (service: string) => (base.includes('{service}') ? base.replaceAll('{service}', service) : `${base}/${service}`);
  return { bap: at('bap'), flow: at('flow'), powerapps: at('powerapps') };
}

export interface CollectSettings {
  roots: ApiRoots;
  http: HttpClient;
  graphTokens: Tokens;
  powerPlatformTokens: Tokens;
  /** Requests in flight at once. */
  concurrency: number;
  /** Called after each response is saved (progress). */
  onSaved?: (file: string) => void;
}

export interface CollectOutcome {
  /** Sections that could not be read, with the reason and the permission they need. */
  failures: MissingSection[];
  /** Raw file (relative) → the URL it was fetched from, to name the URL in messages. */
  urls: Map<string, string>;
}

type Json = Record<string, unknown>;
type Fetched = { ok: true; items: Json[]; body: Json | unknown[] } | { ok: false; reason: string };

const MAX_PAGES = 5000;

/**
 * What is not collected without a token for an API: every section the model description says comes from
 * it (or the part of it that does), in the model's section order.
 */
export function sectionsFrom(api: 'graph' | 'powerPlatform'): string[] {
  return SECTIONS.filter((s) => s.collect.api === api).map((s) => ('missing' in s.collect ? s.collect.missing : s.name));
}

/**
 * Fetches every endpoint of the layout (Graph with one token, the Power Platform admin APIs with another) into
 * `rawDir`, one file per response, so that `import` turns the folder into the export. Listings are followed
 * through their next links (only on the host they started on: a token is never sent elsewhere). What cannot be
 * read is recorded with the reason and the permission it needs; a response that is not what the endpoint
 * returns (not JSON, no listing) is an input error naming the URL.
 */
export async function collectRaw(rawDir: string, settings: CollectSettings): Promise<CollectOutcome> {
  const failures: MissingSection[] = [];
  const partial = new Map<string, { count: number; total: number; reason: string }>();
  const urls = new Map<string, string>();
  const graph = settings.graphTokens.available;
  const power = settings.powerPlatformTokens.available;

  const fail = (section: string, reason: string) => {
    if (!failures.some((f) => f.section === section)) failures.push({ section, reason });
  };
  const failOne = (section: string, reason: string) => {
    const p = partial.get(section) ?? { count: 0, total: 0, reason };
    p.count += 1;
    partial.set(section, p);
  };

  async function fetchEndpoint(endpoint: Endpoint, vars: Placeholders = {}, url = endpoint.url): Promise<Fetched> {
    const tokens = endpoint.api === 'graph' ? settings.graphTokens : settings.powerPlatformTokens;
    const token = await tokens.get(resourceOf(endpoint.api, settings.roots));
    const root = settings.roots[endpoint.api].replace(/\/+$/, '');
    let next: string | undefined = `${root}/${fill(url, vars, true)}`;
    const origin = new URL(next).origin;
    const file = fill(endpoint.file, vars);
    const items: Json[] = [];
    let first: Json | unknown[] | undefined;
    for (let page = 1; next !== undefined; page++) {
      if (page > MAX_PAGES) throw new InputError(`GET ${next}: more than ${MAX_PAGES} pages; the listing does not end`);
      let response;
      try {
        response = await settings.http.request(next, token, endpoint === ENDPOINTS.tenantSettings ? 'POST' : 'GET');
      } catch (e) {
        if (e instanceof HttpFailure) return { ok: false, reason: `not collected: ${e.detail} (GET ${shortUrl(next, root)})` };
        throw e;
      }
      if (response.status !== 200) return { ok: false, reason: statusReason(response.status, next, root, endpoint) };
      const body = parseBody(response.text, next);
      const rel = pageFile(file, page);
      urls.set(rel, next);
      first ??= body;
      if (endpoint.paged || Array.isArray((body as Json).value)) {
        const value = Array.isArray(body) ? body : (body as Json).value;
        if (!Array.isArray(value)) throw new InputError(`GET ${next}: expected a listing with a "value" array, found ${describeBody(body)}`);
        for (const item of value) if (isRecord(item)) items.push(item);
      } else if (!isRecord(body)) {
        throw new InputError(`GET ${next}: expected a JSON object, found ${describeBody(body)}`);
      }
      save(rawDir, rel, response.text);
      settings.onSaved?.(rel);
      const link = isRecord(body) ? (body['@odata.nextLink'] ?? body.nextLink) : undefined;
      next = undefined;
      if (typeof link === 'string' && link !== '') {
        let target: URL;
        try {
          target = new URL(link, response.url);
        } catch {
          throw new InputError(`GET ${response.url}: the next link ${JSON.stringify(link)} is not a URL`);
        }
        if (target.origin !== origin) throw new InputError(`GET ${response.url}: the next link leads to another host (${target.origin}); not followed, so that the token is not sent there`);
        next = target.href;
      }
    }
    return { ok: true, items, body: first ?? {} };
  }

  /** A top-level request: its failure makes the whole section not collected. */
  async function top(endpoint: Endpoint, section: string = endpoint.section): Promise<Json[] | undefined> {
    const r = await fetchEndpoint(endpoint);
    if (r.ok) return r.items;
    fail(section, r.reason);
    return undefined;
  }

  /** A per-object request: failures are counted per section. */
  async function perObject(endpoint: Endpoint, vars: Placeholders, section: string = endpoint.section): Promise<Json[] | undefined> {
    const p = partial.get(section) ?? { count: 0, total: 0, reason: '' };
    p.total += 1;
    partial.set(section, p);
    const r = await fetchEndpoint(endpoint, vars);
    if (r.ok) return r.items;
    if (p.count === 0) p.reason = r.reason;
    failOne(section, r.reason);
    return undefined;
  }

  const run = <T>(items: readonly T[], work: (item: T) => Promise<unknown>) => inPool(items, settings.concurrency, work);

  // ---- stage 1: the top-level requests ----
  let users: Json[] | undefined;
  let groups: Json[] | undefined;
  let environments: Json[] | undefined;
  let dlpPolicies: Json[] | undefined;
  let teams: Json[] | undefined;
  const stage1: Array<() => Promise<unknown>> = [];
  if (graph) {
    stage1.push(
      () => top(ENDPOINTS.organization),
      () => top(ENDPOINTS.subscribedSkus),
      async () => {
        users = await usersWithFallback();
      },
      // Optional: built-in role names are known without it; import names what it cannot resolve.
      () => fetchEndpoint(ENDPOINTS.roleDefinitions),
      () => top(ENDPOINTS.roleAssignments),
      async () => {
        const r = await fetchEndpoint(ENDPOINTS.authorizationPolicy);
        if (!r.ok) for (const s of ['guestUserAccess', 'allowInvitesFrom', 'allowEmailVerifiedUsersToJoinOrganization']) fail(`externalCollaboration.${s}`, r.reason);
      },
      () => top(ENDPOINTS.b2bManagementPolicies),
      () => top(ENDPOINTS.authenticationFlowsPolicy),
      () => top(ENDPOINTS.emailAuthenticationMethod),
      () => top(ENDPOINTS.crossTenantDefault, 'externalCollaboration.crossTenantAccess.default'),
      () => top(ENDPOINTS.crossTenantPartners, 'externalCollaboration.crossTenantAccess.partners'),
      () => top(ENDPOINTS.groupSettings),
      async () => {
        groups = await top(ENDPOINTS.groups);
      },
      // SharePoint and Teams: Graph gives part of what the PowerShell cmdlets do (docs/import.md).
      () => top(ENDPOINTS.sharePointSettings),
      () => top(ENDPOINTS.sites),
      async () => {
        teams = await top(ENDPOINTS.teams);
      },
    );
  } else {
    for (const s of sectionsFrom('graph')) {
      fail(s, 'not collected: no Microsoft Graph token (set SHAREGUARD_GRAPH_TOKEN or give --token-command)');
    }
  }
  if (power) {
    stage1.push(
      () => top(ENDPOINTS.tenantSettings),
      async () => {
        environments = await top(ENDPOINTS.environments);
      },
      async () => {
        dlpPolicies = await top(ENDPOINTS.dlpPolicies);
      },
    );
  } else {
    for (const s of sectionsFrom('powerPlatform')) {
      fail(s, 'not collected: no Power Platform token (set SHAREGUARD_POWERPLATFORM_TOKEN or give --powerplatform-token-command)');
    }
  }
  await run(stage1, (task) => task());

  // ---- stage 2: per user, group and environment ----
  const stage2: Array<() => Promise<unknown>> = [];
  const flowsByEnv = new Map<string, Json[]>();
  const appsByEnv = new Map<string, Json[]>();
  for (const user of users ?? []) {
    if (user.userType === 'Guest' || user.creationType === 'Invitation' || (user.externalUserState ?? null) !== null) {
      stage2.push(() => perObject(ENDPOINTS.sponsors, { id: String(user.id) }));
    }
  }
  for (const group of groups ?? []) {
    const id = String(group.id);
    stage2.push(() => perObject(ENDPOINTS.groupMembers, { id }), () => perObject(ENDPOINTS.groupOwners, { id }));
    if (Array.isArray(group.groupTypes) && group.groupTypes.includes('Unified')) stage2.push(() => perObject(ENDPOINTS.groupGuestSettings, { id }));
  }
  for (const team of teams ?? []) stage2.push(() => perObject(ENDPOINTS.team, { id: String(team.id) }));
  for (const env of environments ?? []) {
    const name = String(env.name);
    stage2.push(
      () => perObject(ENDPOINTS.environmentRoles, { env: name }),
      () => perObject(ENDPOINTS.connections, { env: name }),
      async () => {
        const flows = await perObject(ENDPOINTS.flows, { env: name });
        if (flows) flowsByEnv.set(name, flows);
      },
      async () => {
        const apps = await perObject(ENDPOINTS.apps, { env: name });
        if (apps) appsByEnv.set(name, apps);
      },
    );
  }
  // The REST listing gives a policy as { policyDefinition } without its connector groups: those come with the
  // policy's own GET, asked only for such a policy (Get-DlpPolicy-style items carry their groups already).
  for (const item of dlpPolicies ?? []) {
    const definition = isRecord(item.policyDefinition) ? item.policyDefinition : item;
    if (definition.connectorGroups !== undefined && definition.connectorGroups !== null) continue;
    const name = definition.name;
    // The name becomes a file name in the raw folder: anything but a plain name (the API's are GUIDs) is refused.
    if (typeof name !== 'string' || !/^[\w.-]+$/.test(name) || /^\.+$/.test(name)) {
      throw new InputError(`GET ${settings.roots.bap.replace(/\/+$/, '')}/${ENDPOINTS.dlpPolicies.url}: a policy without connector groups has no plain name (${JSON.stringify(name)}) to request it by`);
    }
    stage2.push(() => perObject(ENDPOINTS.dlpPolicy, { policy: name }));
  }
  await run(stage2, (task) => task());

  // ---- stage 3: per flow and app ----
  const stage3: Array<() => Promise<unknown>> = [];
  for (const [env, flows] of flowsByEnv) {
    for (const flow of flows) {
      const id = String(flow.name);
      stage3.push(() => perObject(ENDPOINTS.flowPermissions, { env, flow: id }), () => perObject(ENDPOINTS.flowUsers, { env, flow: id }));
    }
  }
  for (const [env, apps] of appsByEnv) {
    for (const app of apps) stage3.push(() => perObject(ENDPOINTS.appPermissions, { env, app: String(app.name) }));
  }
  await run(stage3, (task) => task());

  for (const [section, p] of partial) {
    if (p.count === 0) continue;
    fail(section, p.count === p.total ? p.reason : `${p.reason.replace(/^not collected: /, `not collected for ${p.count} of ${p.total}: `)}`);
  }
  return { failures, urls };

  /** Users with signInActivity; without it when the tenant lacks the licence or the caller AuditLog.Read.All. */
  async function usersWithFallback(): Promise<Json[] | undefined> {
    const withSignIn = await fetchEndpoint(ENDPOINTS.users);
    if (withSignIn.ok) return withSignIn.items;
    const plain = await fetchEndpoint(ENDPOINTS.users, {}, USERS_WITHOUT_SIGN_IN_URL);
    if (!plain.ok) {
      fail('users', plain.reason);
      return undefined;
    }
    fail('users[].lastSignInDateTime', `${withSignIn.reason}; users were then read without signInActivity`);
    return plain.items;
  }
}

function save(rawDir: string, rel: string, text: string): void {
  const file = path.join(rawDir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

function parseBody(text: string, url: string): Json | unknown[] {
  const start = text.search(/\S/);
  if (start !== -1 && text[start] === '<') throw new InputError(`GET ${url}: the response is an HTML page, not JSON`);
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value) || Array.isArray(value)) return value;
    throw new Error(`found ${value === null ? 'null' : typeof value}`);
  } catch (e) {
    throw new InputError(`GET ${url}: the response is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function describeBody(body: unknown): string {
  if (Array.isArray(body)) return 'an array';
  if (isRecord(body)) return `an object with keys ${Object.keys(body).slice(0, 5).join(', ') || '(none)'}`;
  return typeof body;
}

function shortUrl(url: string, root: string): string {
  return url.startsWith(root) ? url.slice(root.length + 1).replace(/\?.*$/, '') : url.replace(/\?.*$/, '');
}

function statusReason(status: number, url: string, root: string, endpoint: Endpoint): string {
  const what = `GET ${shortUrl(url, root)}`;
  switch (status) {
    case 401:
      return `not collected: 401 Unauthorized from ${what} (the token was refused: expired, or issued for another API)`;
    case 403:
      return `not collected: 403 Forbidden from ${what} (needs ${endpoint.permission})`;
    case 404:
      return `not collected: 404 Not Found from ${what}`;
    case 429:
    case 503:
      return `not collected: still ${status} from ${what} after every retry (throttled)`;
    default:
      return `not collected: HTTP ${status} from ${what}`;
  }
}
