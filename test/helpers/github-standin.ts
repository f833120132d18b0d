import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the part of the GitHub REST API that `shareguard github comment` uses, on 127.0.0.1:
 *
 *   GET   {prefix}/user                                                      the token's user (403 for a bot's token, as for GITHUB_TOKEN)
 *   GET   {prefix}/repos/:owner/:repo/issues/:number/comments?per_page&page   (Link header pagination)
 *   POST  {prefix}/repos/:owner/:repo/issues/:number/comments                 { body } → 201
 *   PATCH {prefix}/repos/:owner/:repo/issues/comments/:id                    { body } → 200
 *
 * It checks the token (401 otherwise), knows only the repositories it is given (404 otherwise), caps
 * per_page at `maxPerPage` as GitHub caps it at 100, records every request, and can be told to answer the
 * next requests with a given failure. Comments it creates are written by `login` (the token's identity);
 * `pageLinks` replaces the Link header of comment pages, to play a broken or hostile server.
 */
export interface StandinComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
  message: string;
}

export interface StandinOptions {
  token: string;
  /** "owner/repo" → pull request numbers that exist. */
  repos: Record<string, number[]>;
  /** Path prefix of the API (GitHub Enterprise Server serves it under /api/v3). */
  prefix?: string;
  maxPerPage?: number;
  /** Who the token is: the author of the comments it creates (default github-actions[bot], as GITHUB_TOKEN). */
  login?: string;
}

export class GitHubStandin {
  readonly requests: RecordedRequest[] = [];
  /** Comments by "owner/repo#number", oldest first. */
  readonly comments = new Map<string, StandinComment[]>();
  private failures: (Failure & { method?: string })[] = [];
  private nextId = 1000;
  private server?: http.Server;
  /** The API's base URL, for GITHUB_API_URL. */
  url = '';
  origin = '';
  /** When set, the Link header of comment page `page` (1-based), instead of the real one; undefined: none. */
  pageLinks?: (page: number, self: URL) => string | undefined;

  constructor(private readonly options: StandinOptions) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}${this.options.prefix ?? ''}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next request (with this method, when given) gets this answer instead of the real one. */
  failNext(failure: Failure, method?: string): void {
    this.failures.push({ ...failure, ...(method ? { method } : {}) });
  }

  /** The login comments created with the token are written by. */
  get login(): string {
    return this.options.login ?? 'github-actions[bot]';
  }

  /** Adds comments as `login` wrote them (default someone else: to fill pages before ours, or to quote our marker). */
  seed(pr: string, bodies: string[], login = 'someone-else'): StandinComment[] {
    const list = this.comments.get(pr) ?? [];
    const added = bodies.map((body) => this.comment(pr, body, login));
    list.push(...added);
    this.comments.set(pr, list);
    return added;
  }

  private comment(pr: string, body: string, login: string): StandinComment {
    const id = this.nextId++;
    const [repo, number] = pr.split('#');
    return { id, body, html_url: `https://github.example/${repo}/pull/${number}#issuecomment-${id}`, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' } };
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    const i = this.failures.findIndex((f) => f.method === undefined || f.method === req.method);
    if (i >= 0) {
      const [failure] = this.failures.splice(i, 1);
      return send(failure!.status, { message: failure!.message }, failure!.headers);
    }

    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.options.token}` && auth !== `Bearer ${this.options.token}`) return send(401, { message: 'Bad credentials' });

    const url = new URL(req.url ?? '/', 'http://standin');
    const prefix = this.options.prefix ?? '';
    if (!url.pathname.startsWith(`${prefix}/`)) return send(404, { message: 'Not Found' });
    const route = url.pathname.slice(prefix.length);

    if (route === '/user' && req.method === 'GET') {
      // GitHub answers GET /user only for a user's token; an Actions GITHUB_TOKEN (a bot's) gets 403.
      if (this.login.endsWith('[bot]')) return send(403, { message: 'Resource not accessible by integration' });
      return send(200, { login: this.login, id: 1, type: 'User' });
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(route);
    if (list) {
      const repo = `${list[1]}/${list[2]}`;
      const number = Number(list[3]);
      if (!this.options.repos[repo]?.includes(number)) return send(404, { message: 'Not Found' });
      const key = `${repo}#${number}`;
      const comments = this.comments.get(key) ?? [];
      if (req.method === 'GET') return this.page(url, comments, send);
      if (req.method === 'POST') {
        const text = (JSON.parse(body) as { body?: unknown }).body;
        if (typeof text !== 'string') return send(422, { message: 'body is missing' });
        const created = this.comment(key, text, this.login);
        this.comments.set(key, [...comments, created]);
        return send(201, created);
      }
      return send(405, { message: 'Method not allowed' });
    }

    const edit = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(route);
    if (edit && req.method === 'PATCH') {
      const repo = `${edit[1]}/${edit[2]}`;
      const id = Number(edit[3]);
      const found = [...this.comments.entries()].filter(([k]) => k.startsWith(`${repo}#`)).flatMap(([, v]) => v).find((c) => c.id === id);
      if (!found) return send(404, { message: 'Not Found' });
      const text = (JSON.parse(body) as { body?: unknown }).body;
      if (typeof text !== 'string') return send(422, { message: 'body is missing' });
      found.body = text;
      return send(200, found);
    }
    return send(404, { message: 'Not Found' });
  }

  private page(url: URL, comments: StandinComment[], send: (status: number, data: unknown, headers?: Record<string, string>) => void): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, this.options.maxPerPage ?? 100);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(comments.length / perPage));
    const link = (p: number, rel: string) => `<${this.origin}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    const header = this.pageLinks ? this.pageLinks(page, new URL(`${this.origin}${url.pathname}${url.search}`)) : links.join(', ');
    send(200, comments.slice((page - 1) * perPage, page * perPage), header ? { link: header } : {});
  }
}
