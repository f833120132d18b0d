import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { InputError, InputErrors, type SourcePosition } from '../../../src/errors.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/load/', import.meta.url));

/** Runs fn (sync or async) and returns what it threw; fails the test when it throws nothing. */
export async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  expect.fail('expected an error to be thrown');
}

/** The InputError(s) thrown by fn, as a flat list. */
export async function inputErrorsOf(fn: () => unknown): Promise<InputError[]> {
  const e = await thrownBy(fn);
  if (e instanceof InputErrors) return e.errors;
  if (e instanceof InputError) return [e];
  throw e;
}

/** Asserts fn throws exactly one input error, at `at`, whose detail contains `fragment`. */
export async function expectInputError(fn: () => unknown, at: SourcePosition, fragment: string | RegExp): Promise<InputError> {
  const errors = await inputErrorsOf(fn);
  expect(errors, errors.map((e) => e.message).join('\n')).toHaveLength(1);
  const error = errors[0] as InputError;
  expect(error.position).toEqual(at);
  if (typeof fragment === 'string') expect(error.detail).toContain(fragment);
  else expect(error.detail).toMatch(fragment);
  expect(error.exitCode).toBe(2);
  return error;
}
