import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { returnedCode, returning } from '../../../src/cli/exit.js';
import { exitCodeFor, InputError, PolicyError, UsageError } from '../../../src/errors.js';

/** A program with a command two deep (as `simulate share` is) that returns the code it is given. */
function program(): Command {
  const leaf = new Command('leaf').argument('<code>').action(returning(async (code: string) => Number(code)));
  return new Command('root').exitOverride().addCommand(new Command('group').exitOverride().addCommand(leaf.exitOverride()));
}

describe('commands return their exit code', () => {
  it('files the code a nested command returned under its root program', async () => {
    const one = program();
    await one.parseAsync(['group', 'leaf', '1'], { from: 'user' });
    expect(returnedCode(one)).toBe(1);
    const zero = program();
    await zero.parseAsync(['group', 'leaf', '0'], { from: 'user' });
    expect(returnedCode(zero)).toBe(0);
    // Each program keeps its own: the first one's 1 is not overwritten by the second run.
    expect(returnedCode(one)).toBe(1);
  });

  it('is 0 for a program whose command has not returned', () => {
    expect(returnedCode(program())).toBe(0);
  });

  it('a thrown error is no return: nothing is filed', async () => {
    const p = new Command('root').exitOverride().addCommand(
      new Command('boom').action(
        returning(async () => {
          throw new InputError('bad');
        }),
      ),
    );
    await expect(p.parseAsync(['boom'], { from: 'user' })).rejects.toBeInstanceOf(InputError);
    expect(returnedCode(p)).toBe(0);
  });
});

describe('exitCodeFor', () => {
  it('is the error’s own code for shareguard errors and 2 for anything else, never 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new InputError('x'))).toBe(2);
    expect(exitCodeFor(new PolicyError('x'))).toBe(2);
    expect(exitCodeFor(new TypeError('x'))).toBe(2);
    expect(exitCodeFor('a thrown string')).toBe(2);
    class Odd extends UsageError {
      override readonly exitCode = 7 as unknown as 2;
    }
    expect(exitCodeFor(new Odd('x'))).toBe(7);
  });
});
