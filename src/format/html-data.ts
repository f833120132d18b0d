import type { Finding, ScanResult } from '../findings/types.js';
import { changeOf } from './changes.js';
import { forHtmlShown, forScriptJson } from './neutralise.js';

/**
 * How the report carries its findings, by size.
 *
 * Up to FULL_DOCUMENT_MAX findings the page embeds the whole `--output json` document and renders every row,
 * as it always has: it reads without JavaScript and a reader can take the JSON out of it. Above that, a row's
 * markup and its JSON take some 2,350 bytes per finding (Contoso's findings), so 300,000 findings would make a
 * page of about 700 MB. The page then renders the first PAGE_SIZE rows and embeds the findings as columns over
 * a table of distinct strings, which the script pages through: the text findings repeat (their control's
 * title and remediation, kinds, file names, a principal met in many findings) is written once, and the page
 * takes about 390 bytes per finding (117 MiB for 300,000, which the browser test opens). The `--output json`
 * report remains the document to take the data from.
 */
export const FULL_DOCUMENT_MAX = 2000;
/** Rows the script shows at a time; the page shows the first ones before any script runs. */
export const PAGE_SIZE = 500;

/** Whether `result` is embedded as columns (html-data.ts) rather than as the JSON document. */
export function isCompact(result: ScanResult): boolean {
  return result.findings.length > FULL_DOCUMENT_MAX;
}

/**
 * The columns, one entry per finding of `result.findings` (index = data-index of its row). String columns
 * hold an index into `strings` (-1: absent, such as a finding with no principal or no location); `line` and
 * `column` hold numbers; `waived` 1 or 0. `references` is the finding's related controls joined by ", ".
 * Strings are as the page shows them (neutralise.ts: forHtmlShown: control characters escaped, bidirectional
 * controls named), since the script puts them on the page as text.
 */
export const STRING_COLUMNS = [
  'controlId', 'severity', 'title', 'message', 'remediation', 'fingerprint',
  'resourceKind', 'resourceId', 'resourceName', 'principalKind', 'principalId', 'principalName',
  'file', 'references', 'area', 'change',
] as const;
export const NUMBER_COLUMNS = ['line', 'column', 'waived'] as const;
type Column = (typeof STRING_COLUMNS)[number];

export interface CompactFindings {
  compact: 1;
  count: number;
  strings: string[];
  columns: Record<Column | (typeof NUMBER_COLUMNS)[number], number[]>;
}

/**
 * Columns whose values are nearly all different (a finding's message names its object; fingerprints are
 * unique): written to the string table as they come, without looking them up first. Looking every value up
 * in one map took 6.5 of 9 s for 300,000 findings (profiled on a shared 2-core machine); one map per column,
 * and none for these two, keeps each map small.
 */
const UNIQUE: ReadonlySet<Column> = new Set(['message', 'fingerprint']);

export function compactFindings(result: ScanResult, areaOf: (f: Finding) => string): CompactFindings {
  const strings: string[] = [];
  const interner = (column: Column) => {
    if (UNIQUE.has(column)) return (s: string | undefined) => (s === undefined ? -1 : strings.push(forHtmlShown(s)) - 1);
    const seen = new Map<string, number>();
    return (s: string | undefined): number => {
      if (s === undefined) return -1;
      let i = seen.get(s);
      if (i === undefined) {
        i = strings.push(forHtmlShown(s)) - 1;
        seen.set(s, i);
      }
      return i;
    };
  };
  const columns = Object.fromEntries([...STRING_COLUMNS, ...NUMBER_COLUMNS].map((c) => [c, [] as number[]])) as CompactFindings['columns'];
  const pick: Record<Column, (f: Finding) => string | undefined> = {
    controlId: (f) => f.controlId,
    severity: (f) => f.severity,
    title: (f) => f.title,
    message: (f) => f.message,
    remediation: (f) => f.remediation,
    fingerprint: (f) => f.fingerprint,
    resourceKind: (f) => f.resource.kind,
    resourceId: (f) => f.resource.id,
    resourceName: (f) => f.resource.displayName,
    principalKind: (f) => f.principal?.kind,
    principalId: (f) => f.principal?.id,
    principalName: (f) => f.principal?.displayName,
    file: (f) => f.location?.file,
    references: (f) => (f.references.length > 0 ? f.references.join(', ') : undefined),
    area: (f) => areaOf(f),
    change: (f) => changeOf(f, result),
  };
  // Column by column: one map alive at a time.
  for (const c of STRING_COLUMNS) {
    const intern = interner(c);
    const get = pick[c];
    const out = columns[c];
    for (const f of result.findings) out.push(intern(get(f)));
  }
  for (const f of result.findings) {
    columns.line.push(f.location?.line ?? 0);
    columns.column.push(f.location?.column ?? 0);
    columns.waived.push(f.waiver ? 1 : 0);
  }
  return { compact: 1, count: result.findings.length, strings, columns };
}

/**
 * The compact findings as the JSON text of the page's data block, in pieces: strings through forScriptJson
 * (neutralise.ts: no `<`, `>` or `&`, so nothing can end the script block), numbers as they are.
 */
export function* compactJsonChunks(data: CompactFindings, batch = 4096): Generator<string> {
  yield `{"compact":1,"count":${data.count},"strings":[`;
  for (let i = 0; i < data.strings.length; i += batch) {
    yield (i > 0 ? ',' : '') + data.strings.slice(i, i + batch).map((s) => forScriptJson(s)).join(',');
  }
  yield '],"columns":{';
  let first = true;
  for (const [name, values] of Object.entries(data.columns)) {
    yield `${first ? '' : ','}${forScriptJson(name)}:[`;
    first = false;
    for (let i = 0; i < values.length; i += batch * 4) yield (i > 0 ? ',' : '') + values.slice(i, i + batch * 4).join(',');
    yield ']';
  }
  yield '}}';
}
