import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describeFsError } from '../document/fs-error.js';
import { entriesBelow } from '../files/walk.js';
import { InputError, InputErrors } from '../errors.js';

export { describeFsError } from '../document/fs-error.js';

export const EXPORT_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export interface DiscoverOptions {
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

/**
 * Paths as the user gave them (files or directories) → the export files to read, in a deterministic order:
 * the arguments in the order given, each directory's files sorted by path. A directory contributes every
 * *.yaml, *.yml and *.json below it, except dot files, anything under node_modules, and symbolic links that
 * lead out of the directory (symlinked directories are not descended into). A file reached twice is read once.
 * File names keep the form they were given in (relative stays relative).
 */
export async function discoverFiles(paths: readonly string[], options: DiscoverOptions = {}): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  if (paths.length === 0) throw new InputError('no export files or directories given');
  const files: string[] = [];
  const seen = new Set<string>();
  const errors: InputError[] = [];
  const add = async (shown: string, absolute: string) => {
    const key = await fs.realpath(absolute).catch(() => absolute);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(shown);
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (thrown) {
      errors.push(new InputError(`${given}: ${describeFsError(thrown)}`));
      continue;
    }
    if (stat.isDirectory()) {
      const found = await exportFilesIn(absolute);
      if (found.length === 0) {
        errors.push(new InputError(`${given}: no export files (*.yaml, *.yml, *.json) in this directory`));
        continue;
      }
      for (const rel of found) await add(path.join(given, rel), path.join(absolute, rel));
    } else if (stat.isFile()) {
      if (!isExportFileName(given)) {
        errors.push(new InputError(`${given}: not an export file (expected a .yaml, .yml or .json file)`));
        continue;
      }
      await add(given, absolute);
    } else {
      errors.push(new InputError(`${given}: not a regular file or directory`));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InputErrors(errors);
  return files;
}

export function isExportFileName(file: string): boolean {
  const ext = path.extname(file).toLowerCase();
  return (EXPORT_EXTENSIONS as readonly string[]).includes(ext);
}

/** Paths (relative to `root`, with '/' separators) of the export files below `root`, sorted. */
async function exportFilesIn(root: string): Promise<string[]> {
  const entries = entriesBelow(root, { pattern: '**/*.{yaml,yml,json}', skipHidden: true, links: true });
  const realRoot = await fs.realpath(root);
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.link) {
      out.push(entry.path);
    } else {
      // Keep a link only when it resolves to a regular file inside the directory.
      try {
        const target = await fs.realpath(path.join(root, entry.path));
        const rel = path.relative(realRoot, target);
        if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) continue;
        if ((await fs.stat(target)).isFile()) out.push(entry.path);
      } catch {
        // a dangling link: not an export file
      }
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
