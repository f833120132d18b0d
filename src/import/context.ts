import { formatPosition } from '../errors.js';
import type { Endpoint, ImportWarning, MissingSection } from './layout.js';
import type { RawNode } from './node.js';
import type { RawDir } from './raw-dir.js';

export type Rec = Record<string, unknown>;

/**
 * What every source reader shares while one raw folder is imported: the folder, the sections found missing
 * (with the reason `collect` recorded, when it recorded one), notes for the summary, and where each mapped
 * object came from (so a schema problem in the result can be reported at the raw file and line).
 */
export class ImportContext {
  readonly missing: MissingSection[] = [];
  readonly notes: string[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly origins = new WeakMap<object, RawNode>();

  constructor(
    readonly raw: RawDir,
    /** Reasons recorded by `collect` (collection.json), by section. */
    private readonly recorded: readonly MissingSection[] = [],
  ) {}

  /** Records that `section` could not be read; the reason is collect's when it gave one, else the absent file. */
  notCollected(section: string, endpoint: Endpoint, file: string = endpoint.file): void {
    if (this.missing.some((m) => m.section === section)) return;
    const recorded = this.recorded.find((m) => m.section === section);
    const reason = recorded?.reason ?? `not collected: ${file}.json is not in the raw folder (needs ${endpoint.permission})`;
    this.missing.push({ section, reason });
  }

  /** Records a missing section with a reason of its own. */
  missingBecause(section: string, reason: string): void {
    if (this.missing.some((m) => m.section === section)) return;
    const recorded = this.recorded.find((m) => m.section === section);
    this.missing.push({ section, reason: recorded?.reason ?? reason });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /**
   * Records a cross-file inconsistency that the import resolved by a stated rule, or kept: `message` says what
   * was found and what was done, `at` is the raw place it was found, `section` the export section or field it
   * limits (a scan lists it under "Not evaluated" there), null when it limits none.
   */
  warn(at: RawNode, message: string, section: string | null): void {
    this.warnAt(formatPosition(at.file.locate(at.path)), message, section);
  }

  /** The same, at a place given as text (`file:line:col`, or a folder): for a file that has no parsed node. */
  warnAt(source: string, message: string, section: string | null): void {
    if (this.warnings.some((w) => w.message === message && w.source === source)) return;
    this.warnings.push({ section, message, source });
  }

  /** Remembers the raw node an output object came from; returns the object. */
  track<T extends object>(value: T, from: RawNode): T {
    this.origins.set(value, from);
    return value;
  }

  originOf(value: object): RawNode | undefined {
    return this.origins.get(value);
  }
}
