import type { DocPath } from '../document/types.js';
import type { SourcePosition } from '../errors.js';

/** Documents (any parsed YAML or JSON file) are the stage below: src/document/. */
export type { DocPath, ParsedFile } from '../document/types.js';

/**
 * How far loading has got, for a progress display: files read and parsed, then objects (list entries and
 * settings sections) checked against the schema, each out of the total known at that point.
 */
export interface LoadProgress {
  step: 'read' | 'validate';
  done: number;
  total: number;
}

// The sections of the export (schema version 1) and the kind findings give each list section's objects are
// described once, in the tenant model's description.
export { KIND_OF_SECTION, LIST_SECTIONS, OBJECT_SECTIONS, type ListSection, type ObjectSection, type SectionName } from '../tenant-model/description.js';
import type { ListSection, ObjectSection, SectionName } from '../tenant-model/description.js';

/** The sections themselves, as plain data: objects for settings sections, lists for list sections. */
export type ExportSections = Partial<Record<ObjectSection, Record<string, unknown>>> & Partial<Record<ListSection, Record<string, unknown>[]>>;

/**
 * The merged export: list sections concatenated across files (each object remembers where it came from),
 * object sections merged key by key. A section absent from every file is absent here.
 */
export interface MergedExport extends ExportSections {
  files: string[];
  sections: Partial<Record<SectionName, true>>;
  /** What the files' `collection.missing` say could not be read (written by shareguard import and collect). */
  notCollected?: { section: string; reason: string }[];
  /** The files' `collection.warnings` that name a section they limit, as not-evaluated reasons. */
  importWarnings?: { section: string; reason: string }[];
  /** Where things are: `${kind}:${id}` for list objects, `section:${name}` and `setting:${dotted.path}` for settings. */
  locations: LocationIndex;
}

export interface LocationIndex {
  /** Position of a list object by kind and id (kind as in KIND_OF_SECTION). */
  object(kind: string, id: string): SourcePosition | undefined;
  /** Position of a field inside a list object, e.g. ('flow', id, ['environmentId']); may re-read the file. */
  field(kind: string, id: string, path: DocPath): SourcePosition | undefined;
  /** Position of a setting by dotted path, e.g. 'externalCollaboration.guestUserAccess'; falls back to its section. */
  setting(dottedPath: string): SourcePosition | undefined;
}
