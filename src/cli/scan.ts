import { Command } from 'commander';
import { loadBaseline } from '../gate/baseline-file.js';
import { applyGate, rechecked } from '../gate/gate.js';
import { compareWithEarlier } from '../trend/compare.js';
import { loadEarlierResult } from '../trend/earlier-result.js';
import { emitReports } from './emit.js';
import { reportOptions } from './report-options.js';
import { scanWithProgress } from './scan-with-progress.js';
import { addGateOptions, controlsRun, gateSetup, type GateFlags } from './gate-options.js';
import { returning } from './exit.js';

interface ScanFlags extends GateFlags {
  baseline?: string;
  compare?: string;
}

export function scanCommand(): Command {
  const command = new Command('scan')
    .description('scan a tenant export (files or directories of YAML/JSON) with the built-in policies and your own (--policy)')
    .argument('<paths...>', 'export files or directories (searched for *.yaml, *.yml, *.json)');
  return addGateOptions(command)
    .option('--baseline <file>', 'a previous `scan --output json` result: only findings not in it count toward --fail-on')
    .option('--compare <file>', "an earlier audit's `scan --output json` result of the same tenant: reports mark findings new or unchanged and list resolved ones; the gate is unchanged")
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard scan examples/contoso
  $ shareguard scan exports/2026-11 --output json --out results.json
  $ shareguard scan tenant.yaml flows/ --fail-on high --as-of 2026-11-30T00:00:00Z
  $ shareguard scan exports/2026-11 --config ci/shareguard.yaml
  $ shareguard scan exports/2026-12 --baseline results.json --waivers .shareguard/waivers.yaml
  $ shareguard scan exports/2026-12 --output github --out - --output json --out results.json
  $ shareguard scan exports/2026-12 --policy security/policies --config security/shareguard.yaml
  $ shareguard scan exports/2026-12 --bundle policies.tar.gz          # built by \`shareguard policy build\`; no opa needed
  $ shareguard scan exports/2026-12 --compare audit-2026-11.json --output html --out audit-2026-12.html

Exit codes: 0 no finding that counts is at or above --fail-on, 1 at least one is, 2 usage, input or
internal error. Waived findings never count; with --baseline, only new ones do; --compare changes
nothing in that.`,
    )
    .action(returning(async (paths: string[], flags: ScanFlags) => {
      const setup = gateSetup(flags, paths);
      const baseline = flags.baseline !== undefined ? loadBaseline(flags.baseline) : undefined;
      const earlier = flags.compare !== undefined ? loadEarlierResult(flags.compare) : undefined;
      const scanned = await scanWithProgress(
        paths,
        { ...(setup.asOf ? { asOf: setup.asOf } : {}), bundle: setup.bundle, params: setup.config.params, controls: setup.config.controls, ...(setup.jobs ? { jobs: setup.jobs } : {}) },
        flags.quiet,
      );
      const gated = applyGate(scanned, {
        failOn: flags.failOn,
        ...(baseline ? { baseline, rechecked: rechecked(scanned, controlsRun(setup)) } : {}),
        ...(setup.waivers ? { waivers: setup.waivers } : {}),
      });
      const result = earlier ? compareWithEarlier(gated, earlier) : gated;
      const inputs = [...paths, ...setup.readFiles, ...[flags.baseline, flags.compare].filter((f): f is string => f !== undefined)];
      emitReports(result, setup.targets, inputs, await reportOptions(paths, setup.config, setup.bundle));
      return result.gate.failing > 0 ? 1 : 0;
    }));
}
