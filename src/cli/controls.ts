import { Command, Option } from 'commander';
import { forText } from '../format/neutralise.js';
import { addPolicyOptions, policyBundle, type PolicyFlags } from './policy-options.js';
import { returning } from './exit.js';

/** `shareguard controls`: what the policies check, from their METADATA (built-in, and custom with --policy or --bundle). */
export function controlsCommand(): Command {
  const command = new Command('controls')
    .description('list the controls (id, severity, title): the built-in ones, and your own with --policy or --bundle')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'));
  return addPolicyOptions(command).action(returning((flags: PolicyFlags & { output: 'text' | 'json' }) => {
    const controls = policyBundle(flags, []).manifest.controls;
    if (flags.output === 'json') {
      process.stdout.write(`${JSON.stringify(controls, null, 2)}\n`);
      return 0;
    }
    const idWidth = Math.max(...controls.map((c) => c.id.length));
    const sevWidth = Math.max(...controls.map((c) => c.severity.length));
    for (const c of controls) process.stdout.write(`${forText(c.id).padEnd(idWidth)}  ${c.severity.padEnd(sevWidth)}  ${forText(c.title.trim())}${c.origin === 'custom' ? `  (custom: ${forText(c.package)})` : ''}\n`);
    const custom = controls.filter((c) => c.origin === 'custom').length;
    const summary = custom > 0
      ? `${controls.length - custom} built-in and ${custom} custom controls; details of the built-in ones in docs/controls.md`
      : `${controls.length} controls; details in docs/controls.md`;
    process.stdout.write(`\n${summary}\n`);
    return 0;
  }));
}
