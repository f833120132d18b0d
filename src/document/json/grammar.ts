import { describeAt, ScanError, skipScalar, UNTERMINATED } from './text.js';

/**
 * Grammar checking of JSON tokens (strings, numbers, literals), used only once JSON.parse has refused a text:
 * each returns the index after the token or throws a ScanError saying what is wrong and where, in words a
 * person can act on (JSON.parse says "Unexpected token" and an offset). The structure (brackets, commas,
 * colons) is checked by the walk (walk.ts) in its validating mode.
 */

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function scanString(text: string, i: number): number {
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

export function scanNumber(text: string, i: number): number {
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

export function scanLiteral(text: string, i: number): number {
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  const end = skipScalar(text, i);
  const found = text.slice(i, Math.min(end, i + 20));
  throw new ScanError(i, `expected a value but found '${found}' (true, false and null are lower case; strings need double quotes)`);
}
