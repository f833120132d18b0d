import { Command } from 'commander';
import { applyGate, rechecked } from '../gate/gate.js';
import type { ScanOptions } from '../scan.js';
import { emitReports } from './emit.js';
import { reportOptions } from './report-options.js';
import { scanWithProgress } from './scan-with-progress.js';
import { addGateOptions, controlsRun, gateSetup, type GateFlags } from './gate-options.js';
import { returning } from './exit.js';

/**
 * `shareguard diff BASE HEAD`: scans both exports with the same configuration and the same "as of" instant
 * (so age-based findings do not drift between them) and reports HEAD, each finding marked new or unchanged,
 * with BASE's findings that are gone as resolved. Only what HEAD introduces, unwaived, fails the gate.
 */
export function diffCommand(): Command {
  const command = new Command('diff')
    .description('compare two exports (e.g. the main branch and a pull request): fail only on findings the second introduces')
    .argument('<base>', 'the export before the change: a file or directory')
    .argument('<head>', 'the export after the change: a file or directory');
  return addGateOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard diff base/tenant tenant --fail-on high
  $ shareguard diff main-export/ pr-export/ --output github --out - --output json --out diff.json

Exit codes: 0 no introduced, unwaived finding at or above --fail-on, 1 at least one, 2 usage, input or
internal error (in either export).`,
    )
    .action(returning(async (base: string, head: string, flags: GateFlags) => {
      const setup = gateSetup(flags, [base, head]);
      // Both scans get one explicit instant: "now" read twice could straddle a day boundary.
      const options: ScanOptions = { asOf: setup.asOf ?? new Date(), bundle: setup.bundle, params: setup.config.params, controls: setup.config.controls, ...(setup.jobs ? { jobs: setup.jobs } : {}) };
      const before = await scanWithProgress([base], options, flags.quiet, base);
      const after = await scanWithProgress([head], options, flags.quiet, head);
      const result = applyGate(after, {
        failOn: flags.failOn,
        baseline: { source: base, findings: before.findings, tenant: before.tenant },
        rechecked: rechecked(after, controlsRun(setup)),
        ...(setup.waivers ? { waivers: setup.waivers } : {}),
      });
      emitReports(result, setup.targets, [base, head, ...setup.readFiles], await reportOptions([head], setup.config, setup.bundle));
      return result.gate.failing > 0 ? 1 : 0;
    }));
}
