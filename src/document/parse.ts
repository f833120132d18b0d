import path from 'node:path';
import { decodeUtf8, stripBom } from './decode.js';
import { LineTable } from './lines.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import { loneSurrogateError } from './surrogates.js';
import type { ParsedFile } from './types.js';

/**
 * One file's bytes (or already decoded text) → ParsedFile. `.json` files take the fast JSON path, every
 * other name is read as YAML. Throws an InputError at the first problem.
 */
export function parseFile(file: string, bytes: Uint8Array | string): ParsedFile {
  const text = typeof bytes === 'string' ? checkedText(file, stripBom(bytes)) : decodeUtf8(file, bytes);
  return path.extname(file).toLowerCase() === '.json' ? parseJson(file, text) : parseYaml(file, text);
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
