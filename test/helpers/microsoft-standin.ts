import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A stand-in for Microsoft Graph and the Power Platform admin APIs on 127.0.0.1, serving a folder of raw
 * responses (the `import` layout). Its own routing table maps the real request paths to the files:
 *
 *   /v1.0/…, /beta/…                                                      → graph/v1.0/…, graph/beta/…
 *   /bap/providers/Microsoft.BusinessAppPlatform/scopes/admin/…           → powerplatform/bap/…
 *   POST /bap/providers/Microsoft.BusinessAppPlatform/listTenantSettings  → powerplatform/bap/tenantSettings
 *   /bap/providers/PowerPlatform.Governance/v2/policies                   → powerplatform/governance/v2/policies
 *   /bap/providers/PowerPlatform.Governance/v2/policies/{policy}          → powerplatform/governance/v2/policies/{policy}
 *   /flow/providers/Microsoft.ProcessSimple/scopes/admin/…                → powerplatform/flow/…
 *   /powerapps/providers/Microsoft.PowerApps/scopes/admin/…               → powerplatform/powerapps/…
 *
 * Listings are paged as saved (file.json, file.2.json, …): each page's next link is rewritten to point back
 * here (`?page=N`), and only the `$select`ed properties of each item are returned. Get-AdminFlow objects are served as the REST objects they wrap. It checks the bearer token
 * of each API (401 otherwise), answers 404 for what it does not have, records every request, and can be told
 * to throttle, forbid or garble given paths.
 */
export interface StandinRules {
  graphToken: string;
  powerPlatformToken: string;
  /** Path substring → answer the first `times` matching requests with this status (429/503) and Retry-After. */
  throttle?: Array<{ path: string; status: 429 | 503; retryAfter?: string; times: number }>;
  /** Path substrings answered 403 (Graph's error body). */
  forbid?: string[];
  /** Path substrings whose body is cut in the middle (a malformed page). */
  garble?: string[];
}

export interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
}

export interface Standin {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const ROUTES: Array<[RegExp, string]> = [
  [/^\/(v1\.0|beta)\/(.+)$/, 'graph/$1/$2'],
  [/^\/bap\/providers\/Microsoft\.BusinessAppPlatform\/listTenantSettings$/, 'powerplatform/bap/tenantSettings'],
  [/^\/bap\/providers\/Microsoft\.BusinessAppPlatform\/scopes\/admin\/(.+)$/, 'powerplatform/bap/$1'],
  [/^\/bap\/providers\/PowerPlatform\.Governance\/v2\/policies$/, 'powerplatform/governance/v2/policies'],
  [/^\/bap\/providers\/PowerPlatform\.Governance\/v2\/policies\/([^/]+)$/, 'powerplatform/governance/v2/policies/$1'],
  [/^\/flow\/providers\/Microsoft\.ProcessSimple\/scopes\/admin\/(.+)$/, 'powerplatform/flow/$1'],
  [/^\/powerapps\/providers\/Microsoft\.PowerApps\/scopes\/admin\/(.+)$/, 'powerplatform/powerapps/$1'],
];

export async function startMicrosoftStandin(folder: string, rules: StandinRules): Promise<Standin> {
  const requests: Recorded[] = [];
  const throttled = new Map<number, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    const route = ROUTES.find(([re]) => re.test(url.pathname));
    if (!route) return send(404, JSON.stringify({ error: { code: 'NoRoute', message: `no route for ${url.pathname}` } }));
    const isGraph = url.pathname.startsWith('/v1.0/') || url.pathname.startsWith('/beta/');
    const token = isGraph ? rules.graphToken : rules.powerPlatformToken;
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } }));
    if (url.pathname.endsWith('listTenantSettings') && req.method !== 'POST') return send(405, '{}');

    for (const [i, t] of (rules.throttle ?? []).entries()) {
      if (!req.url?.includes(t.path) || (throttled.get(i) ?? 0) >= t.times) continue;
      throttled.set(i, (throttled.get(i) ?? 0) + 1);
      return send(t.status, JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }), t.retryAfter === undefined ? {} : { 'retry-after': t.retryAfter });
    }
    if ((rules.forbid ?? []).some((p) => req.url?.includes(p))) {
      return send(403, JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }));
    }

    const [re, target] = route;
    const base = url.pathname.replace(re, target);
    const page = Number(url.searchParams.get('page') ?? '1');
    const file = path.join(folder, page === 1 ? `${base}.json` : `${base}.${page}.json`);
    if (!fs.existsSync(file)) return send(404, JSON.stringify({ error: { code: 'Request_ResourceNotFound', message: 'Resource not found.' } }));
    let body: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (Array.isArray(body)) body = { value: body.map((x: { Internal?: unknown }) => x?.Internal ?? x) };
    const record = body as Record<string, unknown>;
    const select = url.searchParams.get('$select');
    if (select && Array.isArray(record.value)) {
      // Like Graph, return only the selected properties of each item.
      const keep = new Set([...select.split(','), '@odata.type']);
      record.value = (record.value as Record<string, unknown>[]).map((item) => Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k))));
    }
    const nextKey = '@odata.nextLink' in record ? '@odata.nextLink' : 'nextLink' in record ? 'nextLink' : undefined;
    const hasNext = fs.existsSync(path.join(folder, `${base}.${page + 1}.json`));
    if (nextKey) delete record[nextKey];
    if (hasNext) {
      const next = new URL(url.href);
      next.searchParams.set('page', String(page + 1));
      record[isGraph ? '@odata.nextLink' : 'nextLink'] = `http://${req.headers.host}${next.pathname}${next.search}`;
    }
    let text = JSON.stringify(record);
    if ((rules.garble ?? []).some((p) => req.url?.includes(p))) text = text.slice(0, Math.floor(text.length / 2));
    send(200, text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
