import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tarEntries } from '../../src/engine/bundle.js';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, runCli, type CliRun } from '../helpers/cli.js';
import { EXAMPLE_POLICIES, tempDir } from '../helpers/policies.js';

/**
 * Issue 14, item 2: a --cache-dir entry is named by the hash of the request, and was used on its name alone.
 * Swapping one file (a bundle with one control that finds nothing, built with --no-builtin) turned 52
 * findings into "Gate passes". A cache entry is now used only when its manifest records exactly the sources
 * asked for and its policy.wasm matches that manifest; anything else is discarded with a note and rebuilt.
 */

const NOTHING = `# METADATA
# title: Finds nothing
# description: A control that never finds anything.
# custom:
#   id: NOP-01
#   severity: low
#   area: flow
#   sections: [flows]
#   remediation: Nothing to do.
package shareguard.custom.nop

findings := set()
`;

const total = (r: CliRun) => (JSON.parse(r.stdout) as ScanResult).summary.total;

let dir: string;
let cacheDir: string;
let scanArgs: string[];
let honest: number;
let entry: string;
let decoy: string;

beforeAll(() => {
  dir = tempDir('cache-poison');
  cacheDir = path.join(dir, 'cache');
  scanArgs = ['scan', EXAMPLE, '--policy', EXAMPLE_POLICIES, '--cache-dir', cacheDir, '--as-of', AS_OF, '--output', 'json'];
  const first = runCli(scanArgs);
  expect(first.code, first.stderr).toBe(1);
  honest = total(first);
  expect(honest).toBeGreaterThan(40);
  const entries = fs.readdirSync(path.join(cacheDir, 'bundles'));
  expect(entries).toHaveLength(1);
  entry = path.join(cacheDir, 'bundles', entries[0]!);
  // The attacker's bundle: a real shareguard bundle, self-consistent, built from other sources.
  const nop = path.join(dir, 'nop');
  fs.mkdirSync(nop);
  fs.writeFileSync(path.join(nop, 'nop.rego'), NOTHING);
  decoy = path.join(dir, 'nop.tar.gz');
  const built = runCli(['policy', 'build', nop, '--no-builtin', '-o', decoy, '--cache-dir', path.join(dir, 'other-cache')]);
  expect(built.code, built.stderr).toBe(0);
}, 180_000);

/** Puts `bytes` in place of the entry, rescans, and checks the verdict is the honest one. */
function rescanAfter(bytes: Buffer, mode = 0o644): CliRun {
  fs.writeFileSync(entry, bytes);
  fs.chmodSync(entry, mode);
  const r = runCli(scanArgs);
  expect(r.code, r.stderr).toBe(1);
  expect(total(r)).toBe(honest);
  expect(r.stderr).toContain(`discarding the cached policy bundle ${entry}`);
  expect(r.stderr).toContain('compiling');
  // The rebuilt entry is the honest one again: the next run uses it silently.
  const again = runCli(scanArgs);
  expect(again.code).toBe(1);
  expect(total(again)).toBe(honest);
  expect(again.stderr).toBe('');
  return r;
}

/** A gzipped ustar archive of regular files (what a bundle file is). */
function tarGz(members: { name: string; data: Buffer }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const header = Buffer.alloc(512);
    header.write(m.name, 0);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${m.data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    header.write(`${header.reduce((sum, b) => sum + b, 0).toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, m.data, Buffer.alloc((512 - (m.data.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

const MANIFEST = '/shareguard.manifest.json';
const membersOf = (file: string) => tarEntries(gunzipSync(fs.readFileSync(file))).map((m) => ({ name: m.name, data: Buffer.from(m.data) }));
const manifestOf = (members: { name: string; data: Buffer }[]) => JSON.parse(members.find((m) => m.name === MANIFEST)!.data.toString('utf8')) as Record<string, unknown>;
const withManifest = (members: { name: string; data: Buffer }[], manifest: unknown) =>
  tarGz(members.map((m) => (m.name === MANIFEST ? { name: m.name, data: Buffer.from(JSON.stringify(manifest)) } : m)));

describe('a poisoned cache entry is never used', () => {
  it('another bundle swapped in for the entry (one control that finds nothing) is discarded and rebuilt', () => {
    const r = rescanAfter(fs.readFileSync(decoy));
    expect(r.stderr).toMatch(/its manifest lacks \d+ of the \d+ sources asked for/);
  });

  it('the swapped bundle with its manifest claiming the requested sources still fails: its policy.wasm is not the one the manifest names', () => {
    // The decoy's policy.wasm under the honest entry's manifest (the requested sources, the honest wasm's hash).
    const r = rescanAfter(withManifest(membersOf(decoy), manifestOf(membersOf(entry))));
    expect(r.stderr).toContain('policy.wasm does not match the manifest');
  });

  it('an entry whose manifest records another hash for one source is discarded', () => {
    const members = membersOf(entry);
    const manifest = manifestOf(members);
    const sources = manifest.sources as Record<string, string>;
    sources[Object.keys(sources).find((f) => f.startsWith('custom/'))!] = '0'.repeat(64);
    const r = rescanAfter(withManifest(members, manifest));
    expect(r.stderr).toMatch(/the sha256 of custom\/1\/\S+ in its manifest is not that of the source/);
  });

  it.skipIf(typeof process.getuid !== 'function')('an honest entry that others could have written (group- or world-writable) is not trusted', () => {
    const r = rescanAfter(fs.readFileSync(entry), 0o666);
    expect(r.stderr).toMatch(/writable by (its group|other users)/);
    expect(fs.statSync(entry).mode & 0o022).toBe(0);
  });
});
