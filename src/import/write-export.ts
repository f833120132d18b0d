import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Rec } from './context.js';

/** The files an import or collect writes, and the sections each holds. */
export const EXPORT_FILES: ReadonlyArray<{ name: string; sections: readonly string[] }> = [
  { name: 'tenant.json', sections: ['tenant', 'externalCollaboration', 'powerPlatform', 'collection'] },
  { name: 'users.json', sections: ['users'] },
  { name: 'groups.json', sections: ['groups'] },
  { name: 'environments.json', sections: ['environments'] },
  { name: 'dlp-policies.json', sections: ['dlpPolicies'] },
  { name: 'flows.json', sections: ['flows'] },
  { name: 'apps.json', sections: ['apps'] },
];

/** The export document split into files: name → JSON text. Files with no section are left out. */
export function exportFiles(document: Rec): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, sections } of EXPORT_FILES) {
    const part: Rec = { schemaVersion: 1 };
    for (const s of sections) if (document[s] !== undefined) part[s] = document[s];
    if (Object.keys(part).length > 1) out.set(name, `${JSON.stringify(part, null, 2)}\n`);
  }
  return out;
}

/**
 * Writes a folder whole or not at all: into a temporary folder beside it, then renamed into place. An existing
 * folder is replaced only when it is empty or holds nothing but files this tool writes; and the folder is never
 * inside one of `protectedDirs` (the raw data being imported), nor one of them inside it.
 */
export function writeFolderAtomically(target: string, files: Map<string, string>, protectedDirs: readonly string[], flag = '--out'): void {
  const dest = path.resolve(target);
  for (const dir of protectedDirs) {
    const p = path.resolve(dir);
    if (dest === p || isInside(dest, p) || isInside(p, dest)) {
      throw new UsageError(`${flag} ${target} overlaps the raw data folder ${dir}; write the export elsewhere`);
    }
  }
  const known = new Set([...EXPORT_FILES.map((f) => f.name), ...files.keys()]);
  if (fs.existsSync(dest)) {
    if (!fs.statSync(dest).isDirectory()) throw new UsageError(`${flag} ${target} exists and is not a folder`);
    const strangers = listFiles(dest).filter((f) => !known.has(f) && !isRawFile(f));
    if (strangers.length > 0) {
      throw new UsageError(`${flag} ${target} already holds other files (${strangers.slice(0, 3).join(', ')}${strangers.length > 3 ? ', …' : ''}); give an empty or new folder`);
    }
  }
  const parent = path.dirname(dest);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dest)}.tmp-`));
  const old = `${tmp}.old`;
  try {
    for (const [name, text] of files) {
      const file = path.join(tmp, ...name.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    if (fs.existsSync(dest)) fs.renameSync(dest, old);
    fs.renameSync(tmp, dest);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    if (!fs.existsSync(dest) && fs.existsSync(old)) fs.renameSync(old, dest);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new UsageError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function isInside(child: string, parent: string): boolean {
  return (child + path.sep).startsWith(parent + path.sep) && child !== parent;
}

/** Files below `dir`, relative with '/' separators. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out;
}

/** A raw response folder written by collect --raw-out is replaced the same way. */
function isRawFile(rel: string): boolean {
  return rel === 'collection.json' || rel.startsWith('graph/') || rel.startsWith('powerplatform/');
}
