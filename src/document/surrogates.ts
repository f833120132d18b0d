import { InputError, type SourcePosition } from '../errors.js';

/**
 * Lone UTF-16 surrogates. A string can hold one only through an escape (`"\ud800"` in JSON, `"\uD800"` or
 * `"\U0000D800"` in a double-quoted YAML scalar): decoded UTF-8 never holds one, since the decoder refuses the
 * bytes that would encode it. A lone surrogate is not a character; the policy engine (OPA's WASM runtime)
 * refuses the whole data document with "illegal string escape character" and no file or line. So the loader
 * refuses it first, at the escape.
 */
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(s: string): boolean {
  return LONE.test(s);
}

export function loneSurrogateError(code: number, at: SourcePosition): InputError {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return new InputError(
    `lone UTF-16 surrogate \\u${hex} in a string: it is not a character (a ${code < 0xdc00 ? 'high surrogate must be followed by a low one' : 'low surrogate must follow a high one'}); remove it or write the character it was meant to be`,
    at,
  );
}

/**
 * JSON text → the offset of the first `\uXXXX` escape that leaves a lone surrogate, with its code. Escapes are
 * read left to right (`\\` consumes its pair, so `\\ud800` is a backslash and text), a high surrogate escape
 * must be followed at once by a low one. Backslashes occur only inside strings in JSON, so no string
 * boundaries need tracking.
 */
export function firstLoneSurrogateEscape(text: string): { offset: number; code: number } | undefined {
  if (!/\\u[dD][89a-fA-F]/.test(text)) return undefined; // the common case: no surrogate escape at all
  const escape = /\\(?:u([0-9a-fA-F]{4})|[^])/g;
  let pendingHigh: { offset: number; code: number } | undefined;
  for (let m = escape.exec(text); m !== null; m = escape.exec(text)) {
    const code = m[1] === undefined ? undefined : parseInt(m[1], 16);
    const isLow = code !== undefined && code >= 0xdc00 && code <= 0xdfff;
    if (pendingHigh) {
      if (isLow && m.index === pendingHigh.offset + 6) {
        pendingHigh = undefined;
        continue;
      }
      return pendingHigh;
    }
    if (code === undefined) continue;
    if (code >= 0xd800 && code <= 0xdbff) pendingHigh = { offset: m.index, code };
    else if (isLow) return { offset: m.index, code };
  }
  return pendingHigh;
}
