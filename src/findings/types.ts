import type { SourcePosition } from '../errors.js';
import type { Severity } from './severity.js';

export interface ObjectRef {
  kind: string;
  id: string;
  displayName: string;
}

/** One finding, exactly the fields of the documented JSON output. */
export interface Finding {
  controlId: string;
  severity: Severity;
  title: string;
  message: string;
  resource: ObjectRef;
  principal?: ObjectRef;
  remediation: string;
  fingerprint: string;
  location?: SourcePosition;
  references: string[];
}

export interface NotEvaluated {
  section: string;
  controls: string[];
  reason: string;
}

export interface ScanSummary {
  total: number;
  counts: Record<Severity, number>;
  notEvaluated: NotEvaluated[];
  controls: number;
  objects: Record<string, number>;
  unknownPrincipals: number;
  danglingDlpEnvironmentRefs: number;
  files: number;
}

/** What every report document starts with: format version, the tool, the tenant, the "as of" instant. */
export interface ReportHeader {
  schemaVersion: 1;
  tool: { name: string; version: string };
  tenant: { id: string | null; displayName: string | null };
  asOf: string;
}

export interface ScanResult extends ReportHeader {
  summary: ScanSummary;
  findings: Finding[];
}
