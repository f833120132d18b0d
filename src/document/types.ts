import type { SourcePosition } from '../errors.js';

/** A path into a parsed document: keys and array indexes, e.g. ['flows', 3, 'environmentId']. */
export type DocPath = ReadonlyArray<string | number>;

/** One export file, parsed, with a way back from a path in its value to a place in its text. */
export interface ParsedFile {
  /** The file as the user named it (relative to the working directory when it was given relative). */
  file: string;
  format: 'yaml' | 'json';
  /** The document's value (built without prototype pollution: see document/safe-object). */
  value: unknown;
  /**
   * Where the node at `path` starts. Falls back to the nearest existing parent (Spectral's habit), and to
   * line 1, column 1 of the file when nothing matches. Cheap for paths up to depth 2 (a section, an object
   * in a section list); deeper paths may re-read the file, which only happens on error paths.
   */
  locate(path: DocPath): SourcePosition;
  /** Where the key of the last path component starts (YAML); parsers that do not track keys omit it. */
  locateKey?(path: DocPath): SourcePosition;
  /**
   * Once loading has checked the file (every error that needs a deep position is reported by then): lets go
   * of what only that needed. A large JSON file keeps its line table and the positions to depth 2 (each
   * section, each object of a list: what findings point at) and drops its text, so a deeper path resolves to
   * its nearest recorded ancestor from then on (parse-json.ts, KEEP_TEXT_CHARS). Absent for YAML.
   */
  release?(): void;
}

