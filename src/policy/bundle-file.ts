import { gzipSync } from 'node:zlib';
import { PolicyError } from '../errors.js';
import { bundleMember, gunzipBundle, readBundleTar, standalone, tarEntries, wasmMember, type BundleManifest, type PolicyBundle } from '../engine/bundle.js';
import { BUNDLE_FORMAT } from './build.js';
import { sha256 } from './sources.js';

/**
 * A shareguard bundle file (`shareguard policy build`, and each entry of the build cache) is the tarball
 * `opa build -t wasm` writes (policy.wasm, the sources, opa's .manifest: opa inspect and opa's bundle readers
 * still accept it) with one more member, /shareguard.manifest.json: the manifest of the build (entrypoints,
 * every control's METADATA, source hashes, opa and shareguard versions). One file to cache and pass around;
 * a scan needs both the module and the METADATA, which the compiled module alone does not carry.
 */
export const MANIFEST_MEMBER = '/shareguard.manifest.json';

const BLOCK = 512;

/** Where the archive's entries end (the start of its end-of-archive zero blocks). */
function archiveEnd(tar: Buffer): number {
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return offset;
    const size = parseInt(header.toString('utf8', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return Math.min(offset, tar.length);
}

/** A ustar header for a regular file, with the fixed owner, mode and time opa gives its members. */
function ustarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  const put = (text: string, offset: number) => header.write(text, offset, 'utf8');
  put(name, 0);
  put('0000600\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124);
  put('00000000000\0', 136);
  put('        ', 148);
  put('0', 156);
  put('ustar\0', 257);
  put('00', 263);
  const checksum = header.reduce((sum, b) => sum + b, 0);
  put(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

/** The opa tarball with the manifest added as /shareguard.manifest.json. */
export function bundleFileBytes(tarball: Buffer, manifest: BundleManifest): Buffer {
  const tar = gunzipBundle(tarball, 'the bundle opa built');
  const data = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const padding = Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK);
  return gzipSync(Buffer.concat([tar.subarray(0, archiveEnd(tar)), ustarHeader(MANIFEST_MEMBER, data.length), data, padding, Buffer.alloc(2 * BLOCK)]));
}

/**
 * Reads a shareguard bundle file. A plain `opa build` tarball, a manifest of an unknown format or a module
 * that does not match its manifest is a PolicyError saying what to do instead.
 */
export function readBundleFile(file: string): PolicyBundle {
  let members: { name: string; data: Buffer }[];
  try {
    members = tarEntries(readBundleTar(file), file);
  } catch (e) {
    if (e instanceof PolicyError) throw e;
    throw new PolicyError(`cannot read policy bundle ${file}: ${(e as Error).message}`);
  }
  const wasm = wasmMember(members);
  if (!wasm) throw new PolicyError(`${file} holds no policy.wasm: it is not a WebAssembly policy bundle (build one with \`shareguard policy build DIR -o ${file}\`)`);
  const manifestBytes = bundleMember(members, MANIFEST_MEMBER);
  if (!manifestBytes) {
    throw new PolicyError(
      `${file} is an opa bundle without shareguard's manifest (${MANIFEST_MEMBER}): shareguard needs the generated entrypoints and the controls' METADATA it records. Build the bundle with \`shareguard policy build DIR -o ${file}\` (it runs opa build -t wasm and adds them).`,
    );
  }
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as BundleManifest;
  } catch (e) {
    throw new PolicyError(`${file}: ${MANIFEST_MEMBER} is not JSON (${(e as Error).message})`);
  }
  if (manifest.bundleFormat !== BUNDLE_FORMAT) {
    throw new PolicyError(`${file} was written in bundle format ${String(manifest.bundleFormat)}; this shareguard reads format ${BUNDLE_FORMAT}: build it again with this version's \`shareguard policy build\``);
  }
  if (!Array.isArray(manifest.controls) || typeof manifest.entrypoint !== 'string' || typeof manifest.scopedEntrypoint !== 'string') {
    throw new PolicyError(`${file}: ${MANIFEST_MEMBER} lacks the controls or entrypoints`);
  }
  if (sha256(wasm) !== manifest.wasmSha256) throw new PolicyError(`${file}: policy.wasm does not match the manifest's wasmSha256 (the file was altered or damaged)`);
  return { wasm: standalone(wasm), manifest, source: file };
}
