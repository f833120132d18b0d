import type { Finding, ScanResult } from '../findings/types.js';
import { changeOf } from './changes.js';
import { forCsvCell, forCsvField } from './neutralise.js';
import type { Formatter } from './types.js';

/** The columns, in order: the header row names them as written here. */
const COLUMNS: readonly [string, (f: Finding, result: ScanResult) => string | number | undefined][] = [
  ['controlId', (f) => f.controlId],
  ['severity', (f) => f.severity],
  ['title', (f) => f.title],
  ['resourceKind', (f) => f.resource.kind],
  ['resourceId', (f) => f.resource.id],
  ['resourceName', (f) => f.resource.displayName],
  ['principalKind', (f) => f.principal?.kind],
  ['principalId', (f) => f.principal?.id],
  ['principalName', (f) => f.principal?.displayName],
  ['message', (f) => f.message],
  ['file', (f) => f.location?.file],
  ['line', (f) => f.location?.line],
  ['column', (f) => f.location?.column],
  ['fingerprint', (f) => f.fingerprint],
  ['status', status],
  ['waiverOwner', (f) => f.waiver?.owner],
  ['waiverExpires', (f) => f.waiver?.expires],
];

/**
 * For spreadsheets: one row per finding under a header row, RFC 4180 (CRLF line ends, fields with a quote,
 * comma, CR or LF in double quotes, quotes doubled), UTF-8 without a byte order mark. Text that a spreadsheet
 * would take for a formula (starting with = + - @, tab or CR) is prefixed with a single quote: export data is
 * written by people outside the tenant (a guest's display name), and must not run when the file is opened.
 */
export const formatCsv: Formatter = (result) => {
  const header = COLUMNS.map(([name]) => name);
  const rows = result.findings.map((f) => COLUMNS.map(([, value]) => cell(value(f, result))));
  return [header, ...rows].map((r) => `${r.map(quote).join(',')}\r\n`).join('');
};

/** waived, else new or unchanged against the earlier run (--compare, else --baseline), else empty. */
function status(f: Finding, result: ScanResult): string | undefined {
  return f.waiver ? 'waived' : changeOf(f, result);
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  // Kept exactly (a spreadsheet reads back what the export said), formulas aside: docs/security-names.md says
  // why CSV is written with --out rather than printed to a CI log.
  return typeof value === 'number' ? String(value) : defuseFormula(value);
}

/** A cell that a spreadsheet would take for a formula, defused (neutralise.ts: forCsvCell). */
export const defuseFormula = forCsvCell;

/** RFC 4180 quoting (neutralise.ts: forCsvField). */
export const quote = forCsvField;
