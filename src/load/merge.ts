import { formatPosition, InputError, InputErrors, type SourcePosition } from '../errors.js';
import { limitErrors } from './report.js';
import { defineOwn, hasOwn, isRecord, jsonEqual, type PlainRecord } from './safe-object.js';
import {
  KIND_OF_SECTION,
  LIST_SECTIONS,
  OBJECT_SECTIONS,
  type ListSection,
  type LocationIndex,
  type MergedExport,
  type ObjectSection,
  type ParsedFile,
  type SectionName,
} from './types.js';

/** How messages name one object of each list section. */
const LABEL: Record<ListSection, string> = {
  users: 'user',
  groups: 'group',
  environments: 'environment',
  dlpPolicies: 'DLP policy',
  flows: 'flow',
  apps: 'app',
  sites: 'site',
  teams: 'team',
};

/** Where one list object came from. */
interface Origin {
  file: ParsedFile;
  section: ListSection;
  index: number;
}

/**
 * Merges validated files into one export. List sections are concatenated in file order; object sections are
 * merged key by key (a key set to different values in two files is an error; null means "not known" and gives
 * way to a value). Then ids must be unique per list, and structural references must resolve when the section
 * they point to is present: flows' and apps' environmentId, environments' securityGroupId. References to
 * principals are never checked here. All problems found are thrown together as InputErrors.
 */
export function mergeFiles(files: readonly ParsedFile[]): MergedExport {
  const errors: InputError[] = [];
  const sections: Partial<Record<SectionName, true>> = {};
  const lists: Partial<Record<ListSection, PlainRecord[]>> = {};
  const listOrigins: Partial<Record<ListSection, Origin[]>> = {};
  const objects: Partial<Record<ObjectSection, PlainRecord>> = {};
  const sectionFiles = new Map<SectionName, ParsedFile[]>();
  /** `${section}.${key}` → the file that set that key of an object section. */
  const settingOrigins = new Map<string, ParsedFile>();
  const byKind = new Map<string, Map<string, Origin>>();

  for (const file of files) {
    const root = file.value;
    if (!isRecord(root)) continue;

    for (const section of LIST_SECTIONS) {
      if (!hasOwn(root, section)) continue;
      const items = root[section];
      if (!Array.isArray(items)) continue;
      sections[section] = true;
      pushTo(sectionFiles, section, file);
      const out = (lists[section] ??= []);
      const origins = (listOrigins[section] ??= []);
      const kind = KIND_OF_SECTION[section];
      const ids = byKind.get(kind) ?? new Map<string, Origin>();
      byKind.set(kind, ids);
      items.forEach((item: unknown, index: number) => {
        if (!isRecord(item)) return;
        const origin: Origin = { file, section, index };
        out.push(item);
        origins.push(origin);
        const id = item.id;
        if (typeof id !== 'string') return;
        const first = ids.get(id);
        if (first) {
          const firstAt = first.file.locate([first.section, first.index]);
          errors.push(
            new InputError(
              `duplicate ${LABEL[section]} id ${JSON.stringify(id)} (first defined at ${formatPosition(firstAt)})`,
              file.locate([section, index]),
            ),
          );
        } else {
          ids.set(id, origin);
        }
      });
    }

    for (const section of OBJECT_SECTIONS) {
      if (!hasOwn(root, section)) continue;
      const source = root[section];
      if (!isRecord(source)) continue;
      sections[section] = true;
      pushTo(sectionFiles, section, file);
      const target = (objects[section] ??= {});
      for (const key of Object.keys(source)) {
        const value = source[key];
        const where = `${section}.${key}`;
        const firstFile = settingOrigins.get(where);
        if (!firstFile || target[key] === null) {
          if (firstFile && value === null) continue;
          defineOwn(target, key, value);
          settingOrigins.set(where, file);
        } else if (value !== null && !jsonEqual(target[key], value)) {
          const firstAt = firstFile.locate([section, key]);
          errors.push(
            new InputError(
              `conflicting values for ${where}: ${preview(value)} here but ${preview(target[key])} at ${formatPosition(firstAt)}`,
              file.locate([section, key]),
            ),
          );
        }
      }
    }
  }

  // ---- structural references ----
  const idsOf = (section: ListSection): Set<string> | undefined => {
    if (!sections[section]) return undefined;
    const set = new Set<string>();
    for (const item of lists[section] ?? []) if (typeof item.id === 'string') set.add(item.id);
    return set;
  };
  const environmentIds = idsOf('environments');
  const groupIds = idsOf('groups');
  const where = (section: SectionName) => `${section}: ${(sectionFiles.get(section) ?? []).map((f) => f.file).join(', ')}`;

  const checkRef = (section: ListSection, field: string, targets: Set<string> | undefined, target: ListSection) => {
    if (!targets) return;
    const items = lists[section] ?? [];
    const origins = listOrigins[section] ?? [];
    items.forEach((item, i) => {
      const ref = item[field];
      if (typeof ref !== 'string' || targets.has(ref)) return;
      const origin = origins[i] as Origin;
      errors.push(
        new InputError(
          `${describeObject(section, item)} has ${field} ${JSON.stringify(ref)} but no such ${LABEL[target]} is defined (${where(target)})`,
          origin.file.locate([origin.section, origin.index, field]),
        ),
      );
    });
  };
  checkRef('flows', 'environmentId', environmentIds, 'environments');
  checkRef('apps', 'environmentId', environmentIds, 'environments');
  checkRef('environments', 'securityGroupId', groupIds, 'groups');

  if (errors.length > 0) throw new InputErrors(limitErrors(errors, files.map((f) => f.file)));

  const merged: MergedExport = {
    files: files.map((f) => f.file),
    sections,
    locations: locationIndex(byKind, sectionFiles, settingOrigins, objects.tenant),
  };
  for (const section of OBJECT_SECTIONS) {
    const value = objects[section];
    if (value) merged[section] = value;
  }
  for (const section of LIST_SECTIONS) {
    const value = lists[section];
    if (value) merged[section] = value;
  }
  const { missing, warnings } = collectionRecords(files);
  if (missing.length > 0) merged.notCollected = missing;
  if (warnings.length > 0) merged.importWarnings = warnings;
  return merged;
}

/**
 * What the files' collection records say (schema-checked already): the `missing` entries, one per section, and
 * the import warnings that limit a section (e.g. flows whose connections could not all be matched) as
 * not-evaluated reasons: the data is there, but not all of it can be trusted to be whole.
 */
function collectionRecords(files: readonly ParsedFile[]): { missing: { section: string; reason: string }[]; warnings: { section: string; reason: string }[] } {
  const missing: { section: string; reason: string }[] = [];
  const warnings: { section: string; reason: string }[] = [];
  const entries = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
  for (const file of files) {
    const root = file.value;
    if (!isRecord(root) || !isRecord(root.collection)) continue;
    for (const m of entries(root.collection.missing)) {
      if (typeof m.section !== 'string' || typeof m.reason !== 'string') continue;
      if (!missing.some((o) => o.section === m.section)) missing.push({ section: m.section, reason: m.reason });
    }
    for (const w of entries(root.collection.warnings)) {
      if (typeof w.section !== 'string' || typeof w.message !== 'string') continue;
      warnings.push({ section: w.section, reason: `import warning: ${w.message} (${String(w.source)})` });
    }
  }
  return { missing, warnings };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function describeObject(section: ListSection, item: PlainRecord): string {
  const name = typeof item.displayName === 'string' ? ` ${JSON.stringify(item.displayName)}` : '';
  const id = typeof item.id === 'string' ? item.id : '?';
  return name ? `${LABEL[section]}${name} (id ${id})` : `${LABEL[section]} ${JSON.stringify(id)}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The LocationIndex of a merged export: lookups only, positions computed when asked (nothing enumerable). */
function locationIndex(
  byKind: Map<string, Map<string, Origin>>,
  sectionFiles: Map<SectionName, ParsedFile[]>,
  settingOrigins: Map<string, ParsedFile>,
  tenant: PlainRecord | undefined,
): LocationIndex {
  const isTenant = (kind: string, id: string) => kind === 'tenant' && tenant !== undefined && tenant.id === id;
  const setting = (dottedPath: string): SourcePosition | undefined => {
    const parts = dottedPath.split('.');
    const section = parts[0] as SectionName;
    const first = sectionFiles.get(section)?.[0];
    if (!first) return undefined;
    if (parts.length === 1) return first.locate([section]);
    const file = settingOrigins.get(`${section}.${parts[1] ?? ''}`) ?? first;
    return file.locate(parts);
  };
  const index: LocationIndex = {
    object(kind, id) {
      const origin = byKind.get(kind)?.get(id);
      if (origin) return origin.file.locate([origin.section, origin.index]);
      return isTenant(kind, id) ? setting('tenant') : undefined;
    },
    field(kind, id, path) {
      const origin = byKind.get(kind)?.get(id);
      if (origin) return origin.file.locate([origin.section, origin.index, ...path]);
      return isTenant(kind, id) ? setting(['tenant', ...path].join('.')) : undefined;
    },
    setting,
  };
  for (const key of Object.keys(index)) Object.defineProperty(index, key, { enumerable: false });
  return index;
}
