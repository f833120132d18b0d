import fs from 'node:fs';
import path from 'node:path';
import { InputError, InputErrors, UsageError } from '../errors.js';
import { importExport, type ImportResult } from '../import/index.js';
import { COLLECTION_FILE, type MissingSection } from '../import/layout.js';
import { writeFolderAtomically } from '../import/write-export.js';
import { collectRaw, type ApiRoots } from './collector.js';
import type { HttpClient } from './http.js';
import type { Tokens } from './tokens.js';
import { filesBelow } from '../files/walk.js';

export { DEFAULT_POWER_PLATFORM, powerPlatformRoots, type ApiRoots } from './collector.js';
export { HttpClient } from './http.js';
export { Tokens } from './tokens.js';

export interface CollectRun {
  out: string;
  rawOut?: string;
  roots: ApiRoots;
  http: HttpClient;
  graphTokens: Tokens;
  powerPlatformTokens: Tokens;
  concurrency: number;
  onSaved?: () => void;
  /** The collection instant (default: now). */
  now?: Date;
}

export interface CollectResult {
  result: ImportResult;
  /** What could not be read because a request failed (or had no token), as opposed to what no API offers. */
  failures: MissingSection[];
}

/**
 * Fetches the raw responses into a temporary folder beside --out, records what could not be read in
 * collection.json, imports the folder exactly as `import` would, then writes the export (and, with --raw-out,
 * the raw folder) whole or not at all. An input error in a response names the URL it came from.
 */
export async function runCollect(run: CollectRun): Promise<CollectResult> {
  if (!run.graphTokens.available && !run.powerPlatformTokens.available) {
    throw new UsageError('no token: set SHAREGUARD_GRAPH_TOKEN and/or SHAREGUARD_POWERPLATFORM_TOKEN, or give --token-command / --powerplatform-token-command');
  }
  if (run.rawOut !== undefined) {
    const a = path.resolve(run.out);
    const b = path.resolve(run.rawOut);
    if (a === b || (a + path.sep).startsWith(b + path.sep) || (b + path.sep).startsWith(a + path.sep)) {
      throw new UsageError(`--raw-out ${run.rawOut} and --out ${run.out} must be separate folders`);
    }
  }
  const parent = path.dirname(path.resolve(run.out));
  fs.mkdirSync(parent, { recursive: true });
  const raw = fs.mkdtempSync(path.join(parent, '.shareguard-raw-'));
  try {
    const outcome = await collectRaw(raw, { ...run, ...(run.onSaved ? { onSaved: run.onSaved } : {}) });
    const record = { tool: 'shareguard collect', collectedAt: (run.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'), missing: outcome.failures };
    fs.writeFileSync(path.join(raw, COLLECTION_FILE), `${JSON.stringify(record, null, 2)}\n`);
    let result: ImportResult;
    try {
      result = importExport(raw);
    } catch (e) {
      throw namingUrls(e, raw, outcome.urls);
    }
    writeFolderAtomically(run.out, result.files, run.rawOut ? [run.rawOut] : []);
    if (run.rawOut !== undefined) writeFolderAtomically(run.rawOut, readTree(raw), [run.out], '--raw-out');
    return { result, failures: outcome.failures };
  } finally {
    fs.rmSync(raw, { recursive: true, force: true });
  }
}

/** Every file of a folder: relative path → text. */
function readTree(dir: string): Map<string, string> {
  return new Map(filesBelow(dir).map((rel) => [rel, fs.readFileSync(path.join(dir, rel), 'utf8')]));
}

/** Input errors about the temporary raw files → the same errors naming the URL each file came from. */
function namingUrls(e: unknown, raw: string, urls: Map<string, string>): unknown {
  const rename = (err: InputError): InputError => {
    const file = err.position?.file;
    if (!file || !file.startsWith(raw + path.sep)) return err;
    const rel = path.relative(raw, file).split(path.sep).join('/');
    const url = urls.get(rel) ?? rel;
    return new InputError(err.detail.replaceAll(raw + path.sep, ''), { ...err.position!, file: `GET ${url} (saved as ${rel})` });
  };
  if (e instanceof InputErrors) return new InputErrors(e.errors.map(rename));
  if (e instanceof InputError) return rename(e);
  return e;
}
