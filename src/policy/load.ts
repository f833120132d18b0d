import { PolicyError, UsageError } from '../errors.js';
import type { PolicyBundle } from '../engine/bundle.js';
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
    try {
      return { file, bundle: readBundleFile(file), built: false };
    } catch {
      // A damaged entry (a full disk, a stray edit) is built again and replaced.
    }
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
