import fs from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { describeFsError } from './discover.js';
import { parseFile } from './index.js';
import type { ParsedFile } from './types.js';
import { explainErrors } from '../schema/explain.js';

/**
 * Reads a YAML or JSON document that is not part of an export (a change file): bytes → UTF-8 text → value with
 * source positions. An unreadable file, bad encoding or bad syntax is an InputError naming the file.
 */
export function readDocument(file: string): ParsedFile {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (thrown) {
    throw new InputError(`${file}: cannot read the file (${describeFsError(thrown)})`);
  }
  return parseFile(file, bytes);
}

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
