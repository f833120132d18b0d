import { InputError, InputErrors } from '../errors.js';
import { limitErrors } from '../document/report.js';
import { hasOwn, isRecord } from '../document/safe-object.js';
import type { ParsedFile } from '../document/types.js';
import { shippedSchema } from './ajv.js';
import { describeValue, explainErrors, formatValue } from './explain.js';

export { pathName } from './explain.js';

/** The only schema version this build reads. */
export const SUPPORTED_SCHEMA_VERSION = 1;

const shipped = shippedSchema('tenant.schema.json');

/** Where the schema lives: <package>/schemas. */
export const TENANT_SCHEMA_URL = shipped.url;

/** The JSON Schema (draft 2020-12), read once. */
export const tenantSchema = shipped.schema;

/** The schema compiled once per process (strict mode, all errors, standard formats). */
const compiled = shipped.validate;

/**
 * Schema errors of one parsed file, one InputError each, positioned at the offending node (a missing required
 * property at the object that lacks it), sorted by position and capped per file. An unsupported or missing
 * schemaVersion is reported alone: the rest of such a file is not checked against this schema.
 */
export function validateFile(parsed: ParsedFile): InputError[] {
  const root = parsed.value;
  if (!isRecord(root)) {
    const what = root === null || root === undefined ? 'the file is empty' : `the file holds ${describeValue(root)}`;
    return [new InputError(`${what}; an export file is an object with schemaVersion: 1 and sections`, parsed.locate([]))];
  }
  if (!hasOwn(root, 'schemaVersion')) {
    return [
      new InputError(
        `unsupported schemaVersion (none given; this version of shareguard reads schemaVersion ${SUPPORTED_SCHEMA_VERSION})`,
        parsed.locate([]),
      ),
    ];
  }
  if (root.schemaVersion !== SUPPORTED_SCHEMA_VERSION) {
    return [
      new InputError(
        `unsupported schemaVersion ${formatValue(root.schemaVersion)} (this version of shareguard reads schemaVersion ${SUPPORTED_SCHEMA_VERSION})`,
        parsed.locate(['schemaVersion']),
      ),
    ];
  }
  const validate = compiled();
  if (validate(root)) return [];
  const errors = explainErrors(parsed, validate.errors ?? []);
  return limitErrors(errors, [parsed.file]);
}

/**
 * Validates every file; throws InputErrors listing all schema problems of all files, if there are any.
 * `onFile` is called with each file's index once it is checked (for progress).
 */
export function validateParsed(files: readonly ParsedFile[], onFile?: (index: number) => void): void {
  const errors = files.flatMap((f, i) => {
    const found = validateFile(f);
    onFile?.(i);
    return found;
  });
  if (errors.length > 0) throw new InputErrors(errors);
}

