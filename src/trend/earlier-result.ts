import type { SourcePosition } from '../errors.js';
import type { Finding, ReportHeader } from '../findings/types.js';
import { baselineFromDocument } from '../gate/baseline-file.js';
import { readDocument } from '../load/document.js';
import { hasOwn, isRecord } from '../load/safe-object.js';
import type { ParsedFile } from '../load/types.js';

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
  const { source, findings } = baselineFromDocument(parsed, 'earlier result');
  const root = parsed.value as Record<string, unknown>;
  const tenant = isRecord(root.tenant) ? root.tenant : {};
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const hasTenant = isRecord(root.tenant);
  return {
    source,
    findings,
    asOf: text(root.asOf),
    tenant: { id: text(tenant.id), displayName: text(tenant.displayName) },
    tenantLocation: parsed.locate(hasTenant ? (hasOwn(tenant, 'id') ? ['tenant', 'id'] : ['tenant']) : []),
  };
}
