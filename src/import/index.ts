import fs from 'node:fs';
import path from 'node:path';
import { forTextLines } from '../format/neutralise.js';
import { InputError } from '../errors.js';
import { describeFsError } from '../load/discover.js';
import { importRawFolder, reportIgnoredFiles, type IgnoredFile, type ImportedExport } from './assemble.js';
import { ENDPOINTS as LAYOUT } from './layout.js';
import { findScubaGearExport, importScubaGear, SCUBAGEAR_READS } from './scubagear.js';
import { validateImported } from './validate-import.js';
import { exportFiles } from './write-export.js';

export type { ImportedExport } from './assemble.js';
export { ENDPOINTS, type Endpoint, type ImportWarning, type MissingSection } from './layout.js';
import type { ImportWarning } from './layout.js';

/** An export ready to be written: its files (name → JSON text) and what went into it. */
export interface ImportResult {
  imported: ImportedExport;
  files: Map<string, string>;
  /** 'raw' for a folder in the collect layout, 'scubagear' for a ScubaGear provider export. */
  kind: 'raw' | 'scubagear';
}

/**
 * Raw data (a folder in the collect layout, a ScubaGear ProviderSettingsExport.json, or a folder holding one)
 * → a validated schema-v1 export. Throws InputError(s) naming the raw file and line on bad input.
 */
export function importExport(input: string): ImportResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (thrown) {
    throw new InputError(`${input}: ${describeFsError(thrown)}`);
  }
  const scuba = findScubaGearExport(input, stat.isDirectory());
  let imported: ImportedExport;
  let kind: ImportResult['kind'];
  let ignored: IgnoredFile[] = [];
  if (scuba) {
    imported = importScubaGear(scuba);
    kind = 'scubagear';
    // Raw responses beside the ScubaGear export were imported as a raw folder: check that folder the same way.
    const folder = path.dirname(scuba);
    if (['graph', 'powerplatform'].some((d) => fs.existsSync(path.join(folder, d)))) {
      ignored = reportIgnoredFiles(imported.context, [path.basename(scuba)]);
    }
  } else if (stat.isDirectory()) {
    imported = importRawFolder(input);
    kind = 'raw';
    ignored = reportIgnoredFiles(imported.context);
  } else {
    throw new InputError(`${input}: not a raw data folder, and not a ScubaGear provider export (ProviderSettingsExport.json)`);
  }
  requireUsable(imported.document, kind === 'scubagear' ? scuba! : input, kind, ignored);
  validateImported(imported, input);
  return { imported, files: exportFiles(imported.document), kind };
}

/** The export sections a control reads; an import must yield at least one of them. */
const USABLE_SECTIONS = ['tenant', 'externalCollaboration', 'powerPlatform', 'sharePoint', 'teamsSettings', 'users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps', 'sites', 'teams'] as const;


/** How many ignored files an "imported nothing" error names. */
const NAMED_IGNORED = 8;

/**
 * An import that yields no section a control can read is an input error, not an empty export with exit 0: a scan
 * of it would evaluate nothing and could read as clean. Sections listed as not collected do not count; an
 * empty listing (collected, with no items) does, since it is data.
 */
function requireUsable(document: Record<string, unknown>, input: string, kind: ImportResult['kind'], ignored: readonly IgnoredFile[]): void {
  const usable = USABLE_SECTIONS.some((name) => {
    const value = document[name];
    if (value === undefined || value === null) return false;
    return name !== 'externalCollaboration' || Object.keys(value as object).length > 0;
  });
  if (usable) return;
  let detail: string;
  if (kind === 'scubagear') {
    detail = `this ScubaGear provider export yields no export section: it holds none of ${SCUBAGEAR_READS.join(', ')}`;
  } else {
    const lookedFor = Object.values(LAYOUT)
      .filter((e) => !e.section.includes('['))
      .map((e) => `${e.file}.json`);
    detail = `no export section could be made from this folder: none of the raw layout's files that make a section is here (looked for ${lookedFor.join(', ')}; see docs/import.md)`;
    if (ignored.length > 0) {
      const named = ignored.slice(0, NAMED_IGNORED).map((f) => `${f.rel} (${f.message.replace(/^ignored: /, '')})`);
      detail += `; found and ignored ${ignored.length} file(s): ${named.join('; ')}${ignored.length > NAMED_IGNORED ? '; …' : ''}`;
    }
  }
  throw new InputError(`${input}: nothing a control can use was imported: ${detail}`);
}

/**
 * What `import` and `collect` print when done: the headline, a line per section written, what was not
 * collected (a scan reports it as not evaluated) and the importer's notes.
 */
export function importSummary(headline: string, imported: { document: Record<string, unknown>; missing: { section: string; reason: string }[]; notes: string[]; warnings?: readonly ImportWarning[] }): string {
  const lines = [headline, ...describeSections(imported.document).map((l) => `  ${l}`)];
  if (imported.missing.length > 0) {
    lines.push(`not collected (${imported.missing.length}; a scan reports these as not evaluated):`);
    for (const m of imported.missing) lines.push(`  ${m.section}: ${m.reason}`);
  }
  const warnings = imported.warnings ?? [];
  if (warnings.length > 0) {
    lines.push(`warnings (${warnings.length}; recorded in the export's collection.warnings):`);
    for (const w of warnings) lines.push(`  ${w.source}: ${w.message}`);
  }
  for (const note of imported.notes) lines.push(`note: ${note}`);
  // Warnings and notes quote names and ids from the raw data: one line each, whatever they hold.
  return `${forTextLines(lines)}\n`;
}

/** One line per section in the export, e.g. "users: 47", for the summary. */
export function describeSections(document: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const name of ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps', 'sites', 'teams']) {
    const list = document[name];
    if (Array.isArray(list)) lines.push(`${name}: ${list.length}`);
  }
  for (const name of ['tenant', 'externalCollaboration', 'powerPlatform', 'sharePoint', 'teamsSettings']) if (document[name]) lines.push(`${name}: yes`);
  return lines;
}
