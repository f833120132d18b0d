#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { exitCodeFor, InputErrors, ShareguardError } from '../errors.js';
import { forText, forTextLines } from '../format/neutralise.js';
import { TOOL } from '../version.js';
import { collectCommand } from './collect.js';
import { controlsCommand } from './controls.js';
import { diffCommand } from './diff.js';
import { returnedCode } from './exit.js';
import { githubCommand } from './github.js';
import { importCommand } from './import.js';
import { policyCommand } from './policy.js';
import { scanCommand } from './scan.js';
import { simulateCommand } from './simulate.js';

/**
 * The CLI entry: builds the commander program, runs it, and returns the exit code: the one the command
 * returned (0 clean, 1 findings at or above --fail-on and the like: see exit.ts), or, when it threw, the
 * error's (exitCodeFor: 2 usage, input or internal error). The caller below sets process.exitCode once.
 */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('shareguard')
    .description('Policy-as-code governance scanner for Microsoft 365, Entra ID and Power Platform tenant exports')
    .version(TOOL.version, '-V, --version')
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput(OUTPUT)
    .addCommand(scanCommand())
    .addCommand(diffCommand())
    .addCommand(controlsCommand())
    .addCommand(simulateCommand())
    .addCommand(githubCommand())
    .addCommand(importCommand())
    .addCommand(collectCommand())
    .addCommand(policyCommand());
  // Every command at every depth (`simulate share` is two deep): without exitOverride commander would exit by
  // itself with code 1 on a bad flag, which reads as "denied"; usage errors are 2 everywhere.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(program)) command.exitOverride().configureOutput(OUTPUT);

  // A reader that stops early (`shareguard scan … | head`) closes the pipe: stop quietly, with the code the
  // command returned if it has returned (0 before that: nothing has gone wrong that the reader could see).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(returnedCode(program));
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return returnedCode(program);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ShareguardError) {
      process.stderr.write(`${e.name === 'InputError' || e.name === 'InputErrors' ? '' : 'shareguard: '}${printable(e)}\n`);
      if (debug && e.stack) process.stderr.write(`${forTextLines(e.stack.split('\n'))}\n`);
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      process.stderr.write(`shareguard: internal error: ${forText(err.message)}\n`);
      if (debug && err.stack) process.stderr.write(`${forTextLines(err.stack.split('\n'))}\n`);
      else process.stderr.write('(run with --debug for details)\n');
    }
    return exitCodeFor(e);
  }
}

/**
 * Commander's own error messages quote what was typed (an unknown option, a bad choice), which can come from a
 * pull request through a workflow's `${{ }}`: shown through forText like every other message. Help text is
 * written as it is (it is this program's own).
 */
const OUTPUT = {
  writeErr: (s: string) => process.stderr.write(s),
  outputError: (s: string, write: (s: string) => void) => write(`${forText(s.replace(/\n$/, ''))}\n`),
};

/**
 * An error's message as printed: messages quote file names and values from the input, so each goes through
 * forText (one line, no control characters); several input errors are one per line, by design.
 */
function printable(e: ShareguardError): string {
  return e instanceof InputErrors ? forTextLines(e.errors.map((x) => x.message)) : forText(e.message);
}

// The one place the process's exit code is set.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
