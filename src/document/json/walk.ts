import { DuplicateKeys } from './duplicate-keys.js';
import { scanLiteral, scanNumber, scanString } from './grammar.js';
import { PositionIndex } from './positions.js';
import { describeAt, ScanError, skipKey, skipScalar, skipString } from './text.js';

/** Deeper nesting than this is refused (tenant exports nest about five levels). */
export const MAX_NESTING = 128;

const OBJ = 1;
const ARR = 2;
const S_VALUE = 0;
const S_AFTER = 1;
const S_OBJ_START = 2;
const S_KEY = 3;
const S_ARR_START = 4;

/**
 * The one pass over a JSON text: a state machine over its structure that hands each key to the duplicate-key
 * check (duplicate-keys.ts) and each value to depth 2 to the position index (positions.ts), and enforces
 * MAX_NESTING. With `validate` it also checks every token (grammar.ts) and throws a ScanError at the first
 * problem; without, it trusts the grammar (JSON.parse has accepted the text) and only skips scalars (a string
 * by indexOf of its closing quote), which is most of the text. All state is local to the call.
 */
export function walkJson(text: string, validate: boolean): PositionIndex {
  const n = text.length;
  const positions = new PositionIndex(text);
  const duplicates = new DuplicateKeys(text);
  const kinds: number[] = [];
  let pendingKey = '';
  let depth = 0;
  let state = S_VALUE;
  let i = 0;

  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);

    switch (state) {
      case S_VALUE: {
        if (depth <= 2) positions.value(depth, i, depth > 0 && kinds[depth - 1] === OBJ, pendingKey);
        if (c === 0x7b || c === 0x5b) {
          if (depth >= MAX_NESTING) throw new ScanError(i, `nesting deeper than ${MAX_NESTING} levels`);
          const isObject = c === 0x7b;
          kinds[depth] = isObject ? OBJ : ARR;
          if (isObject) duplicates.open(depth);
          if (depth <= 1) positions.container(depth, isObject);
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
          return positions;
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
        let escaped: boolean;
        if (validate) {
          i = scanString(text, i);
          escaped = text.slice(start, i).includes('\\');
        } else {
          const end = skipKey(text, i);
          escaped = end < 0;
          i = escaped ? -end - 1 : end;
        }
        const d = depth - 1;
        // The key as a string only where one is needed: the position index (objects at depth 0 and 1) and
        // escaped keys (their text is not their value).
        // Both by JSON.parse: a key of 13 characters or more cut from the text with slice is a view into it
        // (V8's sliced strings), and the position index keeping one such key ("externalCollaboration") kept
        // the whole file's text alive after loading (release() in parse-json.ts).
        let key: string | undefined;
        if (escaped || d <= 1) key = JSON.parse(text.slice(start, i)) as string;
        duplicates.add(d, start, i, escaped, key);
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
