import type { ErrorObject } from 'ajv';
import { InputError } from '../errors.js';
import { hasOwn, isRecord } from '../document/safe-object.js';
import type { DocPath, ParsedFile } from '../document/types.js';

/** ajv errors of one parsed file → one InputError each, positioned at the offending node. */
export function explainErrors(parsed: ParsedFile, errors: readonly ErrorObject[]): InputError[] {
  return simplify(errors).map((e) => toInputError(parsed, e));
}


interface Problem {
  instancePath: string;
  /** A key under instancePath to point at (an unknown property) rather than the object itself. */
  key?: string;
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
    const seenKey = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    const key = e.keyword === 'additionalProperties' ? String((e.params as Record<string, unknown>).additionalProperty) : e.keyword === 'propertyNames' ? String((e.params as Record<string, unknown>).propertyName) : undefined;
    problems.push({ instancePath: e.instancePath, ...(key === undefined ? {} : { key }), message: messageFor(e) });
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
      if (p.format === 'date') return (name, value) => `${name} must be a date YYYY-MM-DD, e.g. 2027-03-31 (got ${formatValue(value)})`;
      return (name, value) => `${name} must be a valid ${String(p.format)} (got ${formatValue(value)})`;
    case 'minLength':
      return (name) => (p.limit === 1 ? `${name} must not be empty` : `${name} must be at least ${String(p.limit)} characters long`);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', exclusiveMinimum: 'more than', maximum: 'at most', exclusiveMaximum: 'less than' };
      return (name, value) => `${name} must be ${words[e.keyword] ?? ''} ${String(p.limit)} (got ${formatValue(value)})`;
    }
    case 'additionalProperties':
      return (name) => `${name} has unknown property ${JSON.stringify(String(p.additionalProperty))}`;
    case 'propertyNames':
      return (name) => `${name} has an invalid property name ${JSON.stringify(String(p.propertyName))}`;
    default:
      return (name) => `${name} ${e.message ?? 'is invalid'}`;
  }
}

function toInputError(parsed: ParsedFile, problem: Problem): InputError {
  const { path, value } = resolvePointer(parsed.value, problem.instancePath);
  const position =
    problem.key === undefined ? parsed.locate(path) : (parsed.locateKey ?? parsed.locate)([...path, problem.key]);
  return new InputError(problem.message(pathName(path), value), position);
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

export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return describeValue(value);
}

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${formatValue(value)}`;
  return `${typeof value} ${String(value)}`;
}
