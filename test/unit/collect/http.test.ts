import { describe, expect, it } from 'vitest';
import { HttpClient, HttpFailure, retryAfterMs } from '../../../src/collect/http.js';
import { inPool } from '../../../src/collect/pool.js';
import { powerPlatformRoots } from '../../../src/collect/collector.js';

/** A fetch that answers from a list of [status, headers] in order, recording what it was asked. */
function scripted(answers: Array<[number, Record<string, string>?] | Error>) {
  const calls: Array<{ url: string; auth: string | undefined }> = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, auth: (init.headers as Record<string, string>).Authorization });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return new Response(next[0] === 200 ? '{"value":[]}' : '{}', { status: next[0], headers: next[1] ?? {} });
  }) as unknown as typeof fetch;
  return { calls, impl };
}

describe('HttpClient', () => {
  it('waits as long as Retry-After says, then tries again', async () => {
    const waits: number[] = [];
    const { calls, impl } = scripted([[429, { 'retry-after': '2' }], [503, { 'retry-after': '0' }], [200]]);
    const client = new HttpClient({ fetch: impl, sleep: async (ms) => void waits.push(ms) });
    const r = await client.request('https://graph.example/v1.0/users', 'tok');
    expect(r.status).toBe(200);
    expect(waits).toEqual([2000, 0]);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.auth).toBe('Bearer tok');
  });

  it('backs off exponentially without Retry-After, and stops after maxRetries with the last status', async () => {
    const waits: number[] = [];
    const { calls, impl } = scripted([[429], [429], [429], [429]]);
    const client = new HttpClient({ fetch: impl, maxRetries: 3, baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    const r = await client.request('https://graph.example/v1.0/users', 'tok');
    expect(r.status).toBe(429);
    expect(waits).toEqual([100, 200, 400]);
    expect(calls).toHaveLength(4);
  });

  it('caps a long Retry-After', async () => {
    const waits: number[] = [];
    const { impl } = scripted([[429, { 'retry-after': '86400' }], [200]]);
    const client = new HttpClient({ fetch: impl, maxDelayMs: 5000, sleep: async (ms) => void waits.push(ms) });
    await client.request('https://x/', 't');
    expect(waits).toEqual([5000]);
  });

  it('retries network errors, then fails naming the URL but never the token', async () => {
    const { impl } = scripted([new TypeError('fetch failed'), new TypeError('fetch failed')]);
    const client = new HttpClient({ fetch: impl, maxRetries: 1, sleep: async () => {} });
    const error = await client.request('https://graph.example/v1.0/groups', 'secret-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpFailure);
    expect((error as Error).message).toBe('https://graph.example/v1.0/groups: request failed (fetch failed) after 2 tries');
    expect((error as Error).message).not.toContain('secret-token');
  });

  it('does not retry other statuses', async () => {
    const { calls, impl } = scripted([[403]]);
    const r = await new HttpClient({ fetch: impl, sleep: async () => {} }).request('https://x/', 't');
    expect(r.status).toBe(403);
    expect(calls).toHaveLength(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('1')).toBe(1000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('inPool', () => {
  it('keeps at most `size` running and returns results in order', async () => {
    let running = 0;
    let most = 0;
    const out = await inPool([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('starts nothing new after a failure and waits for the running work before throwing', async () => {
    const started: number[] = [];
    let finished = 0;
    const error = await inPool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('boom');
      await new Promise((r) => setTimeout(r, 5));
      finished += 1;
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('boom');
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });
});

describe('powerPlatformRoots', () => {
  it('uses the public cloud hosts by default, a {service} template, or folders below a URL', () => {
    expect(powerPlatformRoots(undefined)).toEqual({ bap: 'https://api.bap.microsoft.com', flow: 'https://api.flow.microsoft.com', powerapps: 'https://api.powerapps.com' });
    expect(powerPlatformRoots('https://api.{service}.example.us/')).toEqual({ bap: 'https://api.bap.example.us', flow: 'https://api.flow.example.us', powerapps: 'https://api.powerapps.example.us' });
    expect(powerPlatformRoots('http://127.0.0.1:8080')).toEqual({ bap: 'http://127.0.0.1:8080/bap', flow: 'http://127.0.0.1:8080/flow', powerapps: 'http://127.0.0.1:8080/powerapps' });
  });
});
