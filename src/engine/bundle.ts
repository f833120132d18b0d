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
  /** The views' METADATA custom.reads (see ControlMetadata.reads): absent, a flow shard holds its users whole. */
  viewsReads?: { users: string[] };
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
  /**
   * METADATA custom.shards: the kinds of shard a sharded scan evaluates the control in (users, groups,
   * flows, apps: it iterates that collection through its *_in_scope set; tenant: settings, environments,
   * DLP policies). Absent: the control sees the whole tenant at once (correct, not bounded in memory).
   */
  shards?: string[];
  /** METADATA custom.countsPartition: its not-evaluated rules count every object of its shard's kind. */
  countsPartition?: true;
  /**
   * METADATA custom.reads: the fields the control reads of the users it does not iterate but reaches through a
   * reference (an owner, a member, a user a share names). A shard whose controls all declare it holds those
   * users with the declared fields alone (and their id): on the bench's 1,000,000-user tenant the users that
   * group, app and flow shards hold as references were 3.1 GB of the 4.5 GB of JSON given to the shards.
   * Absent: every field (a custom control, or one that never said).
   */
  reads?: { users: string[] };
}

/** One platform rule (PLT-*, policies/platform) as the manifest lists it. */
export interface PlatformRuleMetadata {
  id: string;
  title: string;
  description: string;
  effect: string;
  package: string;
}

/**
 * The evaluation deadline a bundle carries (EvaluationBudget in engine.ts is the one implementation). Named here
 * by its shape so that this file, which engine.ts reads bundles through, does not import engine.ts back.
 */
export interface EvaluationDeadline {
  readonly timeoutSeconds: number;
  /** Makes room for a tenant of that many objects when the limit is the default (no --timeout). */
  allowFor?(objects: number): void;
  run<T>(work: () => T): T;
  /** Milliseconds left. */
  readonly remaining: number;
  /** Counts time spent outside run (evaluation in worker threads) against the deadline. */
  spend(ms: number): void;
  /** The error of a deadline passed. */
  exceeded(): Error;
}

export interface PolicyBundle {
  /** policy.wasm as a standalone ArrayBuffer (opa-wasm mis-serialises a Node Buffer). */
  wasm: ArrayBuffer;
  manifest: BundleManifest;
  /** Where it was read from, for messages. */
  source: string;
  /**
   * The evaluation time the command allows (--timeout), shared by every engine made from this bundle
   * object; absent: each engine gets DEFAULT_TIMEOUT_SECONDS.
   */
  budget?: EvaluationDeadline;
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

/**
 * The most a policy bundle may take, compressed or not. The built-in bundle is 0.25 MB compressed and
 * 0.95 MB as a tar (105 members: policy.wasm and the Rego sources), and a custom build adds the user's
 * sources; 64 MiB is some 65 times that, and still small enough to hold in memory at once. Without a bound,
 * a 7 MB --bundle of zeros inflated to 3.25 GB before anything noticed (gzip compresses zeros about 1000:1).
 */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
/** The most members a bundle's tar may have: about 100 times the built-in bundle's 105. */
export const MAX_BUNDLE_ENTRIES = 10_000;

const MiB = 1024 * 1024;

/**
 * Reads and decompresses a policy bundle file, never holding more than MAX_BUNDLE_BYTES of it: a larger file,
 * or one that inflates past the limit, is a PolicyError naming the file and the limit.
 */
export function readBundleTar(file: string): Buffer {
  let gz: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_BUNDLE_BYTES) throw new PolicyError(`policy bundle ${file} is ${(size / MiB).toFixed(1)} MiB, more than the ${MAX_BUNDLE_BYTES / MiB} MiB a bundle may take`);
    gz = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof PolicyError) throw e;
    throw new PolicyError(`cannot read policy bundle ${file}: ${(e as Error).message}`);
  }
  return gunzipBundle(gz, file);
}

/** gunzip with the MAX_BUNDLE_BYTES bound (zlib stops at maxOutputLength instead of allocating on). */
export function gunzipBundle(gz: Buffer, file: string): Buffer {
  try {
    return gunzipSync(gz, { maxOutputLength: MAX_BUNDLE_BYTES });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PolicyError(`policy bundle ${file} decompresses to more than ${MAX_BUNDLE_BYTES / MiB} MiB, the most a bundle may take (a real one is about 1 MiB): refusing it`);
    }
    throw new PolicyError(`cannot read policy bundle ${file}: ${(e as Error).message}`);
  }
}

/** Takes /policy.wasm out of an `opa build -t wasm` tarball (opa-wasm only loads the raw module). */
export function readWasmFromBundle(file: string): ArrayBuffer {
  const wasm = wasmMember(tarEntries(readBundleTar(file), file));
  if (!wasm) throw new PolicyError(`policy bundle ${file} holds no policy.wasm (was it built with \`opa build -t wasm\`?)`);
  return standalone(wasm);
}

/**
 * A bundle member by name. opa writes names with a leading '/' ('/policy.wasm'), other tar writers with './'
 * or nothing, so names compare without them. The one way members are looked up, for policy.wasm here and in
 * policy/ (the build, the bundle file with its /shareguard.manifest.json).
 */
export function bundleMember(entries: readonly TarEntry[], name: string): Buffer | undefined {
  const bare = (n: string) => n.replace(/^\.?\//, '');
  return entries.find((e) => bare(e.name) === bare(name))?.data;
}

/** policy.wasm among a bundle's members; undefined when there is none (each caller says why in its words). */
export function wasmMember(entries: readonly TarEntry[]): Buffer | undefined {
  return bundleMember(entries, 'policy.wasm');
}

/** A copy of a member as a standalone ArrayBuffer: opa-wasm mis-serialises a Node Buffer view of a larger one. */
export function standalone(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export interface TarEntry {
  name: string;
  data: Buffer;
}

/**
 * A minimal reader for the ustar/GNU tar archives opa writes: regular files only, long names honoured, at
 * most MAX_BUNDLE_ENTRIES headers (members are views of `tar`, never copies, so the size is bounded by it).
 */
export function tarEntries(tar: Buffer, file = 'policy bundle'): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let headers = 0;
  while (offset + 512 <= tar.length) {
    if (++headers > MAX_BUNDLE_ENTRIES) throw new PolicyError(`${file} has more than ${MAX_BUNDLE_ENTRIES} tar members, the most a bundle may have (a real one has about 100): refusing it`);
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
