import fs from 'node:fs';
import { InputError } from '../errors.js';
import { describeFsError } from '../load/discover.js';
import { importRawFolder, type ImportedExport } from './assemble.js';
import { findScubaGearExport, importScubaGear } from './scubagear.js';
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
  if (scuba) {
    imported = importScubaGear(scuba);
    kind = 'scubagear';
  } else if (stat.isDirectory()) {
    imported = importRawFolder(input);
    kind = 'raw';
  } else {
    throw new InputError(`${input}: not a raw data folder, and not a ScubaGear provider export (ProviderSettingsExport.json)`);
  }
  validateImported(imported, input);
  return { imported, files: exportFiles(imported.document), kind };
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
  return `${lines.join('\n')}\n`;
}

/** One line per section in the export, e.g. "users: 47", for the summary. */
export function describeSections(document: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const name of ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps']) {
    const list = document[name];
    if (Array.isArray(list)) lines.push(`${name}: ${list.length}`);
  }
  for (const name of ['tenant', 'externalCollaboration', 'powerPlatform']) if (document[name]) lines.push(`${name}: yes`);
  return lines;
}
