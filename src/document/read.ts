import fs from 'node:fs';
import { InputError } from '../errors.js';
import { describeFsError } from './fs-error.js';
import { parseFile } from './parse.js';
import type { ParsedFile } from './types.js';

/**
 * Reads a YAML or JSON document that is not part of an export (a change file, a config, a baseline): bytes →
 * UTF-8 text → value with source positions. An unreadable file, bad encoding or bad syntax is an InputError
 * naming the file.
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
