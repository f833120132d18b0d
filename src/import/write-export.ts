import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isSameOrInside, MANIFEST, manifestText, readManifest, realTarget } from '../write/safe-write.js';
import type { Rec } from './context.js';
import { filesBelow } from '../files/walk.js';
import { EXPORT_FILES } from '../tenant-model/description.js';

/** The files an import or collect writes, and the sections each holds: from the model description. */
export { EXPORT_FILES };

/**
 * Objects of one list a file holds at most; a longer list is written as users-001.json, users-002.json …. One
 * file's text must fit a JavaScript string (512 MiB), and an export is read back file by file: 100,000 users
 * of the bench's tenant are about 70 MiB of JSON.
 */
export const MAX_OBJECTS_PER_FILE = 100_000;

/** The export document split into files: name → JSON text. Files with no section are left out. */
export function exportFiles(document: Rec, perFile = MAX_OBJECTS_PER_FILE): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, sections } of EXPORT_FILES) {
    const present = sections.filter((s) => document[s] !== undefined);
    if (present.length === 0) continue;
    const longest = Math.max(0, ...present.map((s) => (Array.isArray(document[s]) ? (document[s] as unknown[]).length : 0)));
    const chunks = Math.max(1, Math.ceil(longest / perFile));
    for (let c = 0; c < chunks; c++) {
      const part: Rec = { schemaVersion: 1 };
      for (const s of present) {
        const value = document[s];
        if (!Array.isArray(value)) {
          if (c === 0) part[s] = value;
        } else if (c * perFile < value.length || c === 0) part[s] = value.slice(c * perFile, (c + 1) * perFile);
      }
      // Numbered from 001 when there are several, so that they sort (and are read) in order.
      const file = chunks === 1 ? name : name.replace(/\.json$/, `-${String(c + 1).padStart(3, '0')}.json`);
      if (Object.keys(part).length > 1) out.set(file, `${JSON.stringify(part, null, 2)}\n`);
    }
  }
  return out;
}

/**
 * Writes a folder whole or not at all: into a temporary folder beside it, then renamed into place. The folder is
 * never inside one of `protectedDirs` (the raw data being imported), nor one of them inside it, compared after
 * resolving symbolic links. An existing folder is replaced only when it is empty or when shareguard wrote all of
 * it: its manifest (MANIFEST) is of the same kind (an export for --out, raw responses for --raw-out) and lists
 * every file in it. Exports written before manifests existed are recognised by their file names alone, raw
 * folders by their collection.json and nothing but .json responses below graph/ and powerplatform/.
 */
export function writeFolderAtomically(target: string, files: Map<string, string>, protectedDirs: readonly string[], flag = '--out'): void {
  const kind = flag === '--raw-out' ? 'raw' : 'export';
  const dest = realTarget(target);
  for (const dir of protectedDirs) {
    const p = realTarget(dir);
    if (isSameOrInside(dest, p) || isSameOrInside(p, dest)) {
      throw new UsageError(`${flag} ${target} overlaps the raw data folder ${dir}; write the export elsewhere`);
    }
  }
  if (isSymlink(path.resolve(target))) throw new UsageError(`${flag} ${target} is a symbolic link; give the folder itself`);
  if (fs.existsSync(dest)) {
    if (!fs.statSync(dest).isDirectory()) throw new UsageError(`${flag} ${target} exists and is not a folder`);
    const strangers = notWrittenByUs(dest, kind);
    if (strangers.length > 0) {
      throw new UsageError(
        `${flag} ${target} already holds files shareguard did not write there as ${kind === 'raw' ? 'raw responses' : 'an export'} (${strangers.slice(0, 3).join(', ')}${strangers.length > 3 ? ', …' : ''}); give an empty or new folder`,
      );
    }
  }
  const parent = path.dirname(dest);
  fs.mkdirSync(parent, { recursive: true });
  // mkdtemp creates a new folder with a random suffix (mode 0700): nothing can be planted inside it beforehand.
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dest)}.tmp-`));
  const old = `${tmp}.old`;
  try {
    for (const [name, text] of files) {
      const file = path.join(tmp, ...name.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text, { flag: 'wx' });
    }
    fs.writeFileSync(path.join(tmp, MANIFEST), manifestText(kind, files.keys()), { flag: 'wx' });
    fs.chmodSync(tmp, 0o755);
    if (fs.existsSync(dest)) fs.renameSync(dest, old);
    fs.renameSync(tmp, dest);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    if (!fs.existsSync(dest) && fs.existsSync(old)) fs.renameSync(old, dest);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new UsageError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The files in `dir` that a run writing `kind` may not delete (empty: the folder may be replaced). */
function notWrittenByUs(dir: string, kind: 'export' | 'raw'): string[] {
  const present = listFiles(dir);
  const manifest = readManifest(dir);
  if (manifest) {
    if (manifest.kind !== kind) return [`${MANIFEST} (written as ${manifest.kind === 'raw' ? 'raw responses' : 'an export'})`];
    const listed = new Set([...manifest.files, MANIFEST]);
    return present.filter((f) => !listed.has(f));
  }
  if (kind === 'export') {
    const names = new Set(EXPORT_FILES.map((f) => f.name));
    return present.filter((f) => !names.has(f));
  }
  if (!present.includes('collection.json')) return present;
  return present.filter((f) => f !== 'collection.json' && !/^(graph|powerplatform)\/[^]*\.json$/.test(f));
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Files below `dir`, relative with '/' separators (links are listed, never followed). */
function listFiles(dir: string): string[] {
  return filesBelow(dir, { links: true });
}
