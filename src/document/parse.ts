import path from 'node:path';
import { InputError } from '../errors.js';
import { decodeUtf8, stripBom } from './decode.js';
import { LineTable } from './lines.js';
import type { TextScanner } from './json/scan-thread.js';
import { parseJson, parseJsonValue, parsedJson, scanJsonText } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import { loneSurrogateError } from './surrogates.js';
import type { ParsedFile } from './types.js';

/**
 * One file's bytes (or already decoded text) → ParsedFile. `.json` files take the fast JSON path, every
 * other name is read as YAML. Throws an InputError at the first problem.
 */
export function parseFile(file: string, bytes: Uint8Array | string): ParsedFile {
  if (typeof bytes !== 'string' && bytes.byteLength > MAX_FILE_BYTES) throw tooLarge(file, bytes.byteLength);
  const text = typeof bytes === 'string' ? checkedText(file, stripBom(bytes)) : decodeUtf8(file, bytes);
  return path.extname(file).toLowerCase() === '.json' ? parseJson(file, text) : parseYaml(file, text);
}

/**
 * parseFile, with a large JSON file's text scanned in the scanner's thread while this one runs JSON.parse
 * (json/scan-thread.ts). The bytes are moved there: the caller must not use them after. Should the thread fail,
 * the text is scanned here; either way the file, or its first problem, is what parseFile gives.
 */
export async function parseFileScanned(file: string, bytes: Uint8Array, scanner: TextScanner | undefined): Promise<ParsedFile> {
  if (!scanner || bytes.byteLength < SCAN_IN_THREAD_BYTES || path.extname(file).toLowerCase() !== '.json') return parseFile(file, bytes);
  if (bytes.byteLength > MAX_FILE_BYTES) throw tooLarge(file, bytes.byteLength);
  const text = decodeUtf8(file, bytes);
  const scanned = scanner.scan(bytes).catch(() => undefined);
  const value = parseJsonValue(file, text);
  return parsedJson(file, text, value, (await scanned) ?? scanJsonText(text));
}

/**
 * The smallest file whose text is scanned in another thread: below it, posting the bytes and waiting for the
 * answer is not worth the thread's while (the files of the examples are a few KiB; those of the bench's
 * 100,000-user export 3 to 63 MiB).
 */
export const SCAN_IN_THREAD_BYTES = 1024 * 1024;

/**
 * The largest file read: its text must fit one JavaScript string, at most 2^29 - 24 characters in V8
 * (0x1fffffe8, about 512 MiB of ASCII). Past it, decoding fails with "Cannot create a string longer than
 * 0x1fffffe8 characters", which names neither the file nor the way out.
 */
export const MAX_FILE_BYTES = 0x1fffffe8;

function tooLarge(file: string, bytes: number): InputError {
  return new InputError(
    `${file}: the file is ${Math.ceil(bytes / (1024 * 1024))} MiB, and one file can be at most 511 MiB (the longest text JavaScript holds): split it into several files (a list section's objects may be spread over any number of files, which are concatenated)`,
  );
}

/**
 * Text handed over already decoded (by a library caller) may hold a raw lone surrogate, which decoding UTF-8
 * bytes never yields: refused at its place, as an escape for one is (surrogates.ts).
 */
function checkedText(file: string, text: string): string {
  const i = text.search(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  if (i < 0) return text;
  const { line, column } = new LineTable(text).position(i);
  throw loneSurrogateError(text.charCodeAt(i), { file, line, column });
}
