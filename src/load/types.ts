import type { SourcePosition } from '../errors.js';

/** A path into a parsed document: keys and array indexes, e.g. ['flows', 3, 'environmentId']. */
export type DocPath = ReadonlyArray<string | number>;

/** One export file, parsed, with a way back from a path in its value to a place in its text. */
export interface ParsedFile {
  /** The file as the user named it (relative to the working directory when it was given relative). */
  file: string;
  format: 'yaml' | 'json';
  /** The document's value (built without prototype pollution: see load/safe-object). */
  value: unknown;
  /**
   * Where the node at `path` starts. Falls back to the nearest existing parent (Spectral's habit), and to
   * line 1, column 1 of the file when nothing matches. Cheap for paths up to depth 2 (a section, an object
   * in a section list); deeper paths may re-read the file, which only happens on error paths.
   */
  locate(path: DocPath): SourcePosition;
  /** Where the key of the last path component starts (YAML); parsers that do not track keys omit it. */
  locateKey?(path: DocPath): SourcePosition;
}

/**
 * How far loading has got, for a progress display: files read and parsed, then objects (list entries and
 * settings sections) checked against the schema, each out of the total known at that point.
 */
export interface LoadProgress {
  step: 'read' | 'validate';
  done: number;
  total: number;
}

/** The sections of the export, as in the tenant model (schema version 1). */
export const LIST_SECTIONS = ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps', 'sites', 'teams'] as const;
export const OBJECT_SECTIONS = ['tenant', 'externalCollaboration', 'powerPlatform', 'sharePoint', 'teamsSettings'] as const;
export type ListSection = (typeof LIST_SECTIONS)[number];
export type ObjectSection = (typeof OBJECT_SECTIONS)[number];
export type SectionName = ListSection | ObjectSection;

/** Resource kinds as findings name them; one per list section plus the tenant. */
export const KIND_OF_SECTION: Record<ListSection, string> = {
  users: 'user',
  groups: 'group',
  environments: 'environment',
  dlpPolicies: 'dlpPolicy',
  flows: 'flow',
  apps: 'app',
  sites: 'site',
  teams: 'team',
};

/**
 * The merged export: list sections concatenated across files (each object remembers where it came from),
 * object sections merged key by key. A section absent from every file is absent here.
 */
export interface MergedExport {
  files: string[];
  sections: Partial<Record<SectionName, true>>;
  tenant?: Record<string, unknown>;
  externalCollaboration?: Record<string, unknown>;
  powerPlatform?: Record<string, unknown>;
  sharePoint?: Record<string, unknown>;
  teamsSettings?: Record<string, unknown>;
  users?: Record<string, unknown>[];
  groups?: Record<string, unknown>[];
  environments?: Record<string, unknown>[];
  dlpPolicies?: Record<string, unknown>[];
  flows?: Record<string, unknown>[];
  apps?: Record<string, unknown>[];
  sites?: Record<string, unknown>[];
  teams?: Record<string, unknown>[];
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
