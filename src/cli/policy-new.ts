import { Command } from 'commander';
import { scaffoldPolicy } from '../policy/scaffold.js';
import { returning } from './exit.js';

/** `shareguard policy new NAME`: a working policy to start from, with its opa tests and one example-based test. */
export function policyNewCommand(): Command {
  return new Command('new')
    .description('scaffold a policy: the Rego package with its METADATA, an opa test file and an example-based test')
    .argument('<name>', 'the policy name (lower case, "_" or "-"): its folder and the package shareguard.custom.<name>')
    .option('--dir <dir>', 'the folder to create the policy in', 'policies')
    .option('--id <id>', 'the control id (default: CUSTOM-<NAME>; SG- and PLT- are reserved)')
    .option('--severity <severity>', 'the default severity of its findings', 'medium')
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard policy new competitor_guest_finance --dir policies --id ACME-FIN-01
  $ shareguard policy test policies
`,
    )
    .action(returning((name: string, flags: { dir: string; id?: string; severity: string }) => {
      const made = scaffoldPolicy({ name, dir: flags.dir, severity: flags.severity, ...(flags.id ? { id: flags.id } : {}) });
      process.stdout.write(`Created ${made.package} (${made.id}):\n${made.files.map((f) => `  ${f}\n`).join('')}`);
      process.stdout.write(`Next: edit ${made.files[0]}, then run: shareguard policy test ${flags.dir}\n`);
      return 0;
    }));
}
