import { InputErrors } from '../../src/errors.js';

/** The messages of the InputErrors that fn throws (fails the test when it throws nothing, or something else). */
export function messages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors.map((x) => x.message);
    throw e;
  }
  throw new Error('expected InputErrors');
}
