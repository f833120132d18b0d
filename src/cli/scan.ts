import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { SEVERITIES, atOrAbove, type Severity } from '../findings/severity.js';
import { FORMATS, formatters, type FormatName } from '../format/index.js';
import { EMPTY_CONFIG, findConfig, loadConfig } from '../config/config.js';
import { builtinBundle, parseAsOf, scan } from '../scan.js';
import { useColour, writeReport } from './output.js';
import { reportOptions } from './report-options.js';

interface ScanFlags {
  output: FormatName;
  out?: string;
  failOn: Severity | 'none';
  asOf?: string;
  config?: string;
}

export function scanCommand(): Command {
  return new Command('scan')
    .description('scan a tenant export (files or directories of YAML/JSON) with the built-in policies')
    .argument('<paths...>', 'export files or directories (searched for *.yaml, *.yml, *.json)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(FORMATS).default('text'))
    .option('--out <file>', 'write the report to a file (written whole or not at all) instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity ("none": never)')
        .choices([...SEVERITIES, 'none'])
        .default('low'),
    )
    .option('--as-of <iso-8601>', 'the instant the audit is "as of" (default: now), to reproduce an audit')
    .option('-c, --config <file>', 'configuration file (default: shareguard.yaml in the working directory, if any)')
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard scan examples/contoso
  $ shareguard scan exports/2026-11 --output json --out results.json
  $ shareguard scan tenant.yaml flows/ --fail-on high --as-of 2026-11-30T00:00:00Z
  $ shareguard scan exports/2026-11 --config ci/shareguard.yaml

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage, input or internal error.`,
    )
    .action(async (paths: string[], flags: ScanFlags, command: Command) => {
      const asOf = flags.asOf ? parseAsOf(flags.asOf) : undefined;
      if (flags.out === '') throw new UsageError('--out needs a file name');
      const configFile = findConfig(flags.config);
      const config = configFile ? loadConfig(configFile, builtinBundle().manifest.controls) : EMPTY_CONFIG;
      const result = await scan(paths, { ...(asOf ? { asOf } : {}), params: config.params, controls: config.controls });
      const colour = !flags.out && flags.output === 'text' && useColour(process.stdout);
      const report = formatters[flags.output](result, await reportOptions(paths, config, colour));
      if (flags.out) writeReport(flags.out, report, paths);
      else process.stdout.write(report);
      const failing = flags.failOn === 'none' ? [] : result.findings.filter((f) => atOrAbove(f.severity, flags.failOn as Severity));
      process.exitCode = failing.length > 0 ? 1 : 0;
    });
}
