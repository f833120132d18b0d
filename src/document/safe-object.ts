/**
 * Building objects from untrusted data without prototype pollution.
 *
 * JSON.parse and yaml's toJS already create `__proto__`, `constructor` and `prototype` keys as own properties.
 * Code that copies such data must do the same: never `Object.assign(target, untrusted)` and never
 * `target[untrustedKey] = value` on an ordinary object (for the key `__proto__` that replaces the prototype).
 */

export type PlainRecord = Record<string, unknown>;

/** A JSON-like object: not null, not an array. */
export function isRecord(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The own property `key` of `object`, never an inherited one. */
export function ownValue(object: object, key: string): unknown {
  return hasOwn(object, key) ? (object as PlainRecord)[key] : undefined;
}

/** Sets `key` as an own, enumerable, writable data property, whatever the key is. */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A shallow copy made of own data properties only. */
export function safeShallowCopy(source: PlainRecord): PlainRecord {
  const copy: PlainRecord = {};
  for (const key of Object.keys(source)) defineOwn(copy, key, source[key]);
  return copy;
}

/** Structural equality of JSON-like values (own enumerable keys, order-insensitive). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => hasOwn(b as object, k) && jsonEqual((a as PlainRecord)[k], (b as PlainRecord)[k]));
}
