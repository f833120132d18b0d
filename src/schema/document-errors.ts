import type { ValidateFunction } from 'ajv';
import type { InputError } from '../errors.js';
import type { ParsedFile } from '../document/types.js';
import { explainErrors } from './explain.js';

/** Schema problems of a parsed document, one InputError each at file:line:column, in file order. */
export function schemaErrors(parsed: ParsedFile, validate: ValidateFunction): InputError[] {
  if (validate(parsed.value)) return [];
  return sortByPosition(explainErrors(parsed, validate.errors ?? []));
}

export function sortByPosition(errors: InputError[]): InputError[] {
  return errors
    .map((error, i) => ({ error, i }))
    .sort((a, b) => {
      const p = a.error.position;
      const q = b.error.position;
      if (!p || !q) return a.i - b.i;
      return p.line - q.line || p.column - q.column || a.i - b.i;
    })
    .map((x) => x.error);
}
