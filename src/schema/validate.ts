import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import ajvFormatsModule from 'ajv-formats';
import { InputError, InputErrors } from '../errors.js';
import { limitErrors } from '../load/report.js';
import { hasOwn, isRecord } from '../load/safe-object.js';
import type { DocPath, ParsedFile } from '../load/types.js';

/** The only schema version this build reads. */
export const SUPPORTED_SCHEMA_VERSION = 1;

/** Where the tenant export schema lives: <package>/schemas (same relative place from src/ and dist/). */
export const TENANT_SCHEMA_URL = new URL('../../schemas/tenant.schema.json', import.meta.url);

let schema: Record<string, unknown> | undefined;
let validator: ValidateFunction | undefined;

/** The tenant export JSON Schema (draft 2020-12), read once. */
export function tenantSchema(): Record<string, unknown> {
  return (schema ??= JSON.parse(readFileSync(TENANT_SCHEMA_URL, 'utf8')) as Record<string, unknown>);
}

/** The schema compiled once per process (strict mode, all errors, standard formats). */
function compiled(): ValidateFunction {
  if (!validator) {
    // ajv and ajv-formats are CommonJS modules whose class / plugin is their `default` export.
    const Ajv2020 = Ajv2020Module.default;
    const addFormats = ajvFormatsModule.default;
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    validator = ajv.compile(tenantSchema());
  }
  return validator;
}

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
  const errors = simplify(validate.errors ?? []).map((e) => toInputError(parsed, e));
  return limitErrors(errors, [parsed.file]);
}

/** Validates every file; throws InputErrors listing all schema problems of all files, if there are any. */
export function validateParsed(files: readonly ParsedFile[]): void {
  const errors = files.flatMap((f) => validateFile(f));
  if (errors.length > 0) throw new InputErrors(errors);
}

// ---- turning ajv errors into sentences ----

interface Problem {
  instancePath: string;
  message: (name: string, value: unknown) => string;
}

/** Drops the noise: wrapper errors of anyOf/if, and enum/format errors on values that already have the wrong type. */
function simplify(errors: readonly ErrorObject[]): Problem[] {
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const consumed = new Set<ErrorObject>();
  const problems: Problem[] = [];

  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const prefix = `${e.schemaPath}/`;
    const branches = errors.filter((s) => s !== e && s.schemaPath.startsWith(prefix) && s.instancePath.startsWith(e.instancePath));
    for (const b of branches) consumed.add(b);
    consumed.add(e);
    const missing = branches.every((b) => b.keyword === 'required' && b.instancePath === e.instancePath);
    if (branches.length > 0 && missing) {
      const names = branches.map((b) => JSON.stringify(String(b.params.missingProperty)));
      problems.push({ instancePath: e.instancePath, message: (name) => `${name} must have ${orList(names)}` });
    } else {
      // Report each branch's own complaints (de-duplicated below) rather than "must match a schema in anyOf".
      for (const b of branches) if (b.keyword !== 'anyOf') consumed.delete(b);
    }
  }

  const seen = new Set<string>();
  for (const e of errors) {
    if (consumed.has(e) || e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    if (e.keyword !== 'type' && e.keyword !== 'required' && typeErrorAt.has(e.instancePath)) continue;
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ instancePath: e.instancePath, message: messageFor(e) });
  }
  return problems;
}

function messageFor(e: ErrorObject): Problem['message'] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return (name) => `${name} is missing required property ${JSON.stringify(String(p.missingProperty))}`;
    case 'type': {
      const types = Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',');
      return (name, value) => `${name} must be ${orList(types)} (got ${describeValue(value)})`;
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(formatValue).join(', ');
      return (name, value) => `${name} must be one of ${allowed} (got ${formatValue(value)})`;
    }
    case 'const':
      return (name, value) => `${name} must be ${formatValue(p.allowedValue)} (got ${formatValue(value)})`;
    case 'format':
      if (p.format === 'date-time') {
        return (name, value) =>
          `${name} must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T08:30:00Z (got ${formatValue(value)})`;
      }
      return (name, value) => `${name} must be a valid ${String(p.format)} (got ${formatValue(value)})`;
    case 'minLength':
      return (name) => (p.limit === 1 ? `${name} must not be empty` : `${name} must be at least ${String(p.limit)} characters long`);
    default:
      return (name) => `${name} ${e.message ?? 'is invalid'}`;
  }
}

function toInputError(parsed: ParsedFile, problem: Problem): InputError {
  const { path, value } = resolvePointer(parsed.value, problem.instancePath);
  return new InputError(problem.message(pathName(path), value), parsed.locate(path));
}

/** A JSON pointer into the value → a DocPath (array indexes as numbers) and the value found there. */
function resolvePointer(root: unknown, pointer: string): { path: (string | number)[]; value: unknown } {
  const path: (string | number)[] = [];
  let value: unknown = root;
  if (pointer === '') return { path, value };
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(token);
      path.push(index);
      value = value[index];
    } else {
      path.push(token);
      value = isRecord(value) && hasOwn(value, token) ? value[token] : undefined;
    }
  }
  return { path, value };
}

/** ['users', 3, 'userType'] → users[3].userType; the root is "the export". */
export function pathName(path: DocPath): string {
  if (path.length === 0) return 'the export';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return describeValue(value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${formatValue(value)}`;
  return `${typeof value} ${String(value)}`;
}
