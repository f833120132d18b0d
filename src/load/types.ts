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

/** The sections of the export, as in the tenant model (schema version 1). */
export const LIST_SECTIONS = ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps'] as const;
export const OBJECT_SECTIONS = ['tenant', 'externalCollaboration', 'powerPlatform'] as const;
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
  users?: Record<string, unknown>[];
  groups?: Record<string, unknown>[];
  environments?: Record<string, unknown>[];
  dlpPolicies?: Record<string, unknown>[];
  flows?: Record<string, unknown>[];
  apps?: Record<string, unknown>[];
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
