import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUILTIN_BUNDLE, BUILTIN_MANIFEST, readWasmFromBundle, tarEntries, type BundleManifest } from '../../../src/engine/bundle.js';
import { PolicyError } from '../../../src/errors.js';
import { MANIFEST_MEMBER, bundleFileBytes, readBundleFile } from '../../../src/policy/bundle-file.js';

// The committed built-in bundle is an `opa build -t wasm` tarball: a shareguard bundle file is that plus the manifest.
const tarball = fs.readFileSync(BUILTIN_BUNDLE);
const builtinManifest = JSON.parse(fs.readFileSync(BUILTIN_MANIFEST, 'utf8')) as BundleManifest;
const manifest: BundleManifest = { ...builtinManifest, bundleFormat: 1, shareguardVersion: '0.1.0', builtinControls: true, policyDirs: ['policies'] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bundle-file-'));
const write = (name: string, bytes: Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

describe('bundle files', () => {
  it('keep every member of the opa tarball and add the manifest as the last one', () => {
    const before = tarEntries(gunzipSync(tarball));
    const after = tarEntries(gunzipSync(bundleFileBytes(tarball, manifest)));
    expect(after.slice(0, -1).map((e) => [e.name, e.data.length])).toEqual(before.map((e) => [e.name, e.data.length]));
    expect(after.at(-1)!.name).toBe(MANIFEST_MEMBER);
    expect(JSON.parse(after.at(-1)!.data.toString('utf8'))).toEqual(manifest);
  });

  it('write a valid ustar header (the checksum tar tools verify)', () => {
    const tar = gunzipSync(bundleFileBytes(tarball, manifest));
    const offset = tar.indexOf(Buffer.from(MANIFEST_MEMBER));
    const header = Buffer.from(tar.subarray(offset, offset + 512));
    const stored = parseInt(header.toString('utf8', 148, 154), 8);
    header.fill(' ', 148, 156);
    expect(header.reduce((sum, b) => sum + b, 0)).toBe(stored);
  });

  it('read back: the module, the manifest, the file as source', () => {
    const file = write('ok.tar.gz', bundleFileBytes(tarball, manifest));
    const bundle = readBundleFile(file);
    expect(bundle.source).toBe(file);
    expect(bundle.manifest).toEqual(manifest);
    expect(Buffer.from(bundle.wasm).equals(Buffer.from(readWasmFromBundle(BUILTIN_BUNDLE.pathname)))).toBe(true);
  });

  it('refuse a tarball without the manifest, another format, or a module that is not the manifest\'s', () => {
    expect(() => readBundleFile(BUILTIN_BUNDLE.pathname)).toThrow(/without shareguard's manifest/);
    expect(() => readBundleFile(write('v2.tar.gz', bundleFileBytes(tarball, { ...manifest, bundleFormat: 2 })))).toThrow(/bundle format 2; this shareguard reads format 1/);
    const wrong = createHash('sha256').update('other').digest('hex');
    expect(() => readBundleFile(write('sha.tar.gz', bundleFileBytes(tarball, { ...manifest, wasmSha256: wrong })))).toThrow(/does not match the manifest's wasmSha256/);
    expect(() => readBundleFile(write('junk.tar.gz', Buffer.from('not gzip')))).toThrow(PolicyError);
    expect(() => readBundleFile(path.join(dir, 'missing.tar.gz'))).toThrow(/cannot read policy bundle/);
  });
});
