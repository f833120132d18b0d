import { PolicyError, UsageError } from '../errors.js';
import type { BundleManifest, PolicyBundle } from '../engine/bundle.js';
import { TOOL } from '../version.js';
import { builtinBundle } from '../scan.js';
import { buildPolicies, buildSources } from './build.js';
import { bundleFileBytes, readBundleFile } from './bundle-file.js';
import { BuildCache, cacheDirectory, checkCacheOutsideExports } from './cache.js';
import { opaVersion, pinnedOpaVersion, requireOpa } from './opa.js';
import { sourceHashes } from './sources.js';

/** Which policies to run: the built-in ones, custom ones compiled beside them, or a prebuilt bundle. */
export interface PolicyOptions {
  /** Custom policy directories (--policy, repeatable). */
  policyDirs?: readonly string[];
  /** false: only the custom controls (--no-builtin). Default true. */
  builtin?: boolean;
  /** A bundle file written by `shareguard policy build` (--bundle). */
  bundleFile?: string;
  /** Where compiled bundles are cached (--cache-dir; default $XDG_CACHE_HOME/shareguard or ~/.cache/shareguard). */
  cacheDir?: string;
  /** The exports being scanned: the cache is never written inside them. */
  exportPaths?: readonly string[];
  /** Where SHAREGUARD_OPA, PATH and XDG_CACHE_HOME are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Told before opa is run (a build can take a few seconds). */
  onCompile?: (dirs: readonly string[]) => void;
  /** Told when the opa found is not the version shareguard is tested with. */
  onWarning?: (message: string) => void;
}

/** The policy bundle the options ask for. Usage errors before anything is read; policy problems as InputErrors at file:line. */
export function loadPolicies(options: PolicyOptions = {}): PolicyBundle {
  const dirs = options.policyDirs ?? [];
  if (options.bundleFile !== undefined) {
    if (dirs.length > 0) throw new UsageError('--bundle and --policy cannot be combined: a bundle already holds its policies (build it with `shareguard policy build` from the same directories)');
    if (options.builtin === false) throw new UsageError('--no-builtin does not apply to --bundle: whether a bundle holds the built-in controls is decided when it is built (`shareguard policy build --no-builtin`)');
    return readBundleFile(options.bundleFile);
  }
  if (dirs.length === 0) {
    if (options.builtin === false) throw new UsageError('--no-builtin leaves no controls to run: add --policy DIR (or pass a --bundle)');
    return builtinBundle();
  }
  return compileCustomBundle({ ...options, policyDirs: dirs }).bundle;
}

export interface CompiledBundle {
  /** The bundle file in the cache. */
  file: string;
  bundle: PolicyBundle;
  /** False when it was already there (opa was not run). */
  built: boolean;
}

/**
 * The bundle of the built-in and custom policies, from the cache when the same sources were compiled
 * before with the same opa and shareguard, else compiled with opa and stored there.
 */
export function compileCustomBundle(options: PolicyOptions & { policyDirs: readonly string[] }): CompiledBundle {
  const env = options.env ?? process.env;
  const builtinControls = options.builtin !== false;
  const cache = new BuildCache(cacheDirectory(options.cacheDir, env));
  checkCacheOutsideExports(cache.dir, options.exportPaths ?? []);
  const sources = sourceHashes(buildSources({ builtinControls, policyDirs: options.policyDirs }));
  const opa = requireOpa(`Compiling the policies in ${options.policyDirs.join(', ')}`, env);
  const version = cache.opaVersion(opa, opaVersion);
  const key = BuildCache.key({ opaVersion: version, builtinControls, sources });
  if (cache.has(key)) {
    const file = cache.bundlePath(key);
    let problem: string;
    try {
      const bundle = readBundleFile(file);
      const mismatch = cache.untrusted(key) ?? cacheEntryMismatch(bundle.manifest, { sources, opaVersion: version, builtinControls });
      if (mismatch === undefined) return { file, bundle, built: false };
      problem = mismatch;
    } catch (e) {
      // A damaged entry (a full disk, a stray edit) is built again and replaced.
      problem = (e as Error).message;
    }
    options.onWarning?.(`discarding the cached policy bundle ${file} (${problem}); compiling again`);
  }

  if (version !== pinnedOpaVersion()) {
    options.onWarning?.(`${opa} is opa ${version}; shareguard is built and tested with opa ${pinnedOpaVersion()}`);
  }
  options.onCompile?.(options.policyDirs);
  const { tarball, manifest } = buildPolicies({ opa, opaVersion: version, builtinControls, policyDirs: options.policyDirs });
  let file: string;
  try {
    file = cache.store(key, bundleFileBytes(tarball, manifest));
  } catch (e) {
    throw new PolicyError(`cannot write the compiled policies to the cache ${cache.dir}: ${(e as Error).message} (pass --cache-dir to use another directory)`);
  }
  return { file, bundle: readBundleFile(file), built: true };
}

/**
 * Why a cache entry does not hold what was asked for, or undefined when it does. The entry's name is the hash
 * of the request, but a name proves nothing about the content: anyone who can write to the cache (a shared
 * --cache-dir, a CI cache restored from a pull request's job) could put another bundle there, say one built
 * with --no-builtin from an empty policy, and a gate would pass. So the manifest inside must record exactly
 * the requested sources, by path and sha256, and the same opa and build options (policy.wasm is checked
 * against the manifest's wasmSha256 by readBundleFile). This catches a swapped or stale entry; it cannot
 * catch one forged with a matching manifest, which is why the cache must be writable only by its user
 * (docs/security-policies.md).
 */
export function cacheEntryMismatch(
  manifest: BundleManifest,
  expected: { sources: Record<string, string>; opaVersion: string; builtinControls: boolean },
): string | undefined {
  const recorded = manifest.sources && typeof manifest.sources === 'object' ? manifest.sources : {};
  const wanted = Object.keys(expected.sources).sort();
  const held = Object.keys(recorded).sort();
  const missing = wanted.filter((f) => !(f in recorded));
  if (missing.length > 0) return `its manifest lacks ${missing.length} of the ${wanted.length} sources asked for, e.g. ${missing[0]}`;
  const extra = held.filter((f) => !(f in expected.sources));
  if (extra.length > 0) return `its manifest lists ${extra.length} sources not asked for, e.g. ${extra[0]}`;
  const changed = wanted.filter((f) => recorded[f] !== expected.sources[f]);
  if (changed.length > 0) return `the sha256 of ${changed[0]} in its manifest is not that of the source${changed.length > 1 ? ` (and ${changed.length - 1} more)` : ''}`;
  if (manifest.opaVersion !== expected.opaVersion) return `it was built with opa ${manifest.opaVersion}, not ${expected.opaVersion}`;
  if (manifest.builtinControls !== expected.builtinControls) return `it was built ${manifest.builtinControls ? 'with' : 'without'} the built-in controls`;
  if (manifest.shareguardVersion !== TOOL.version) return `it was built by shareguard ${String(manifest.shareguardVersion)}, not ${TOOL.version}`;
  return undefined;
}
