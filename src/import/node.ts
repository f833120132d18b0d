import { InputError } from '../errors.js';
import { hasOwn, isRecord } from '../document/safe-object.js';
import type { DocPath, ParsedFile } from '../load/types.js';

/**
 * A value inside a raw response file, with the way back to its place in the file: every problem found while
 * mapping is an InputError at file:line:column naming the JSON path and what was expected there.
 */
export class RawNode {
  constructor(
    readonly file: ParsedFile,
    readonly path: DocPath,
    readonly value: unknown,
  ) {}

  /** `$.value[3].properties.displayName`: the JSON path shown in messages. */
  get jsonPath(): string {
    return jsonPathOf(this.path);
  }

  /** An InputError at this node. */
  error(detail: string): InputError {
    return new InputError(`${this.jsonPath}: ${detail}`, this.file.locate(this.path));
  }

  get isMissing(): boolean {
    return this.value === undefined || this.value === null;
  }

  /** The child at `key` (an absent key gives a node whose value is undefined). */
  at(key: string | number): RawNode {
    let child: unknown;
    if (typeof key === 'number') child = Array.isArray(this.value) ? this.value[key] : undefined;
    else if (isRecord(this.value) && hasOwn(this.value, key)) child = this.value[key];
    return new RawNode(this.file, [...this.path, key], child);
  }

  /** The child whose key matches `key` ignoring case (PowerShell objects and Graph agree on names, not on casing). */
  atAnyCase(key: string): RawNode {
    if (isRecord(this.value)) {
      if (hasOwn(this.value, key)) return this.at(key);
      const lower = key.toLowerCase();
      const found = Object.keys(this.value).find((k) => k.toLowerCase() === lower);
      if (found !== undefined) return this.at(found);
    }
    return new RawNode(this.file, [...this.path, key], undefined);
  }

  /** Follows a dotted path of keys: node.dig('properties', 'creator', 'objectId'). */
  dig(...keys: Array<string | number>): RawNode {
    let node: RawNode = this;
    for (const key of keys) node = node.at(key);
    return node;
  }

  requireObject(what = 'an object'): RawNode {
    if (!isRecord(this.value)) throw this.error(`expected ${what}, found ${describe(this.value)}`);
    return this;
  }

  /** The elements of an array (absent or null: none). Anything else is an error. */
  items(): RawNode[] {
    if (this.isMissing) return [];
    if (!Array.isArray(this.value)) throw this.error(`expected an array, found ${describe(this.value)}`);
    return this.value.map((_, i) => this.at(i));
  }

  /** A required non-empty string. */
  string(): string {
    if (typeof this.value !== 'string' || this.value === '') throw this.error(`expected a non-empty string, found ${describe(this.value)}`);
    return this.value;
  }

  /** A string, or null when absent, null or empty. */
  optionalString(): string | null {
    if (this.isMissing || this.value === '') return null;
    if (typeof this.value !== 'string') throw this.error(`expected a string, found ${describe(this.value)}`);
    return this.value;
  }

  /** A boolean, or null when absent. */
  optionalBoolean(): boolean | null {
    if (this.isMissing) return null;
    if (typeof this.value !== 'boolean') throw this.error(`expected true or false, found ${describe(this.value)}`);
    return this.value;
  }

  /**
   * A boolean written as a boolean or as the strings "true"/"false" in any casing ("True" in PowerShell output,
   * "true" in directory settings); null when absent or empty.
   */
  looseBoolean(): boolean | null {
    if (this.isMissing || this.value === '') return null;
    if (typeof this.value === 'boolean') return this.value;
    if (typeof this.value === 'string') {
      const v = this.value.trim().toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
    }
    throw this.error(`expected true or false (or the strings "true"/"false"), found ${describe(this.value)}`);
  }

  /** A string list (absent or null: null). */
  optionalStrings(): string[] | null {
    if (this.isMissing) return null;
    return this.items().map((n) => n.string());
  }

  /** A value that must be one of `table`'s keys (compared ignoring case), mapped to the table's value. */
  oneOf<T>(table: Readonly<Record<string, T>>, what: string): T {
    const raw = this.string();
    const hit = Object.keys(table).find((k) => k.toLowerCase() === raw.toLowerCase());
    if (hit === undefined) {
      throw this.error(`unknown ${what} ${JSON.stringify(raw)} (expected one of ${Object.keys(table).join(', ')})`);
    }
    return table[hit] as T;
  }

  /** Like oneOf, null when absent. */
  optionalOneOf<T>(table: Readonly<Record<string, T>>, what: string): T | null {
    if (this.isMissing || this.value === '') return null;
    return this.oneOf(table, what);
  }
}

export function rootNode(file: ParsedFile): RawNode {
  return new RawNode(file, [], file.value);
}

export function jsonPathOf(path: DocPath): string {
  let out = '$';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : /^[A-Za-z_@$][\w@$.-]*$/.test(key) && !key.includes('.') ? `.${key}` : `[${JSON.stringify(key)}]`;
  return out;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}
