/**
 * JSON over HTTPS for `collect`, on Node's built-in fetch: a bearer token per request, 429 and 503 answered by
 * waiting (Retry-After when the server gives it, else exponential backoff) and trying again a bounded number of
 * times, network errors retried the same way, and a time limit per request. The token is only ever put in the
 * Authorization header: no message, error or log line contains it.
 */

export interface HttpOptions {
  /** Tries after the first for a throttled or failed request (default 4). */
  maxRetries?: number;
  /** The first backoff when the server gives no Retry-After, doubled each try (default 1000 ms). */
  baseDelayMs?: number;
  /** The longest wait honoured for Retry-After (default 120 s); a longer one is cut to this. */
  maxDelayMs?: number;
  /** Time limit for one request (default 100 s). */
  timeoutMs?: number;
  /** Called before each wait, e.g. to show it on the progress line. */
  onRetry?: (info: { url: string; status: number | 'network'; waitMs: number; attempt: number }) => void;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpResponse {
  status: number;
  /** The response body as text (JSON is parsed by the caller, which knows what it expects). */
  text: string;
  url: string;
}

/** A request that could not be completed at all (network failure after every retry). */
export class HttpFailure extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`${url}: ${detail}`);
  }
}

const RETRY_STATUSES = new Set([429, 503]);

export class HttpClient {
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made, including retries. */
  requests = 0;
  retries = 0;

  constructor(private readonly options: HttpOptions = {}) {
    this.maxRetries = options.maxRetries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 120_000;
    this.timeoutMs = options.timeoutMs ?? 100_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One request, retried while throttled; any final status is returned for the caller to judge. */
  async request(url: string, token: string, method: 'GET' | 'POST' = 'GET'): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      this.requests += 1;
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ConsistencyLevel: 'eventual',
            ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
          },
          ...(method === 'POST' ? { body: '{}' } : {}),
          redirect: 'follow',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (thrown) {
        if (attempt >= this.maxRetries) throw new HttpFailure(url, `request failed (${networkReason(thrown)}) after ${attempt + 1} tries`);
        await this.wait(url, 'network', this.backoff(attempt), attempt);
        continue;
      }
      if (RETRY_STATUSES.has(response.status) && attempt < this.maxRetries) {
        await response.body?.cancel();
        await this.wait(url, response.status, retryAfterMs(response.headers.get('retry-after')) ?? this.backoff(attempt), attempt);
        continue;
      }
      return { status: response.status, text: await response.text(), url };
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.baseDelayMs * 2 ** attempt, this.maxDelayMs);
  }

  private async wait(url: string, status: number | 'network', waitMs: number, attempt: number): Promise<void> {
    const ms = Math.min(Math.max(0, waitMs), this.maxDelayMs);
    this.retries += 1;
    this.options.onRetry?.({ url, status, waitMs: ms, attempt: attempt + 1 });
    await this.sleep(ms);
  }
}

/** Retry-After as seconds or as an HTTP date → milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function networkReason(thrown: unknown): string {
  const e = thrown as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(thrown);
}
