import { Command, Option } from 'commander';
import { builtinBundle } from '../scan.js';

/** `shareguard controls`: what the built-in bundle checks, from its METADATA. */
export function controlsCommand(): Command {
  return new Command('controls')
    .description('list the built-in controls (id, severity, title)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { output: 'text' | 'json' }) => {
      const controls = builtinBundle().manifest.controls;
      if (flags.output === 'json') {
        process.stdout.write(`${JSON.stringify(controls, null, 2)}\n`);
        return;
      }
      const idWidth = Math.max(...controls.map((c) => c.id.length));
      const sevWidth = Math.max(...controls.map((c) => c.severity.length));
      for (const c of controls) process.stdout.write(`${c.id.padEnd(idWidth)}  ${c.severity.padEnd(sevWidth)}  ${c.title.trim()}\n`);
      process.stdout.write(`\n${controls.length} controls; details in docs/controls.md\n`);
    });
}
