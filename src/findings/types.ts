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
  /** Present when the run compared against a baseline (scan --baseline, diff): is this finding new? */
  baselineState?: BaselineState;
  /** Present when a waiver covers this finding: it is reported but does not fail the gate. */
  waiver?: AppliedWaiver;
  /** Present when the run was compared with an earlier audit (scan --compare): for the report only, never the gate. */
  trend?: BaselineState;
}

export type BaselineState = 'new' | 'unchanged';

/** The waiver that covers a finding, as written in the waivers file. */
export interface AppliedWaiver {
  controlId: string;
  /** The resource id, or a pattern (`*` wildcards) matching resource ids. */
  resource: string;
  /** When given, the principal id (or `*` pattern) the finding must name as well; without it any principal. */
  principal?: string;
  reason: string;
  owner: string;
  /** Date (YYYY-MM-DD) after which the waiver stops applying. */
  expires: string;
  /** Where the waiver is written. */
  location?: SourcePosition;
}

/** A waiver that no longer applies (expired) or matches no finding (stale). */
export interface WaiverProblem {
  kind: 'expired' | 'stale';
  waiver: AppliedWaiver;
  message: string;
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

/** The earlier audit a run was compared with (scan --compare): what the report's trend is measured against. */
export interface Comparison {
  /** The file the earlier result was read from. */
  source: string;
  /** The earlier audit's "as of" instant, when its document gives one. */
  asOf: string | null;
  /** The earlier audit's findings by severity (waived ones included, as in summary.counts). */
  counts: Record<Severity, number>;
  /** The earlier audit's findings that are gone now. */
  resolved: Finding[];
}

export interface ScanResult extends ReportHeader {
  /** When the export was taken (its tenant.exportedAt), when the export says. */
  exportedAt?: string;
  summary: ScanSummary;
  findings: Finding[];
  /** Present when compared with a baseline: where it came from and the findings it had that are gone now. */
  baseline?: {
    source: string;
    resolved: Finding[];
    /** Gone, but their control did not look at everything this time (off, or something not evaluated): not counted as resolved. */
    unverified?: Finding[];
  };
  /** Present when compared with an earlier audit (scan --compare): the trend the report shows; the gate ignores it. */
  comparison?: Comparison;
  /** Present when a waivers file was read. */
  waivers?: { source: string; applied: number; problems: WaiverProblem[] };
  /** The gate's verdict, present when the run had a --fail-on threshold: findings that count toward it. */
  gate?: { failOn: Severity | 'none'; failing: number };
}
