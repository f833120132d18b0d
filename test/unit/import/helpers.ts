import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, InputErrors } from '../../../src/errors.js';
import { importExport } from '../../../src/import/index.js';

export const IMPORT_FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/import');
export const FABRIKAM = path.join(IMPORT_FIXTURES, 'fabrikam-raw');
export const CONTOSO_RAW = path.join(IMPORT_FIXTURES, 'contoso-raw');

type Rec = Record<string, any>;

/** The export document imported from a raw folder. */
export function imported(dir: string): Rec {
  return importExport(dir).imported.document as Rec;
}

export function byId(list: Rec[] | undefined, id: string): Rec {
  const found = (list ?? []).find((x) => x.id === id);
  if (!found) throw new Error(`no object ${id}`);
  return found;
}

/** A copy of a fixture folder in a temporary place, to be changed by a test. */
export function copyFixture(dir: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-import-'));
  fs.cpSync(dir, tmp, { recursive: true });
  return tmp;
}

/** Replaces or removes (text undefined) one file of a copied fixture. */
export function setFile(root: string, rel: string, text: string | undefined): void {
  const file = path.join(root, rel);
  if (text === undefined) fs.rmSync(file);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** The messages of the input error(s) that fn throws; fails when it throws nothing or something else. */
export function inputErrors(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors.map((x) => x.message);
    if (e instanceof InputError) return [e.message];
    throw e;
  }
  throw new Error('expected an input error');
}
