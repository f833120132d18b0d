import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-async.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/policies.js';

/**
 * Issue 14, item 3: a 7 MB --bundle inflated to 3.25 GB before failing, and a policy that loops ran for ever.
 * A bundle is now read with a 64 MiB bound (compressed, decompressed) and at most 10,000 tar members, and
 * policy evaluation has a deadline (--timeout, default 300 s): each is an exit-2 error that says which limit.
 */

function ustar(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  header.write('0', 156);
  header.write('ustar\0', 257);
  return header;
}

const LOOP = `# METADATA
# title: Never finishes
# description: Compares every pair of 100,000 numbers (10^10 steps) to find nothing.
# custom:
#   id: LOOP-01
#   severity: low
#   area: flow
#   sections: [flows]
#   remediation: Nothing to do.
package shareguard.custom.loop

findings contains {"resource": {"id": "x"}, "message": "never"} if {
	n := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000); i == j])
	n < 0
}
`;

describe('a bundle cannot exhaust memory', () => {
  it('a zip bomb (80 MiB of zeros in 80 KB) is refused at 64 MiB, naming the file and the limit', () => {
    const dir = tempDir('bomb');
    const bomb = path.join(dir, 'bomb.tar.gz');
    fs.writeFileSync(bomb, gzipSync(Buffer.alloc(80 * 1024 * 1024), { level: 9 }));
    expect(fs.statSync(bomb).size).toBeLessThan(200 * 1024);
    const r = runCli(['scan', EXAMPLE, '--bundle', bomb, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`policy bundle ${bomb} decompresses to more than 64 MiB`);
    expect(r.stdout).toBe('');
  });

  it('a bundle whose tar holds more than 10,000 members is refused', () => {
    const dir = tempDir('members');
    const many = path.join(dir, 'many.tar.gz');
    const headers = Array.from({ length: 10_001 }, (_, i) => ustar(`f${i}`, 0));
    fs.writeFileSync(many, gzipSync(Buffer.concat([...headers, Buffer.alloc(1024)])));
    const r = runCli(['scan', EXAMPLE, '--bundle', many, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${many} has more than 10000 tar members`);
  });

  it('a bundle file larger than 64 MiB is not read at all', () => {
    const dir = tempDir('large');
    const large = path.join(dir, 'large.tar.gz');
    fs.writeFileSync(large, '');
    fs.truncateSync(large, 65 * 1024 * 1024);
    const r = runCli(['scan', EXAMPLE, '--bundle', large, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`policy bundle ${large} is 65.0 MiB, more than the 64 MiB a bundle may take`);
  });
});

describe('a policy cannot run for ever', () => {
  it('a looping policy is stopped at --timeout 2: exit 2, saying so', async () => {
    const dir = tempDir('loop');
    fs.mkdirSync(path.join(dir, 'loop'));
    fs.writeFileSync(path.join(dir, 'loop/loop.rego'), LOOP);
    const started = Date.now();
    // Killed after 50 s: without a deadline the scan would run for hours.
    const r = await runCliAsync(['scan', EXAMPLE, '--policy', path.join(dir, 'loop'), '--no-builtin', '--cache-dir', path.join(dir, 'cache'), '--timeout', '2', '--as-of', AS_OF], {}, 50_000);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('policy evaluation did not finish within 2 s (--timeout)');
    expect(r.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it('policy test: an example test of a looping policy is stopped at --timeout 2 too', async () => {
    const dir = tempDir('loop-test');
    const policies = path.join(dir, 'policies');
    const example = path.join(policies, 'loop/tests/spins');
    fs.mkdirSync(example, { recursive: true });
    fs.writeFileSync(path.join(policies, 'loop/loop.rego'), LOOP);
    fs.copyFileSync(path.join(ROOT, 'examples/policies/http_flow_run_only/tests/run-only-outside-approved-group/tenant.yaml'), path.join(example, 'tenant.yaml'));
    fs.writeFileSync(path.join(example, 'expected.yaml'), 'schemaVersion: 1\nasOf: "2026-11-30T00:00:00Z"\nfindings: []\n');
    const r = await runCliAsync(['policy', 'test', policies, '--cache-dir', path.join(dir, 'cache'), '--timeout', '2'], {}, 50_000);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('policy evaluation did not finish within 2 s (--timeout)');
  });

  it('--timeout must be a number of seconds', () => {
    for (const bad of ['0', '-1', 'soon', '1e9']) {
      const r = runCli(['scan', EXAMPLE, '--timeout', bad, '--as-of', AS_OF]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain(`--timeout "${bad}" is not a number of seconds`);
    }
  });

  it('a generous --timeout changes nothing for a normal scan', () => {
    const plain = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json']);
    const timed = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'json', '--timeout', '120']);
    expect(plain.code).toBe(1);
    expect(timed.code).toBe(1);
    expect(timed.stdout).toBe(plain.stdout);
  });
});
