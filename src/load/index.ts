import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError, InputErrors, ShareguardError } from '../errors.js';
import { validateParsed } from '../schema/validate.js';
import { describeFsError } from '../document/fs-error.js';
import { SCAN_IN_THREAD_BYTES, parseFileScanned } from '../document/parse.js';
import { TextScanner } from '../document/json/scan-thread.js';
import { discoverFiles, type DiscoverOptions } from './discover.js';
import { mergeFiles } from './merge.js';
import { LIST_SECTIONS, type LoadProgress, type MergedExport, type ParsedFile } from './types.js';

export { discoverFiles, isExportFileName } from './discover.js';
export type { DiscoverOptions } from './discover.js';
export { mergeFiles } from './merge.js';
export { validateFile, validateParsed } from '../schema/validate.js';
export * from './types.js';
export { parseFile } from '../document/parse.js';

/**
 * At most this many export files are open at once. Reading all of them together failed with EMFILE once an
 * export was split into more files than the open-file limit (`ulimit -n`: 256 on macOS by default, 1024 on
 * most Linux systems, less in some containers). 64 stays well under the smallest of these, leaves room for what
 * else the process has open (the policy bundle, the report), and keeps the disk busy: libuv's thread pool runs
 * 4 reads at a time anyway, so more in flight gains nothing.
 */
export const MAX_OPEN_FILES = 64;

/**
 * Files read ahead of the one being parsed. Parsing is synchronous, so more reads in flight only hold more
 * bytes in memory: 4 keeps libuv's 4 file-system threads busy while one file parses.
 */
const READ_AHEAD = Math.min(4, MAX_OPEN_FILES);

/** `items.map(work)` with at most `limit` calls in flight; results in the order of `items`. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface LoadOptions {
  /** Directory relative paths are resolved against (default: process.cwd()). File names in messages stay as given. */
  cwd?: string;
  /** Called after each file is read and parsed, and after each file is validated (see LoadProgress). */
  onProgress?: (progress: LoadProgress) => void;
}

/** Reads one export file; an unreadable file is an InputError naming it. */
export async function readExportFile(file: string, options: LoadOptions = {}): Promise<Uint8Array> {
  try {
    return await fs.readFile(path.resolve(options.cwd ?? process.cwd(), file));
  } catch (thrown) {
    throw new InputError(`${file}: cannot read the file (${describeFsError(thrown)})`);
  }
}

/**
 * Paths (files or directories) → the merged, validated export: discover, read, parse, validate, merge.
 * Every stage reports all the problems it finds across all files at once (InputErrors) before the next starts.
 */
export async function loadExport(paths: string[], options: LoadOptions = {}): Promise<MergedExport> {
  const discoverOptions: DiscoverOptions = options.cwd === undefined ? {} : { cwd: options.cwd };
  const files = await discoverFiles(paths, discoverOptions);
  const progress = options.onProgress ?? (() => {});
  // Each file is parsed as soon as it is read and its bytes dropped, a few reads ahead: reading every file
  // first held the whole export twice (bytes, then text and values), 1,090 MiB at the parse step of the
  // 300,000-user bench tenant (330 MiB of JSON in 15 files) against 548 MiB for a bare JSON.parse.
  // A large JSON file's text is scanned (positions, duplicate keys) in a thread of its own while this one
  // parses it and the next files (document/json/scan-thread.ts): started for the first such file, stopped here.
  let scanner: TextScanner | undefined;
  let read = 0;
  const outcomes = await mapBounded(files, READ_AHEAD, async (file): Promise<ParsedFile | InputError> => {
    let outcome: ParsedFile | InputError;
    try {
      const bytes = await readExportFile(file, options);
      if (!scanner && bytes.byteLength >= SCAN_IN_THREAD_BYTES) scanner = TextScanner.start();
      outcome = await parseFileScanned(file, bytes, scanner);
    } catch (thrown) {
      outcome = asInputError(thrown);
    }
    progress({ step: 'read', done: ++read, total: files.length });
    return outcome;
  }).finally(() => scanner?.close());
  // Problems in the order of the files, whichever read finished first.
  const errors = outcomes.filter((o): o is InputError => o instanceof InputError);
  const parsed = outcomes.filter((o): o is ParsedFile => !(o instanceof InputError));
  if (errors.length > 0) throw new InputErrors(errors);
  const objects = parsed.map(countObjects);
  const total = objects.reduce((a, b) => a + b, 0);
  let validated = 0;
  validateParsed(parsed, (i) => progress({ step: 'validate', done: (validated += objects[i] ?? 0), total }));
  const merged = mergeFiles(parsed);
  // The location index keeps each ParsedFile for the positions of findings, not its value (the merged export
  // holds the objects from here on) nor its text: the texts were 330 MiB of the 1,085 MiB heap of the bench's
  // 300,000-user tenant once loaded, for positions deeper than an object that nothing asks for after loading.
  for (const file of parsed) {
    file.value = undefined;
    file.release?.();
  }
  return merged;
}

/** The objects a file holds, as progress counts them: each entry of a list section, and each settings section. */
export function countObjects(parsed: ParsedFile): number {
  const root = parsed.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return 0;
  let n = 0;
  for (const [key, value] of Object.entries(root)) {
    if ((LIST_SECTIONS as readonly string[]).includes(key)) n += Array.isArray(value) ? value.length : 0;
    else if (key !== 'schemaVersion' && value !== null && typeof value === 'object') n += 1;
  }
  return n;
}

function asInputError(thrown: unknown): InputError {
  if (thrown instanceof InputError) return thrown;
  if (thrown instanceof ShareguardError) return new InputError(thrown.message);
  throw thrown;
}
