import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomically } from '../write/safe-write.js';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import { BUNDLE_FORMAT } from './build.js';
import { WASM_BUILTINS_FILE } from './opa.js';
import { sha256 } from './sources.js';
import { DATA_TENANT_SCHEMA_FILE } from './schemas.js';

/**
 * Where compiled custom bundles are kept between runs: --cache-dir, else $XDG_CACHE_HOME/shareguard, else
 * ~/.cache/shareguard.
 */
export function cacheDirectory(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined) {
    if (explicit === '') throw new UsageError('--cache-dir needs a directory');
    return path.resolve(explicit);
  }
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'shareguard');
}

/** A UsageError when the cache directory is an export path or lies inside an export directory. */
export function checkCacheOutsideExports(dir: string, exportPaths: readonly string[]): void {
  const target = path.resolve(dir);
  for (const given of exportPaths) {
    const abs = path.resolve(given);
    if (target === abs || (target + path.sep).startsWith(abs + path.sep)) {
      throw new UsageError(`the policy cache ${dir} is inside the export being scanned (${given}): shareguard never writes into an export; pass --cache-dir elsewhere`);
    }
  }
}

/**
 * The build cache: bundle files named by the hash of everything a build depends on (every source file and its
 * path, the opa and shareguard versions, the capabilities list, the data.tenant schema the type check uses,
 * which parts were compiled), so a stale entry
 * is never used and nothing needs invalidating. Every file is written whole (a temporary file, then a rename),
 * so concurrent runs at worst build the same bundle twice.
 */
export class BuildCache {
  constructor(readonly dir: string) {}

  static key(parts: { opaVersion: string; builtinControls: boolean; sources: Record<string, string> }): string {
    return sha256(
      JSON.stringify({
        bundleFormat: BUNDLE_FORMAT,
        shareguard: TOOL.version,
        opa: parts.opaVersion,
        capabilities: sha256(fs.readFileSync(WASM_BUILTINS_FILE)),
        // A policy that declares the schema builds or not depending on it (src/policy/schemas.ts).
        dataTenantSchema: sha256(fs.readFileSync(DATA_TENANT_SCHEMA_FILE)),
        builtinControls: parts.builtinControls,
        sources: parts.sources,
      }),
    );
  }

  bundlePath(key: string): string {
    return path.join(this.dir, 'bundles', `${key}.tar.gz`);
  }

  has(key: string): boolean {
    return fs.existsSync(this.bundlePath(key));
  }

  /**
   * Why an entry cannot be trusted whatever it holds, or undefined: on POSIX systems, a file owned by another
   * user or writable by group or others (mode 0o022) could have been replaced by someone else between runs.
   * Entries this class writes are the user's, with the umask's mode (0o644 by default).
   */
  untrusted(key: string): string | undefined {
    if (typeof process.getuid !== 'function') return undefined;
    const stat = fs.statSync(this.bundlePath(key));
    if (stat.uid !== process.getuid()) return `it is owned by user ${stat.uid}, not by this user (${process.getuid()})`;
    if ((stat.mode & 0o022) !== 0) return `it is writable by ${stat.mode & 0o020 ? 'its group' : 'other users'} (mode ${(stat.mode & 0o777).toString(8)})`;
    return undefined;
  }

  /** Stores a bundle file; returns where. */
  store(key: string, bytes: Buffer): string {
    const file = this.bundlePath(key);
    // 0o644 whatever the umask allows more of (a umask of 002 is common): see untrusted().
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomically(file, bytes);
    return file;
  }

  /**
   * The version of an opa binary, asked once per binary (by its real path, size and modification time) and
   * remembered in the cache, so that a run whose bundle is cached starts no process at all.
   */
  opaVersion(bin: string, ask: (bin: string) => string): string {
    const memoFile = path.join(this.dir, 'opa-versions.json');
    let identity: string;
    try {
      const real = fs.realpathSync(bin);
      const stat = fs.statSync(real);
      identity = `${real}\u0000${stat.size}\u0000${stat.mtimeMs}`;
    } catch {
      return ask(bin);
    }
    let memo: Record<string, string> = {};
    try {
      memo = JSON.parse(fs.readFileSync(memoFile, 'utf8')) as Record<string, string>;
    } catch {
      // none yet, or unreadable: ask opa
    }
    const known = memo[identity];
    if (typeof known === 'string') return known;
    const version = ask(bin);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      writeFileAtomically(memoFile, `${JSON.stringify({ ...memo, [identity]: version }, null, 2)}\n`);
    } catch {
      // a read-only cache only costs a process next time
    }
    return version;
  }
}

