/**
 * What every part of the JSON reader shares: the error a scan stops with, and the trusting skips over text that
 * JSON.parse has already accepted (they check nothing: grammar.ts is the checking counterpart).
 */

export class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
    /** For a duplicate key: where the first one is. */
    readonly firstOffset?: number,
  ) {
    super(detail);
  }
}

export const UNTERMINATED = 'unterminated string (the file ends before its closing quote)';

export function skipWs(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  return i;
}

export function describeAt(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const cp = text.codePointAt(i) as number;
  if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

/**
 * Trusting skip over a key (keys are short: a plain loop). Returns the index after the closing quote, negated
 * and less one when the key holds a backslash escape (-(end) - 1), so that no state outlives the call.
 */
export function skipKey(text: string, i: number): number {
  const n = text.length;
  let escaped = false;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return escaped ? -(j + 1) - 1 : j + 1;
    if (c === 0x5c) {
      escaped = true;
      j += 2;
    } else {
      j += 1;
    }
  }
  throw new ScanError(i, UNTERMINATED);
}

/** Trusting skip over a string starting at the quote at i; returns the index after the closing quote. */
export function skipString(text: string, i: number): number {
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
export function skipScalar(text: string, i: number): number {
  const n = text.length;
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (j >= n || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return j;
    j += 1;
  }
}

/** Trusting skip over any value (a container to its closing bracket). */
export function skipValue(text: string, i: number): number {
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
