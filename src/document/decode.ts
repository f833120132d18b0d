import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';

/**
 * Bytes → text. The bytes must be UTF-8; a leading byte order mark is dropped. Invalid UTF-8 is an input error
 * at the line and column of the first byte that does not belong to a well-formed sequence.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InputError('the file is UTF-16 encoded; save it as UTF-8', { file, line: 1, column: 1 });
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) throw invalidUtf8(file, buffer);
  return stripBom(buffer.toString('utf8'));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function invalidUtf8(file: string, bytes: Buffer): InputError {
  const bad = firstInvalidUtf8(bytes);
  if (bad === undefined) return new InputError('invalid UTF-8 byte sequence', { file, line: 1, column: 1 });
  const { offset, length } = bad;
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  // Everything before the bad byte is well-formed, so the column is the decoded length of the line so far.
  let prefix = bytes.subarray(lineStart, offset).toString('utf8');
  if (lineStart === 0) prefix = stripBom(prefix);
  const shown = Array.from(bytes.subarray(offset, offset + length), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
  return new InputError(`invalid UTF-8 byte sequence (${shown.join(' ')}); the file must be UTF-8 encoded`, {
    file,
    line,
    column: prefix.length + 1,
  });
}

/**
 * Where the first ill-formed sequence starts (Unicode table 3-7), and how many bytes to show: the lead byte up
 * to and including the first byte that breaks the sequence.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; length: number } | undefined {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) (need = 2), (lo = 0xa0);
    else if (b >= 0xe1 && b <= 0xec) need = 2;
    else if (b === 0xed) (need = 2), (hi = 0x9f);
    else if (b >= 0xee && b <= 0xef) need = 2;
    else if (b === 0xf0) (need = 3), (lo = 0x90);
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) (need = 3), (hi = 0x8f);
    else return { offset: i, length: 1 };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return { offset: i, length: Math.min(k + 1, n - i) };
    }
    i += need + 1;
  }
  return undefined;
}
