import os from 'node:os';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { EMPTY_CONFIG, enabledControls, findConfig, loadConfig, type ScanConfig } from '../config/config.js';
import { SEVERITIES } from '../findings/severity.js';
import { FORMATS, type FormatName } from '../format/index.js';
import type { PolicyBundle } from '../engine/bundle.js';
import type { FailOn } from '../gate/gate.js';
import { parseAsOf } from '../scan.js';
import { DEFAULT_WAIVERS_FILE, findWaivers, loadWaivers, type WaiverFile } from '../waivers/load.js';
import { addPolicyOptions, policyBundle, type PolicyFlags } from './policy-options.js';
import { collect, collectFormat, reportTargets, type ReportTarget } from './targets.js';

/** The flags scan and diff share: where reports go, the threshold, the clock, the config, the waivers and the policies. */
export interface GateFlags extends PolicyFlags {
  output?: FormatName[];
  out?: string[];
  failOn: FailOn;
  asOf?: string;
  config?: string;
  waivers?: string;
  quiet?: boolean;
  jobs?: string;
}

export function addGateOptions(command: Command): Command {
  return addPolicyOptions(command)
    .addOption(
      new Option('-o, --output <format>', 'output format; repeat it, with one --out each, for several reports (default: text)')
        .choices(FORMATS)
        .argParser(collectFormat),
    )
    .addOption(new Option('--out <file>', 'write the report to a file (whole or not at all) instead of stdout; repeatable, paired in order with --output ("-": stdout)').argParser(collect))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding that counts is at or above this severity ("none": never)')
        .choices([...SEVERITIES, 'none'])
        .default('low'),
    )
    .option('--as-of <iso-8601>', 'the instant the audit is "as of" (default: now); also the day waiver expiry is judged on')
    .option('-c, --config <file>', 'configuration file (default: shareguard.yaml in the working directory, if any)')
    .option('--waivers <file>', `waivers file (default: ${DEFAULT_WAIVERS_FILE} in the working directory, if any)`)
    .option('-q, --quiet', 'no progress line on stderr (it is only drawn on a terminal, for scans over a second)')
    .option('--jobs <n>', `how many worker threads evaluate a large tenant's shards at once (default: ${os.availableParallelism()}, this machine's cores); the findings never depend on it`);
}

/** Everything read from the flags before a scan starts, so that a bad flag or file fails before any work. */
export interface GateSetup {
  asOf?: Date;
  /** The policies to run: built-in, with custom ones (--policy), or a prebuilt --bundle. */
  bundle: PolicyBundle;
  targets: ReportTarget[];
  config: ScanConfig;
  waivers?: WaiverFile;
  /** The files read besides the export (config, waivers): a report is never written over them. */
  readFiles: string[];
  /** --jobs: worker threads for a sharded evaluation (absent: one per core). */
  jobs?: number;
}

/** `exportPaths`: the exports the run reads (the policy cache is never written inside them). */
export function gateSetup(flags: GateFlags, exportPaths: readonly string[]): GateSetup {
  const asOf = flags.asOf ? parseAsOf(flags.asOf) : undefined;
  const jobs = flags.jobs === undefined ? undefined : parseJobs(flags.jobs);
  const targets = reportTargets(flags.output, flags.out);
  const bundle = policyBundle(flags, exportPaths);
  const controls = bundle.manifest.controls;
  const configFile = findConfig(flags.config);
  const config = configFile ? loadConfig(configFile, controls) : EMPTY_CONFIG;
  const waiversFile = findWaivers(flags.waivers);
  const waivers = waiversFile ? loadWaivers(waiversFile, controls.map((c) => c.id)) : undefined;
  const readFiles = [configFile, waiversFile].filter((f): f is string => typeof f === 'string');
  return { ...(asOf ? { asOf } : {}), bundle, targets, config, ...(waivers ? { waivers } : {}), readFiles, ...(jobs ? { jobs } : {}) };
}

/** A --jobs value: a whole number of worker threads from 1 to 256. */
export function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!/^\d+$/.test(value.trim()) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs "${value}" is not a number of worker threads from 1 to 256 (e.g. --jobs 4)`);
  return jobs;
}

/** The ids of the controls a run evaluates. */
export function controlsRun(setup: GateSetup): string[] {
  return enabledControls(setup.bundle.manifest.controls, setup.config.controls).map((c) => c.id);
}
