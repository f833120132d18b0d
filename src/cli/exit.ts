import type { Command } from 'commander';

/**
 * What a command hands back when it ends normally: 0 when nothing counts against it, 1 when something does
 * (findings at or above --fail-on, a denied simulated change, failing policy tests, a partial collection).
 * Errors are not returned but thrown; main.ts maps them with exitCodeFor (errors.ts), so 2 never comes from here.
 */
export type CommandExit = number; // 0 or 1, by the rule above

/**
 * The code each program's command returned, keyed by the root program: commander discards what an action
 * returns, so the action wrapper files it here and main.ts reads it once the parse is over. Keyed by program
 * (not one module variable) so that two programs, e.g. in tests, never see each other's code.
 */
const returned = new WeakMap<Command, CommandExit>();

/**
 * A commander action from a function that returns the command's exit code. Commander calls an action with
 * the command as `this`; the code is filed under that command's root program.
 */
export function returning<A extends unknown[]>(run: (...args: A) => CommandExit | Promise<CommandExit>): (this: Command, ...args: A) => Promise<void> {
  return async function (this: Command, ...args: A): Promise<void> {
    const code = await run(...args);
    let root: Command = this;
    while (root.parent) root = root.parent;
    returned.set(root, code);
  };
}

/** The code the program's command returned; 0 when no action ran (e.g. a command group with no subcommand). */
export function returnedCode(program: Command): CommandExit {
  return returned.get(program) ?? 0;
}
