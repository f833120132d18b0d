import fs from 'node:fs';
import path from 'node:path';
import { InputError, InputErrors, UsageError } from '../errors.js';
import type { AppliedWaiver } from '../findings/types.js';
import { readDocument } from '../document/read.js';
import { schemaErrors } from '../schema/document-errors.js';
import { limitErrors } from '../document/report.js';
import { hasOwn, isRecord } from '../document/safe-object.js';
import type { ParsedFile } from '../document/types.js';
import { shippedSchema } from '../schema/ajv.js';
import { describeValue, formatValue } from '../schema/explain.js';
import { fieldsOf } from '../schema/type-fields.js';

/** Where shareguard looks for waivers, relative to the working directory, when --waivers is not given. */
export const DEFAULT_WAIVERS_FILE = path.join('.shareguard', 'waivers.yaml');

/** The only waivers file version this build reads. */
const SUPPORTED_VERSION = 1;

const shipped = shippedSchema('waivers.schema.json');

/** Where the schema lives: <package>/schemas. */
export const WAIVERS_SCHEMA_URL = shipped.url;

/** A waivers file, read and checked: its waivers in file order. */
export interface WaiverFile {
  source: string;
  waivers: AppliedWaiver[];
}

/** The waivers file to read: the one named, else .shareguard/waivers.yaml in cwd when it exists, else none. */
export function findWaivers(explicit: string | undefined, cwd = process.cwd()): string | undefined {
  if (explicit !== undefined) {
    if (explicit === '') throw new UsageError('--waivers needs a file name');
    if (!fs.existsSync(path.resolve(cwd, explicit))) throw new UsageError(`--waivers ${explicit}: no such file`);
    return explicit;
  }
  return fs.existsSync(path.join(cwd, DEFAULT_WAIVERS_FILE)) ? DEFAULT_WAIVERS_FILE : undefined;
}

/**
 * Reads and checks a waivers file. Every problem is an InputError at file:line:column: malformed YAML or
 * JSON, a file of another tool, a newer schemaVersion, a schema violation, and (when `knownControls` is
 * given) a control id no control has, which would otherwise only show up later as a stale waiver.
 */
export function loadWaivers(file: string, knownControls?: readonly string[]): WaiverFile {
  return waiversFromDocument(readDocument(file), knownControls);
}

export function waiversFromDocument(parsed: ParsedFile, knownControls?: readonly string[]): WaiverFile {
  checkKind(parsed);
  const errors = schemaErrors(parsed, shipped.validate()).map(renameRoot);
  const value = parsed.value as { waivers: RawWaiver[] };
  if (errors.length === 0 && knownControls) {
    const known = new Set(knownControls);
    value.waivers.forEach((w, i) => {
      if (!known.has(w.control)) {
        errors.push(new InputError(`waivers[${i}].control ${formatValue(w.control)} is not a shareguard control (see \`shareguard controls\`)`, parsed.locate(['waivers', i, 'control'])));
      }
    });
  }
  if (errors.length > 0) throw new InputErrors(limitErrors(errors, [parsed.file]));
  return {
    source: parsed.file,
    waivers: value.waivers.map((w, i) => ({
      controlId: w.control,
      resource: w.resource,
      ...(w.principal !== undefined ? { principal: w.principal } : {}),
      reason: w.reason,
      owner: w.owner,
      expires: w.expires,
      location: parsed.locate(['waivers', i]),
    })),
  };
}

interface RawWaiver {
  control: string;
  resource: string;
  principal?: string;
  reason: string;
  owner: string;
  expires: string;
}

/** RawWaiver's fields at run time, held against schemas/waivers.schema.json by test/unit/waivers/raw-waiver.test.ts. */
export const RAW_WAIVER_FIELDS = fieldsOf<RawWaiver>({
  all: { control: true, resource: true, principal: true, reason: true, owner: true, expires: true },
  required: { control: true, resource: true, reason: true, owner: true, expires: true },
});

/**
 * Before the schema: is this a waivers file at all, and one this version can read? A file of another tool
 * (a workflow, a shareguard.yaml, a scan result) would otherwise produce a screenful of schema errors.
 */
function checkKind(parsed: ParsedFile): void {
  const root = parsed.value;
  const expected = 'a waivers file has schemaVersion: 1 and a waivers list';
  if (!isRecord(root)) {
    const what = root === null || root === undefined ? 'the file is empty' : `the file holds ${describeValue(root)}`;
    throw new InputError(`${what}, not shareguard waivers; ${expected}`, parsed.locate([]));
  }
  if (!hasOwn(root, 'waivers')) {
    const keys = Object.keys(root).slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
    throw new InputError(`not a shareguard waivers file (it has ${keys || 'no keys'} and no waivers list); ${expected}`, parsed.locate([]));
  }
  const version = root.schemaVersion;
  if (typeof version === 'number' && version > SUPPORTED_VERSION) {
    throw new InputError(
      `waivers file schemaVersion ${version} is newer than this version of shareguard reads (${SUPPORTED_VERSION}); upgrade shareguard`,
      parsed.locate(['schemaVersion']),
    );
  }
}

/** Schema messages call the document's root "the export"; here it is the waivers file. */
function renameRoot(error: InputError): InputError {
  return error.detail.startsWith('the export') ? new InputError(`the waivers file${error.detail.slice('the export'.length)}`, error.position) : error;
}
