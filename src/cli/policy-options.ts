import { Command } from 'commander';
import { forTextLines } from '../format/neutralise.js';
import type { PolicyBundle } from '../engine/bundle.js';
import { DEFAULT_TIMEOUT_OBJECTS, DEFAULT_TIMEOUT_SECONDS, EvaluationBudget, parseTimeoutSeconds } from '../engine/engine.js';
import { loadPolicies } from '../policy/load.js';
import { collect } from './targets.js';

/** The flags that choose the policies (--policy (repeatable), --no-builtin, --bundle, --cache-dir) and bound them (--timeout). */
export interface PolicyFlags {
  policy?: string[];
  builtin: boolean;
  bundle?: string;
  cacheDir?: string;
  timeout?: string;
}

export function addPolicyOptions(command: Command): Command {
  return command
    .option('--policy <dir>', 'a directory of your own Rego policies to run beside the built-in ones (repeatable; compiled with opa, cached)', collect)
    .option('--no-builtin', 'run only the policies given with --policy')
    .option('--bundle <file>', 'a prebuilt policy bundle (`shareguard policy build`) instead of compiling: needs no opa')
    .option('--cache-dir <dir>', 'where compiled policies are cached (default: $XDG_CACHE_HOME/shareguard or ~/.cache/shareguard)')
    .option('--timeout <seconds>', `the most time policy evaluation may take in this command, in seconds (default: ${DEFAULT_TIMEOUT_SECONDS} per ${DEFAULT_TIMEOUT_OBJECTS.toLocaleString('en-US')} objects of the tenant, at least ${DEFAULT_TIMEOUT_SECONDS}); past it, exit 2`);
}

/** The evaluation budget --timeout asks for (a UsageError for a value that is not a number of seconds). */
export function evaluationBudget(timeout: string | undefined): EvaluationBudget {
  return new EvaluationBudget(timeout === undefined ? undefined : parseTimeoutSeconds(timeout));
}

/** The bundle the flags ask for; the cache is kept out of `exportPaths`. Compiling says so on stderr. */
export function policyBundle(flags: PolicyFlags, exportPaths: readonly string[]): PolicyBundle {
  const budget = evaluationBudget(flags.timeout);
  const bundle = loadPolicies({
    ...(flags.policy ? { policyDirs: flags.policy } : {}),
    builtin: flags.builtin,
    ...(flags.bundle !== undefined ? { bundleFile: flags.bundle } : {}),
    ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
    exportPaths,
    onCompile: (dirs) => process.stderr.write(`shareguard: compiling ${dirs.join(', ')} with opa (cached for later runs)\n`),
    onWarning: (message) => process.stderr.write(`shareguard: warning: ${forTextLines([message])}\n`),
  });
  // A new object (the built-in bundle is shared by the process): the budget belongs to this command.
  return { ...bundle, budget };
}
