import { InputError } from '../errors.js';
import { PositionIndex, type RootNode } from './json/positions.js';
import { walkJson } from './json/walk.js';
import { ScanError } from './json/text.js';
import { LineTable } from './lines.js';
import { firstLoneSurrogateEscape, loneSurrogateError } from './surrogates.js';
import type { DocPath, ParsedFile } from './types.js';

export { MAX_NESTING } from './json/walk.js';

/**
 * A file up to this size keeps its text once loaded (release), so that every position stays exact, a setting's
 * included (`powerPlatform.tenantSettings.x` is three levels deep). A larger one is a list section's file in
 * practice (the bench's 100,000-user export splits into files of 3 to 63 MiB): it keeps its positions to depth
 * 2, the objects findings point at, and a deeper path resolves to its object.
 */
const KEEP_TEXT_CHARS = 4 * 1024 * 1024;

/**
 * JSON: the value comes from JSON.parse (native, fast); one linear scan over the text (json/walk.ts) then
 * records where the nodes at depth ≤ 2 start (json/positions.ts) and rejects duplicate keys in any object
 * (json/duplicate-keys.ts), which JSON.parse would silently collapse. Deeper positions are found on demand by
 * a short scan from the nearest recorded node. When JSON.parse fails, the same walk, checking every token
 * (json/grammar.ts), finds the first syntax error and says what was expected there.
 */
export function parseJson(file: string, text: string): ParsedFile {
  return parsedJson(file, text, parseJsonValue(file, text), scanJsonText(text));
}

/**
 * What the linear scan of a JSON text that JSON.parse accepted found: where its nodes start, or the first lone
 * surrogate escape or duplicate key. Plain data, so that it can be worked out in another thread (the scan takes
 * longer than JSON.parse: 443 against 341 ms over the bench's 100,000-user export; json/scan-thread.ts).
 */
export type TextScan =
  | { positions: RootNode }
  | { lone: { offset: number; code: number } }
  | { problem: { offset: number; detail: string; firstOffset?: number } };

export function scanJsonText(text: string): TextScan {
  const lone = firstLoneSurrogateEscape(text);
  if (lone) return { lone };
  try {
    return { positions: walkJson(text, false).recorded };
  } catch (thrown) {
    if (thrown instanceof ScanError) return { problem: { offset: thrown.offset, detail: thrown.detail, ...(thrown.firstOffset === undefined ? {} : { firstOffset: thrown.firstOffset }) } };
    throw thrown;
  }
}

/** JSON.parse of a file's text, its first syntax error an InputError at its line and column. */
export function parseJsonValue(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (thrown) {
    const lines = new LineTable(text);
    throw syntaxError(text, thrown, (offset) => ({ file, ...lines.position(offset) }));
  }
}

/** The parsed file from its value and the scan of its text (scanJsonText, here or in another thread). */
export function parsedJson(file: string, text: string, value: unknown, scan: TextScan): ParsedFile {
  const lines = new LineTable(text);
  const at = (offset: number) => ({ file, ...lines.position(offset) });
  if ('lone' in scan) throw loneSurrogateError(scan.lone.code, at(scan.lone.offset));
  if ('problem' in scan) throw toInputError(new ScanError(scan.problem.offset, scan.problem.detail, scan.problem.firstOffset), at, lines);
  const positions = new PositionIndex(text, scan.positions);
  return {
    file,
    format: 'json',
    value,
    locate: (path: DocPath) => at(positions.locate(path)),
    release: () => {
      if (text.length <= KEEP_TEXT_CHARS) return;
      lines.detach();
      positions.detach();
    },
  };
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
    walkJson(text, true);
  } catch (e) {
    if (e instanceof ScanError) {
      if (e.firstOffset !== undefined) return toInputError(e, at, new LineTable(text));
      return new InputError(`invalid JSON: ${e.detail}`, at(e.offset));
    }
    throw e;
  }
  // The walk found nothing wrong (it should agree with JSON.parse): fall back to the engine's message.
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const m = /at position (\d+)/.exec(message);
  const offset = m ? Number(m[1]) : /end of JSON input/.test(message) ? text.length : 0;
  return new InputError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, at(offset));
}
