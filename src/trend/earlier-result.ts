import type { SourcePosition } from '../errors.js';
import type { Finding, ReportHeader } from '../findings/types.js';
import { baselineFromDocument } from '../gate/baseline-file.js';
import { readDocument } from '../document/read.js';
import type { ParsedFile } from '../document/types.js';

/** An earlier audit's result (`scan --output json`), read for `scan --compare`. */
export interface EarlierResult {
  source: string;
  findings: readonly Finding[];
  /** Its "as of" instant, when the document gives one. */
  asOf: string | null;
  tenant: ReportHeader['tenant'];
  /** Where its tenant is written, for the error when it is another tenant's. */
  tenantLocation: SourcePosition;
}

/**
 * Reads an earlier `scan --output json` result. It is checked as a baseline is (same errors at
 * file:line:column, exit code 2); its tenant and as-of are read besides, when the document has them.
 */
export function loadEarlierResult(file: string): EarlierResult {
  return earlierResultFromDocument(readDocument(file));
}

export function earlierResultFromDocument(parsed: ParsedFile): EarlierResult {
  const { source, findings, tenant, tenantLocation } = baselineFromDocument(parsed, 'earlier result');
  const asOf = (parsed.value as Record<string, unknown>).asOf;
  return {
    source,
    findings,
    asOf: typeof asOf === 'string' && asOf !== '' ? asOf : null,
    tenant: tenant ?? { id: null, displayName: null },
    tenantLocation: tenantLocation ?? parsed.locate([]),
  };
}
