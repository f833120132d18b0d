import { InputError } from '../errors.js';
import { LineTable } from './lines.js';
import { firstLoneSurrogateEscape, loneSurrogateError } from './surrogates.js';
import type { DocPath, ParsedFile } from './types.js';

/** Deeper nesting than this is refused (tenant exports nest about five levels). */
export const MAX_NESTING = 128;

/**
 * JSON: the value comes from JSON.parse (native, fast); one linear scan over the text then records where the
 * nodes at depth ≤ 2 start (the root, each top-level value, each element or key of a top-level value) and rejects
 * duplicate keys in any object, which JSON.parse would silently collapse. Deeper positions are found on demand by
 * a short scan from the nearest recorded node. When JSON.parse fails, the same scanner, in validating mode,
 * finds the first syntax error and says what was expected there.
 */
export function parseJson(file: string, text: string): ParsedFile {
  const lines = new LineTable(text);
  const at = (offset: number) => ({ file, ...lines.position(offset) });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (thrown) {
    throw syntaxError(text, thrown, at);
  }
  const lone = firstLoneSurrogateEscape(text);
  if (lone) throw loneSurrogateError(lone.code, at(lone.offset));
  let root: RootNode;
  try {
    root = scan(text, false);
  } catch (thrown) {
    if (thrown instanceof ScanError) throw toInputError(thrown, at, lines);
    throw thrown;
  }
  return {
    file,
    format: 'json',
    value,
    locate: (path: DocPath) => at(locateOffset(text, root, path)),
  };
}

interface Level1Node {
  offset: number;
  items?: number[];
  keys?: Map<string, number>;
}

interface RootNode {
  offset: number;
  items?: Level1Node[];
  keys?: Map<string, Level1Node>;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
    readonly firstOffset?: number,
  ) {
    super(detail);
  }
}

function toInputError(e: ScanError, at: (offset: number) => { file: string; line: number; column: number }, lines: LineTable): InputError {
  let detail = e.detail;
  if (e.firstOffset !== undefined) {
    const first = lines.position(e.firstOffset);
    detail += ` (first defined at line ${first.line}, column ${first.column})`;
  }
  return new InputError(detail, at(e.offset));
}

function syntaxError(
  text: string,
  thrown: unknown,
  at: (offset: number) => { file: string; line: number; column: number },
): InputError {
  try {
    scan(text, true);
  } catch (e) {
    if (e instanceof ScanError) {
      if (e.firstOffset !== undefined) return toInputError(e, at, new LineTable(text));
      return new InputError(`invalid JSON: ${e.detail}`, at(e.offset));
    }
    throw e;
  }
  // The scanner found nothing wrong (it should agree with JSON.parse): fall back to the engine's message.
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const m = /at position (\d+)/.exec(message);
  const offset = m ? Number(m[1]) : /end of JSON input/.test(message) ? text.length : 0;
  return new InputError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, at(offset));
}

const OBJ = 1;
const ARR = 2;
const S_VALUE = 0;
const S_AFTER = 1;
const S_OBJ_START = 2;
const S_KEY = 3;
const S_ARR_START = 4;
/** Objects with more keys than this switch from a linear key list to a Map for duplicate detection. */
const SMALL_OBJECT = 24;

/**
 * One pass over the text. In validating mode it checks the full JSON grammar and throws a ScanError at the
 * first problem; otherwise it trusts the grammar (JSON.parse already accepted the text) and only skips scalars.
 * In both modes it records positions to depth 2, rejects duplicate keys and enforces MAX_NESTING.
 */
function scan(text: string, validate: boolean): RootNode {
  const n = text.length;
  const root: RootNode = { offset: 0 };
  const kinds: number[] = [];
  // Per open object (by depth): where its keys' text starts and how long it is, or a Map once it is large.
  const keyStarts: number[][] = [];
  const keyLengths: number[][] = [];
  const keyMaps: (Map<string, number> | null)[] = [];
  let level1: Level1Node | undefined;
  let pendingKey = '';
  let depth = 0;
  let state = S_VALUE;
  let i = 0;

  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);

    switch (state) {
      case S_VALUE: {
        if (depth === 0) root.offset = i;
        else if (depth === 1) {
          level1 = { offset: i };
          if (kinds[0] === OBJ) root.keys?.set(pendingKey, level1);
          else root.items?.push(level1);
        } else if (depth === 2 && level1) {
          if (kinds[1] === OBJ) level1.keys?.set(pendingKey, i);
          else level1.items?.push(i);
        }
        if (c === 0x7b || c === 0x5b) {
          if (depth >= MAX_NESTING) throw new ScanError(i, `nesting deeper than ${MAX_NESTING} levels`);
          const isObject = c === 0x7b;
          kinds[depth] = isObject ? OBJ : ARR;
          if (isObject) {
            (keyStarts[depth] ??= []).length = 0;
            (keyLengths[depth] ??= []).length = 0;
            keyMaps[depth] = null;
          }
          if (depth === 0) {
            if (isObject) root.keys = new Map();
            else root.items = [];
          } else if (depth === 1 && level1) {
            if (isObject) level1.keys = new Map();
            else level1.items = [];
          }
          depth += 1;
          i += 1;
          state = isObject ? S_OBJ_START : S_ARR_START;
          continue;
        }
        if (c === 0x22) {
          i = validate ? scanString(text, i) : skipString(text, i);
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          i = validate ? scanNumber(text, i) : skipScalar(text, i);
        } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
          i = validate ? scanLiteral(text, i) : skipScalar(text, i);
        } else if (i >= n) {
          throw new ScanError(i, 'unexpected end of file (expected a value)');
        } else if (c === 0x5d && depth > 0 && kinds[depth - 1] === ARR) {
          throw new ScanError(i, "expected a value but found ']' (trailing comma?)");
        } else {
          throw new ScanError(i, `expected a value but found ${describeAt(text, i)}`);
        }
        state = S_AFTER;
        continue;
      }

      case S_AFTER: {
        if (depth === 0) {
          if (i < n) throw new ScanError(i, `unexpected ${describeAt(text, i)} after the end of the JSON value`);
          return root;
        }
        const kind = kinds[depth - 1];
        const close = kind === OBJ ? 0x7d : 0x5d;
        if (c === 0x2c) {
          i += 1;
          state = kind === OBJ ? S_KEY : S_VALUE;
          continue;
        }
        if (c === close) {
          depth -= 1;
          i += 1;
          continue;
        }
        const expected = kind === OBJ ? "',' or '}'" : "',' or ']'";
        if (i >= n) throw new ScanError(i, `unexpected end of file (expected ${expected})`);
        throw new ScanError(i, `expected ${expected} but found ${describeAt(text, i)}`);
      }

      case S_OBJ_START:
      case S_ARR_START: {
        if (c === (state === S_OBJ_START ? 0x7d : 0x5d)) {
          depth -= 1;
          i += 1;
          state = S_AFTER;
        } else {
          state = state === S_OBJ_START ? S_KEY : S_VALUE;
        }
        continue;
      }

      case S_KEY: {
        if (c !== 0x22) {
          if (i >= n) throw new ScanError(i, 'unexpected end of file (expected a property name)');
          const hint = c === 0x7d ? ' (trailing comma?)' : '';
          throw new ScanError(i, `expected a property name in double quotes but found ${describeAt(text, i)}${hint}`);
        }
        const start = i;
        i = validate ? scanString(text, i) : skipKey(text, i);
        const escaped = validate ? text.slice(start, i).includes('\\') : keyHadEscape;
        const d = depth - 1;
        // Keys are compared as text ranges; a string is only made where one is needed: for the position
        // index (objects at depth 0 and 1), for escaped keys, and for large objects (kept in a Map).
        let key: string | undefined;
        if (escaped) key = JSON.parse(text.slice(start, i)) as string;
        else if (d <= 1) key = text.slice(start + 1, i - 1);
        let map = keyMaps[d];
        const starts = keyStarts[d] as number[];
        const lengths = keyLengths[d] as number[];
        if (!map && (escaped || starts.length >= SMALL_OBJECT)) {
          map = new Map<string, number>();
          for (let k = 0; k < starts.length; k++) {
            map.set(keyAt(text, starts[k] as number, lengths[k] as number), (starts[k] as number) - 1);
          }
          keyMaps[d] = map;
        }
        if (map) {
          key ??= text.slice(start + 1, i - 1);
          const first = map.get(key);
          if (first !== undefined) throw new ScanError(start, `duplicate key ${JSON.stringify(key)}`, first);
          map.set(key, start);
        } else {
          const from = start + 1;
          const length = i - 1 - from;
          for (let k = 0; k < starts.length; k++) {
            if (lengths[k] === length && sameText(text, starts[k] as number, from, length)) {
              throw new ScanError(start, `duplicate key ${JSON.stringify(text.slice(from, from + length))}`, (starts[k] as number) - 1);
            }
          }
          starts.push(from);
          lengths.push(length);
        }
        if (key !== undefined) pendingKey = key;
        c = text.charCodeAt(i);
        while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
        if (c !== 0x3a) {
          if (i >= n) throw new ScanError(i, "unexpected end of file (expected ':' after the property name)");
          throw new ScanError(i, `expected ':' after the property name but found ${describeAt(text, i)}`);
        }
        i += 1;
        state = S_VALUE;
        continue;
      }
    }
  }
}

function describeAt(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const cp = text.codePointAt(i) as number;
  if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

/** A key without escapes, from its text range. */
function keyAt(text: string, from: number, length: number): string {
  return text.slice(from, from + length);
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** Set by skipKey: whether the key just skipped contains a backslash escape. */
let keyHadEscape = false;

/** Trusting skip over a key (keys are short: a plain loop), noting escapes. */
function skipKey(text: string, i: number): number {
  const n = text.length;
  let escaped = false;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      keyHadEscape = escaped;
      return j + 1;
    }
    if (c === 0x5c) {
      escaped = true;
      j += 2;
    } else {
      j += 1;
    }
  }
  throw new ScanError(i, UNTERMINATED);
}

const UNTERMINATED = 'unterminated string (the file ends before its closing quote)';

/** Trusting skip over a string starting at the quote at i; returns the index after the closing quote. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) throw new ScanError(i, UNTERMINATED);
    let b = q - 1;
    while (text.charCodeAt(b) === 0x5c) b -= 1;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Trusting skip over a number or literal. */
function skipScalar(text: string, i: number): number {
  const n = text.length;
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (j >= n || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return j;
    j += 1;
  }
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function scanString(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  for (;;) {
    if (j >= n) throw new ScanError(i, UNTERMINATED);
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) {
      throw new ScanError(j, `${describeAt(text, j)} inside a string (write it as an escape such as \\n)`);
    }
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(text.charCodeAt(j + k))) throw new ScanError(j, 'invalid \\u escape (expected four hex digits)');
        }
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j += 2;
        continue;
      }
      if (j + 1 >= n) throw new ScanError(i, UNTERMINATED);
      throw new ScanError(j, `invalid escape sequence \\${String.fromCodePoint(text.codePointAt(j + 1) as number)}`);
    }
    j += 1;
  }
}

function scanNumber(text: string, i: number): number {
  let j = i;
  const digit = (k: number) => {
    const c = text.charCodeAt(k);
    return c >= 0x30 && c <= 0x39;
  };
  if (text.charCodeAt(j) === 0x2d) j += 1;
  if (text.charCodeAt(j) === 0x30) {
    j += 1;
    if (digit(j)) throw new ScanError(i, 'invalid number (leading zeros are not allowed)');
  } else if (digit(j)) {
    while (digit(j)) j += 1;
  } else {
    throw new ScanError(i, 'invalid number');
  }
  if (text.charCodeAt(j) === 0x2e) {
    j += 1;
    if (!digit(j)) throw new ScanError(i, 'invalid number (expected digits after the decimal point)');
    while (digit(j)) j += 1;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j += 1;
    const s = text.charCodeAt(j);
    if (s === 0x2b || s === 0x2d) j += 1;
    if (!digit(j)) throw new ScanError(i, 'invalid number (expected digits in the exponent)');
    while (digit(j)) j += 1;
  }
  return j;
}

function scanLiteral(text: string, i: number): number {
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  const end = skipScalar(text, i);
  const found = text.slice(i, Math.min(end, i + 20));
  throw new ScanError(i, `expected a value but found '${found}' (true, false and null are lower case; strings need double quotes)`);
}

// ---- locating deeper nodes (the text is known to be valid JSON here) ----

function indexOf(component: string | number): number | undefined {
  if (typeof component === 'number') return Number.isInteger(component) && component >= 0 ? component : undefined;
  return /^(0|[1-9]\d*)$/.test(component) ? Number(component) : undefined;
}

function locateOffset(text: string, root: RootNode, path: DocPath): number {
  if (path.length === 0) return root.offset;
  const l1 = childOf(root.keys, root.items, path[0] as string | number);
  if (!l1) return root.offset;
  if (path.length === 1) return l1.offset;
  const off2 = childOf(l1.keys, l1.items, path[1] as string | number);
  if (off2 === undefined) return l1.offset;
  let at = off2;
  for (let k = 2; k < path.length; k++) {
    const next = childOffset(text, at, path[k] as string | number);
    if (next === undefined) break;
    at = next;
  }
  return at;
}

function childOf<T>(keys: Map<string, T> | undefined, items: T[] | undefined, component: string | number): T | undefined {
  if (keys) return keys.get(String(component));
  if (items) {
    const idx = indexOf(component);
    return idx === undefined ? undefined : items[idx];
  }
  return undefined;
}

function skipWs(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  return i;
}

function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c !== 0x7b && c !== 0x5b) return skipScalar(text, i);
  let depth = 0;
  let j = i;
  const n = text.length;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 0x22) {
      j = skipString(text, j);
      continue;
    }
    if (d === 0x7b || d === 0x5b) depth += 1;
    else if (d === 0x7d || d === 0x5d) {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
    j += 1;
  }
  return n;
}

/** Offset of the child `component` of the container value starting at `at`, if there is one. */
function childOffset(text: string, at: number, component: string | number): number | undefined {
  const c = text.charCodeAt(at);
  if (c === 0x7b) {
    const want = String(component);
    let i = skipWs(text, at + 1);
    if (text.charCodeAt(i) === 0x7d) return undefined;
    for (;;) {
      const start = i;
      i = skipString(text, i);
      let key = text.slice(start + 1, i - 1);
      if (key.includes('\\')) key = JSON.parse(text.slice(start, i)) as string;
      i = skipWs(text, i) + 1; // the colon
      i = skipWs(text, i);
      if (key === want) return i;
      i = skipWs(text, skipValue(text, i));
      if (text.charCodeAt(i) !== 0x2c) return undefined;
      i = skipWs(text, i + 1);
    }
  }
  if (c === 0x5b) {
    const want = indexOf(component);
    if (want === undefined) return undefined;
    let i = skipWs(text, at + 1);
    if (text.charCodeAt(i) === 0x5d) return undefined;
    for (let k = 0; ; k++) {
      if (k === want) return i;
      i = skipWs(text, skipValue(text, i));
      if (text.charCodeAt(i) !== 0x2c) return undefined;
      i = skipWs(text, i + 1);
    }
  }
  return undefined;
}
