import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from '../load/discover.js';
import { parseFile } from '../load/index.js';
import { isRecord } from '../document/safe-object.js';
import { decodeUtf8 } from '../document/decode.js';
import { pageFile } from './layout.js';
import { RawNode, rootNode } from './node.js';

/**
 * A folder of raw responses laid out as `collect` writes it (see layout.ts). Reads a file at most once, parses it
 * with positions, and turns a paged listing into one list of items. A file that is absent means the request was
 * not made (not collected); a file that is present must be a well-formed response of the expected shape.
 */
export class RawDir {
  private readonly cache = new Map<string, RawNode>();
  /** Files read so far, relative to the folder ('/' separators). */
  readonly used = new Set<string>();

  constructor(readonly root: string) {}

  /** The name a message uses for a file: the folder as given, joined with the relative path. */
  shown(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  exists(rel: string): boolean {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(this.shown(rel));
    } catch {
      return false;
    }
    this.refuseLinks(rel, stat);
    return stat.isFile();
  }

  /**
   * A raw folder is data others may have prepared (issue 14): a symbolic link in it could make the import read,
   * copy into the export or quote in an error any file the user can read (~/.ssh, /etc/passwd). Links are not
   * followed, whether the file itself or a folder above it is the link.
   */
  private refuseLinks(rel: string, stat: fs.Stats): void {
    const shown = this.shown(rel);
    if (stat.isSymbolicLink()) throw new InputError(`${shown}: a symbolic link; the import reads only files inside the raw folder and follows no links`);
    let real: string;
    try {
      real = fs.realpathSync(shown);
    } catch {
      return;
    }
    const root = (this.realRoot ??= fs.realpathSync(this.root));
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new InputError(`${shown}: lies behind a symbolic link to a folder outside the raw folder; the import follows no links`);
    }
  }

  private realRoot: string | undefined;

  /** Whether the first page (or the only response) of `file` is there. */
  has(file: string): boolean {
    return this.exists(pageFile(file, 1));
  }

  /** The parsed response at `rel` (a path with `.json`); the file counts as used by the import. */
  read(rel: string): RawNode {
    const cached = this.cache.get(rel);
    if (cached) return cached;
    const node = this.parse(rel);
    this.cache.set(rel, node);
    this.used.add(rel);
    return node;
  }

  /**
   * Parses the file at `rel` without counting it as used: how a file no section reads is still checked, so that
   * a broken response is an error wherever it lies (it may be the one the user meant to be read).
   */
  parse(rel: string): RawNode {
    const shown = this.shown(rel);
    let bytes: Buffer;
    try {
      this.refuseLinks(rel, fs.lstatSync(shown));
      bytes = fs.readFileSync(shown);
    } catch (thrown) {
      if (thrown instanceof InputError) throw thrown;
      throw new InputError(`${shown}: cannot read the file (${describeFsError(thrown)})`);
    }
    const text = decodeUtf8(shown, bytes);
    const start = text.search(/\S/);
    if (start === -1) throw new InputError('the file is empty; expected a JSON response', { file: shown, line: 1, column: 1 });
    if (text[start] === '<') {
      throw new InputError('this is an HTML page, not a JSON response (an error or sign-in page saved in its place?)', {
        file: shown,
        line: 1,
        column: 1,
      });
    }
    return rootNode(parseFile(shown, text));
  }

  /** The single response of a non-paged request, or undefined when it was not collected. */
  single(file: string): RawNode | undefined {
    return this.has(file) ? this.read(pageFile(file, 1)) : undefined;
  }

  /**
   * The items of a paged listing (the `value` arrays of `file.json`, `file.2.json`, … in order), or undefined
   * when it was not collected. A page that names a next page (`@odata.nextLink` or `nextLink`) whose file is
   * missing is an error: the listing would look complete when it is not. A bare JSON array (what a cmdlet's
   * `ConvertTo-Json` leaves) is accepted as a single page of items.
   */
  list(file: string): RawNode[] | undefined {
    if (!this.has(file)) return undefined;
    const items: RawNode[] = [];
    for (let page = 1; ; page++) {
      const rel = pageFile(file, page);
      const node = this.read(rel);
      if (Array.isArray(node.value)) {
        items.push(...node.items());
      } else {
        node.requireObject('a listing: an object with a "value" array');
        const value = node.at('value');
        if (!Array.isArray(value.value)) {
          throw node.error(`expected a listing with a "value" array, found ${isRecord(node.value) ? `an object with keys ${Object.keys(node.value).slice(0, 6).join(', ')}` : 'something else'} (is this the response of another request?)`);
        }
        items.push(...value.items());
      }
      const next = nextLink(node);
      const nextRel = pageFile(file, page + 1);
      if (next) {
        if (!this.exists(nextRel)) {
          throw node.at(next.key).error(`this page links to a next page but ${this.shown(nextRel)} is missing: the listing is incomplete`);
        }
        continue;
      }
      if (this.exists(nextRel)) {
        throw node.error(`this page has no next link but ${this.shown(nextRel)} exists: pages do not belong together`);
      }
      return items;
    }
  }

  /** Names of the sub-folders of `dir` (e.g. the group ids below graph/v1.0/groups), sorted. */
  subfolders(dir: string): string[] {
    try {
      return fs
        .readdirSync(this.shown(dir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch {
      return [];
    }
  }

  /**
   * Every file in the folder, relative ('/' separators), sorted, and the hidden folders (a name starting with
   * a dot: .git, .vscode, …) that were not looked into: they hold tool state, never responses, and are reported
   * as one ignored entry each rather than file by file.
   */
  allFiles(): { files: string[]; hiddenFolders: string[] } {
    const files: string[] = [];
    const hiddenFolders: string[] = [];
    const walk = (rel: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(this.shown(rel || '.'), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (entry.name.startsWith('.')) hiddenFolders.push(child);
          else walk(child);
        } else files.push(child);
      }
    };
    walk('');
    return { files: files.sort(), hiddenFolders: hiddenFolders.sort() };
  }
}

function nextLink(page: RawNode): { key: string } | undefined {
  for (const key of ['@odata.nextLink', 'nextLink']) {
    const link = page.at(key);
    if (typeof link.value === 'string' && link.value !== '') return { key };
  }
  return undefined;
}
