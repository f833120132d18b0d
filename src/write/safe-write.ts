import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writing files where others may have prepared the ground (issue 14): a CI workspace checked out from a pull
 * request, a shared admin folder. Three rules, for every file the tool writes:
 * - paths are compared after resolving symbolic links, so that a link cannot smuggle a report into the export
 *   folder or an export over its raw data;
 * - temporary files get an unpredictable name and are opened exclusively (O_CREAT|O_EXCL: 'wx'), so a link
 *   planted at the temporary name makes the write fail instead of following it;
 * - a folder is replaced only when the tool itself wrote everything in it (see MANIFEST).
 */

/** The real path of `p`: symbolic links resolved in the part that exists, the rest appended as given. */
export function realTarget(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let head = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...rest.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return abs;
      rest.push(path.basename(head));
      head = parent;
    }
  }
}

/** Whether `child` is `parent` or inside it (both real paths). */
export function isSameOrInside(child: string, parent: string): boolean {
  return child === parent || (child + path.sep).startsWith(parent + path.sep);
}

/** A fresh, unpredictable name beside `target` for its temporary file: `.name.<random>.tmp`. */
function tempNameBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(8).toString('hex')}.tmp`);
}

/** What a file is written from: a string or bytes, or pieces of either written one after the other. */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

/** A file written to its temporary name and not yet in place: `commit` renames it over the target, `discard` removes it. */
export interface PendingFile {
  commit(): void;
  discard(): void;
}

/**
 * Writes `content` to `target` whole or not at all: an exclusively created temporary file beside it, then a
 * rename over it (a rename replaces a link at `target` itself, never the file the link points to). Mode 0644
 * at most, whatever the umask allows (a 002 umask would make a policy cache entry group-writable, and so
 * untrusted: see policy/cache.ts). The folder must exist. Content given in pieces is written piece by piece,
 * so a report of a million findings is never one string in memory.
 */
export function writeFileAtomically(target: string, content: FileContent): void {
  prepareFileAtomically(target, content).commit();
}

/**
 * The first half of writeFileAtomically: the whole content written to the exclusively created temporary
 * file, which is left for the caller to commit (rename into place) or discard. Several reports can so be
 * written first and put in place together, none of them if one fails.
 */
export function prepareFileAtomically(target: string, content: FileContent): PendingFile {
  const tmp = tempNameBeside(target);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    if (typeof content === 'string' || content instanceof Uint8Array) fs.writeFileSync(fd, content);
    // writeFileSync on a descriptor writes at its current position and loops until the piece is all written.
    else for (const piece of content) fs.writeFileSync(fd, piece);
    fs.closeSync(fd);
    fd = undefined;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    // Only a file this call created is removed: 'wx' failing on a planted link leaves the link alone.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(tmp, { force: true });
    throw e;
  }
  let settled = false;
  return {
    commit() {
      if (settled) return;
      settled = true;
      try {
        fs.renameSync(tmp, target);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
    },
    discard() {
      if (settled) return;
      settled = true;
      fs.rmSync(tmp, { force: true });
    },
  };
}

/**
 * The file a folder written by shareguard holds beside its content: what wrote it (`kind`) and every file it
 * wrote. A later run replaces the folder only when it finds this file, of the same kind, and nothing else
 * than the files it lists: anything a person (or another run of another kind) put there is never deleted.
 */
export const MANIFEST = '.shareguard-written.json';

export interface WrittenManifest {
  kind: string;
  files: string[];
}

export function manifestText(kind: string, files: Iterable<string>): string {
  return `${JSON.stringify({ kind, files: [...files].sort() }, null, 2)}\n`;
}

/** The manifest of a folder, or undefined when it has none (or one that is not ours). */
export function readManifest(dir: string): WrittenManifest | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { kind, files } = value as Record<string, unknown>;
    if (typeof kind !== 'string' || !Array.isArray(files) || !files.every((f) => typeof f === 'string')) return undefined;
    return { kind, files: files as string[] };
  } catch {
    return undefined;
  }
}
