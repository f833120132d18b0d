import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { PACKAGE_ROOT } from './opa.js';
import { filesBelow } from '../files/walk.js';

/** The built-in policies shipped with the package. */
export const BUILTIN_POLICIES = path.join(PACKAGE_ROOT, 'policies');

/** Where the built-in policies sit in a build (relative to where opa runs): the same in every build. */
export const BUILTIN_ROOT = 'policies';

/** Where custom policy directory number n (1-based) sits in a build: custom/1, custom/2, … */
export const CUSTOM_ROOT = 'custom';

/** One Rego file of a build. */
export interface SourceFile {
  /** Its path in the build, relative to where opa runs (forward slashes): policies/…, custom/1/… */
  staged: string;
  /** Where it is on disk. */
  absolute: string;
  /** How messages name it: the user's directory as given, joined with the path inside it. */
  shown: string;
  test: boolean;
}

export function isTestFile(name: string): boolean {
  return name.endsWith('_test.rego');
}

/** Every .rego file under dir, as paths relative to it (forward slashes), sorted; dot folders and node_modules skipped. */
export function regoFilesIn(dir: string): string[] {
  return filesBelow(dir, { pattern: '**/*.rego', skipHidden: true });
}

/**
 * The built-in Rego files: everything under policies/, less the controls when `controls` is false (the
 * helpers, derived views, platform rules and the main entrypoint stay: custom policies build on them).
 */
export function builtinSources(options: { controls: boolean; tests: boolean }): SourceFile[] {
  return regoFilesIn(BUILTIN_POLICIES)
    .filter((rel) => options.controls || !rel.startsWith('controls/'))
    .filter((rel) => options.tests || !isTestFile(rel))
    .map((rel) => ({ staged: `${BUILTIN_ROOT}/${rel}`, absolute: path.join(BUILTIN_POLICIES, rel), shown: path.join(BUILTIN_POLICIES, rel), test: isTestFile(rel) }));
}

/**
 * The Rego files of custom policy directories, numbered in the order given (custom/1, custom/2, …). A file
 * reached through two directories is taken once. A directory that is missing or holds no policy is a usage
 * error: a typo in --policy must not pass as "no custom findings".
 */
export function customSources(dirs: readonly string[], options: { tests: boolean }): SourceFile[] {
  const files: SourceFile[] = [];
  const seen = new Set<string>();
  dirs.forEach((dir, i) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      throw new UsageError(`policy directory ${dir}: no such directory`);
    }
    if (!stat.isDirectory()) throw new UsageError(`policy directory ${dir}: not a directory (give the folder that holds the .rego files)`);
    const found = regoFilesIn(dir);
    if (!found.some((rel) => !isTestFile(rel))) throw new UsageError(`policy directory ${dir}: no .rego policy files in it`);
    for (const rel of found) {
      const absolute = path.resolve(dir, rel);
      const real = fs.realpathSync(absolute);
      if (seen.has(real)) continue;
      seen.add(real);
      if (!options.tests && isTestFile(rel)) continue;
      files.push({ staged: `${CUSTOM_ROOT}/${i + 1}/${rel}`, absolute, shown: path.join(dir, rel), test: isTestFile(rel) });
    }
  });
  return files;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of every file, by staged path, sorted by path (the order the built-in manifest has always had). */
export function sourceHashes(files: readonly SourceFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) out[f.staged] = sha256(fs.readFileSync(f.absolute));
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Copies the files into dir at their staged paths. */
export function stageSources(files: readonly SourceFile[], dir: string): void {
  for (const f of files) {
    const target = path.join(dir, ...f.staged.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(f.absolute, target);
  }
}

/** Maps a path opa reports (staged, maybe with a leading slash) back to the file the user knows. */
export function shownPath(files: readonly SourceFile[], reported: string): string {
  const staged = reported.replace(/^\.?\//, '');
  return files.find((f) => f.staged === staged)?.shown ?? reported;
}
