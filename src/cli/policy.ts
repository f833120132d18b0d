import { Command } from 'commander';
import { policyBuildCommand } from './policy-build.js';
import { policyNewCommand } from './policy-new.js';
import { policyTestCommand } from './policy-test.js';

/** `shareguard policy new|test|build`: write, test and ship your own Rego (docs/writing-policies.md). */
export function policyCommand(): Command {
  const command = new Command('policy')
    .description('write, test and ship your own Rego policies (see docs/writing-policies.md)')
    .addCommand(policyNewCommand())
    .addCommand(policyTestCommand())
    .addCommand(policyBuildCommand());
  for (const sub of command.commands) sub.exitOverride();
  return command;
}
