import { InputError, InputErrors } from '../errors.js';
import { isRecord } from '../document/safe-object.js';
import type { ParsedFile } from '../load/types.js';
import { shippedSchema } from '../schema/ajv.js';
import { readDocument } from '../document/read.js';
import { schemaErrors } from '../schema/document-errors.js';
import { CHANGE_ACTIONS, type ParsedChanges, type RawChange } from './types.js';

const shipped = shippedSchema('changes.schema.json');

/** Where the schema lives: <package>/schemas. */
export const CHANGES_SCHEMA_URL = shipped.url;

/** The JSON Schema (draft 2020-12), read once. */
export const changesSchema = shipped.schema;

/** The schema compiled once per process (strict mode, all errors, standard formats). */
const compiled = shipped.validate;

/**
 * Reads a change file (YAML, or JSON when the name ends in .json) and checks it against the change file
 * schema. Every problem is reported at once (InputErrors), each at file:line:column and naming the change
 * (0-based index and action), e.g. `changes.yaml:7:5: change 2 (share-flow): missing required property "flow"`.
 * References (users, flows, ...) are not resolved here: see resolveChanges.
 */
export function loadChanges(file: string): ParsedChanges {
  return validateChanges(readDocument(file));
}

/** The schema check of loadChanges, for a document already parsed. */
export function validateChanges(parsed: ParsedFile): ParsedChanges {
  if (parsed.value === null || parsed.value === undefined) {
    throw new InputError('the file is empty, not a change file; a change file has schemaVersion: 1 and a changes list', parsed.locate([]));
  }
  const errors = schemaErrors(parsed, compiled()).map((e) => relabel(e, parsed.value));
  if (errors.length > 0) throw new InputErrors(errors);
  const value = parsed.value as { schemaVersion: 1; changes: RawChange[] };
  return {
    file: parsed.file,
    schemaVersion: value.schemaVersion,
    changes: value.changes,
    locate: (path) => parsed.locate(path),
  };
}

/**
 * The same schema check for changes built in memory (the library API): problems name the change, with no
 * file position. Without it, a malformed change from a caller would fail deep in resolution.
 */
export function validateChangeList(changes: readonly unknown[]): RawChange[] {
  const value = { schemaVersion: 1, changes };
  const nowhere = { file: '<changes>', line: 1, column: 1 };
  const parsed: ParsedFile = { file: '<changes>', format: 'json', value, locate: () => nowhere };
  try {
    return validateChanges(parsed).changes;
  } catch (e) {
    if (e instanceof InputErrors) throw new InputErrors(e.errors.map((x) => new InputError(x.detail)));
    throw e;
  }
}

/** `change 2 (share-flow)`; just `change 2` when the action is missing or unknown. */
export function changeLabel(index: number, action: unknown): string {
  return typeof action === 'string' && (CHANGE_ACTIONS as readonly string[]).includes(action)
    ? `change ${index} (${action})`
    : `change ${index}`;
}

/** explainErrors names things by document path (changes[2].role); say which change it is instead. */
function relabel(error: InputError, root: unknown): InputError {
  const m = /^changes\[(\d+)\]([\s\S]*)$/.exec(error.detail);
  if (!m) {
    if (error.detail.startsWith('the export')) return new InputError(`the change file${error.detail.slice('the export'.length)}`, error.position);
    return error;
  }
  const index = Number(m[1]);
  const changes = isRecord(root) && Array.isArray(root.changes) ? (root.changes as unknown[]) : [];
  const change = changes[index];
  const action = isRecord(change) ? change.action : undefined;
  let rest = m[2] ?? '';
  rest = rest.startsWith('.') ? rest.slice(1) : rest.replace(/^ (?:is |has )?/, '');
  return new InputError(`${changeLabel(index, action)}: ${rest}`, error.position);
}
