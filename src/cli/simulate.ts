import { Command, Option } from 'commander';
import { EMPTY_CONFIG, findConfig, loadConfig } from '../config/config.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import { formatSimulationText } from '../format/simulation-text.js';
import { builtinBundle, loadTenant, parseAsOf } from '../scan.js';
import { loadChanges } from '../simulate/changes.js';
import { resolveChanges } from '../simulate/resolve.js';
import { simulate } from '../simulate/simulate.js';
import { writeReport } from './output.js';

interface SimulateFlags {
  tenant: string[];
  output: 'text' | 'json';
  out?: string;
  failOn: Severity;
  asOf?: string;
  config?: string;
}

/** `shareguard simulate CHANGES --tenant PATH`: what the proposed changes would do, before anyone clicks. */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description('simulate proposed invites, shares and setting changes against a tenant export')
    .argument('<changes>', 'change file (YAML or JSON, schemas/changes.schema.json)')
    .requiredOption('-t, --tenant <paths...>', 'the tenant export: files or directories')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'a change introducing a finding at or above this severity is denied').choices([...SEVERITIES]).default('high'))
    .option('--as-of <iso-8601>', 'the instant the simulation is "as of" (default: now)')
    .option('-c, --config <file>', 'configuration file (default: shareguard.yaml in the working directory, if any)')
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard simulate examples/changes/onboard-vendor.yaml --tenant examples/contoso
  $ shareguard simulate pr-changes.yaml --tenant exports/main --output json --fail-on medium

Exit codes: 0 no change denied, 1 a change is denied (refused by the platform, or introducing a finding at
or above --fail-on), 2 usage, input or internal error. The export is never written.`,
    )
    .action(async (changesFile: string, flags: SimulateFlags) => {
      const asOf = flags.asOf ? parseAsOf(flags.asOf) : undefined;
      const configFile = findConfig(flags.config);
      const config = configFile ? loadConfig(configFile, builtinBundle().manifest.controls) : EMPTY_CONFIG;
      const loaded = await loadTenant(flags.tenant);
      const parsed = loadChanges(changesFile);
      const changes = resolveChanges(parsed, loaded.tenant);
      const result = await simulate(loaded, changes, { ...(asOf ? { asOf } : {}), params: config.params, controls: config.controls, failOn: flags.failOn });
      const labels = parsed.changes.map((c) => describe(c as unknown as Record<string, unknown>));
      const report = flags.output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatSimulationText(result, labels);
      if (flags.out) writeReport(flags.out, report, [...flags.tenant, changesFile]);
      else process.stdout.write(report);
      process.exitCode = result.results.some((r) => r.decision === 'deny') ? 1 : 0;
    });
}

/** A one-line summary of a change as the user wrote it. */
function describe(change: Record<string, unknown>): string {
  const parts = ['actor', 'email', 'user', 'flow', 'group', 'environment', 'principal', 'role', 'path', 'value']
    .filter((k) => change[k] !== undefined && change[k] !== null)
    .map((k) => `${k} ${JSON.stringify(change[k])}`);
  return parts.join(', ');
}
