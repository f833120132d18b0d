import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PolicyError } from '../errors.js';

/**
 * What a build records beside the compiled policies (src/policy/build.ts): `npm run policies:build` writes it
 * to bundle/manifest.json; a custom build (scan --policy, policy build) stores it inside its bundle file.
 */
export interface BundleManifest {
  note?: string;
  opaVersion: string;
  entrypoint: string;
  /** The simulation's platform rules (PLT-*): { rules, allowed, effects } for input.change. */
  platformEntrypoint?: string;
  /** Every control's findings in one evaluation, honouring input.scope (simulations). */
  scopedEntrypoint?: string;
  /** Per-object facts stored as data.derived (policies/views): { externalAccessFlows }. */
  viewsEntrypoint?: string;
  wasmSha256: string;
  sources: Record<string, string>;
  controls: ControlMetadata[];
  platformRules?: PlatformRuleMetadata[];
  /** Custom builds only: the version of the bundle file format, and what went into the build. */
  bundleFormat?: number;
  shareguardVersion?: string;
  /** Custom builds only: whether the built-in controls were compiled in (false with --no-builtin). */
  builtinControls?: boolean;
  /** Custom builds only: the policy directories, as given to the build that wrote the bundle. */
  policyDirs?: string[];
}

/** One control's METADATA, as compiled into the bundle. */
export interface ControlMetadata {
  id: string;
  title: string;
  description: string;
  severity: string;
  area: string;
  sections: string[];
  params: Record<string, unknown>;
  /** JSON Schemas of the parameters, where the control gives them (else derived from the defaults). */
  paramSchema?: Record<string, Record<string, unknown>>;
  remediation: string;
  references: string[];
  relatedResources: { ref: string; description?: string }[];
  package: string;
  /** The entrypoint that evaluates this control alone: { findings, notEvaluated }. */
  entrypoint: string;
  /** 'custom' for a control from a --policy directory (absent for the built-in ones). */
  origin?: 'custom';
}

/** One platform rule (PLT-*, policies/platform) as the manifest lists it. */
export interface PlatformRuleMetadata {
  id: string;
  title: string;
  description: string;
  effect: string;
  package: string;
}

export interface PolicyBundle {
  /** policy.wasm as a standalone ArrayBuffer (opa-wasm mis-serialises a Node Buffer). */
  wasm: ArrayBuffer;
  manifest: BundleManifest;
  /** Where it was read from, for messages. */
  source: string;
}

/** The built-in bundle shipped with the package (bundle/ beside dist/). */
export const BUILTIN_BUNDLE = new URL('../../bundle/shareguard.tar.gz', import.meta.url);
export const BUILTIN_MANIFEST = new URL('../../bundle/manifest.json', import.meta.url);

export function readBuiltinBundle(): PolicyBundle {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(BUILTIN_MANIFEST, 'utf8')) as BundleManifest;
  } catch (e) {
    throw new PolicyError(`cannot read the built-in policy manifest (${BUILTIN_MANIFEST.pathname}): ${(e as Error).message}; run \`npm run policies:build\``);
  }
  const source = BUILTIN_BUNDLE.pathname;
  return { wasm: readWasmFromBundle(source), manifest, source };
}

/** Takes /policy.wasm out of an `opa build -t wasm` tarball (opa-wasm only loads the raw module). */
export function readWasmFromBundle(file: string): ArrayBuffer {
  let tar: Buffer;
  try {
    tar = gunzipSync(fs.readFileSync(file));
  } catch (e) {
    throw new PolicyError(`cannot read policy bundle ${file}: ${(e as Error).message}`);
  }
  const entry = tarEntries(tar).find((e) => e.name.replace(/^\.?\//, '') === 'policy.wasm');
  if (!entry) throw new PolicyError(`policy bundle ${file} holds no policy.wasm (was it built with \`opa build -t wasm\`?)`);
  const bytes = entry.data;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

interface TarEntry {
  name: string;
  data: Buffer;
}

/** A minimal reader for the ustar/GNU tar archives opa writes: regular files only, long names honoured. */
export function tarEntries(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const dataStart = offset + 512;
    if (Number.isNaN(size) || dataStart + size > tar.length) throw new PolicyError('policy bundle is not a valid tar archive');
    const data = tar.subarray(dataStart, dataStart + size);
    longName = undefined;
    if (type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '') entries.push({ name, data });
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  return entries;
}
