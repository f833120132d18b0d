import fg from 'fast-glob';

export interface WalkOptions {
  /** A glob of the paths wanted, relative to the folder (default: everything). */
  pattern?: string;
  /**
   * Skip what a user's tree holds beside their files: names starting with '.' (.git, editor folders) and
   * node_modules folders. Off for folders shareguard wrote itself, where every file counts.
   */
  skipHidden?: boolean;
  /**
   * Also list symbolic links (as they are: never followed, never descended into). For code that must see a
   * link to refuse or replace it; without this only regular files are listed.
   */
  links?: boolean;
}

/**
 * The one directory walk: the files below `dir`, as paths relative to it with '/' separators, sorted by UTF-16
 * code units (the same order on every platform and locale). Symbolic links are never followed, so a link to
 * a folder outside `dir` cannot pull files in, and a link cycle cannot loop. An unreadable folder inside `dir`
 * is an error (fast-glob's suppressErrors is off), as a failed readdir was; a missing `dir` lists nothing.
 */
export function filesBelow(dir: string, options: WalkOptions = {}): string[] {
  return entriesBelow(dir, options).map((e) => e.path);
}

/** filesBelow, saying of each whether it is a symbolic link (only with `links`) or a regular file. */
export function entriesBelow(dir: string, options: WalkOptions = {}): { path: string; link: boolean }[] {
  const entries = fg.sync(options.pattern ?? '**', {
    cwd: dir,
    dot: !options.skipHidden,
    ignore: options.skipHidden ? ['**/node_modules/**'] : [],
    followSymbolicLinks: false,
    onlyFiles: false,
    objectMode: true,
    suppressErrors: false,
  });
  return entries
    .filter((e) => e.dirent.isFile() || (options.links === true && e.dirent.isSymbolicLink()))
    .map((e) => ({ path: e.path, link: e.dirent.isSymbolicLink() }))
    .sort((x, y) => byCodeUnits(x.path, y.path));
}

export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
