import { Command } from 'commander';
import type { PolicyBundle } from '../engine/bundle.js';
import { loadPolicies } from '../policy/load.js';
import { collect } from './targets.js';

/** The flags that choose the policies: --policy (repeatable), --no-builtin, --bundle, --cache-dir. */
export interface PolicyFlags {
  policy?: string[];
  builtin: boolean;
  bundle?: string;
  cacheDir?: string;
}

export function addPolicyOptions(command: Command): Command {
  return command
    .option('--policy <dir>', 'a directory of your own Rego policies to run beside the built-in ones (repeatable; compiled with opa, cached)', collect)
    .option('--no-builtin', 'run only the policies given with --policy')
    .option('--bundle <file>', 'a prebuilt policy bundle (`shareguard policy build`) instead of compiling: needs no opa')
    .option('--cache-dir <dir>', 'where compiled policies are cached (default: $XDG_CACHE_HOME/shareguard or ~/.cache/shareguard)');
}

/** The bundle the flags ask for; the cache is kept out of `exportPaths`. Compiling says so on stderr. */
export function policyBundle(flags: PolicyFlags, exportPaths: readonly string[]): PolicyBundle {
  return loadPolicies({
    ...(flags.policy ? { policyDirs: flags.policy } : {}),
    builtin: flags.builtin,
    ...(flags.bundle !== undefined ? { bundleFile: flags.bundle } : {}),
    ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
    exportPaths,
    onCompile: (dirs) => process.stderr.write(`shareguard: compiling ${dirs.join(', ')} with opa (cached for later runs)\n`),
    onWarning: (message) => process.stderr.write(`shareguard: warning: ${message}\n`),
  });
}
