import { atOrAbove, type Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { applyWaivers } from '../waivers/apply.js';
import type { WaiverFile } from '../waivers/load.js';
import { compareWithBaseline, type Baseline } from './baseline.js';

export type FailOn = Severity | 'none';

/** A finding the gate judges: not waived and, when there is a baseline, new. */
export function judgedByGate(f: Finding): boolean {
  return f.waiver === undefined && f.baselineState !== 'unchanged';
}

/** How many findings fail the gate: judged by it and at or above the threshold ("none": never any). */
export function gateVerdict(findings: readonly Finding[], failOn: FailOn): NonNullable<ScanResult['gate']> {
  const failing = failOn === 'none' ? 0 : findings.filter((f) => judgedByGate(f) && atOrAbove(f.severity, failOn)).length;
  return { failOn, failing };
}

export interface GateOptions {
  failOn: FailOn;
  baseline?: Baseline;
  waivers?: WaiverFile;
  /** Whether a control looked at everything in this run (see rechecked); default yes. */
  rechecked?: (controlId: string) => boolean;
}

/**
 * Which controls looked at everything in a run: enabled (`ran`) and reporting nothing as not evaluated. A
 * baseline finding of any other control that is gone is not counted as resolved.
 */
export function rechecked(result: ScanResult, ran: Iterable<string>): (controlId: string) => boolean {
  const partial = new Set(result.summary.notEvaluated.flatMap((n) => n.controls));
  const full = new Set([...ran].filter((id) => !partial.has(id)));
  return (id) => full.has(id);
}

/** A scan result → the same result compared with the baseline, with waivers attached and the gate's verdict. */
export function applyGate(result: ScanResult, options: GateOptions): ScanResult & { gate: NonNullable<ScanResult['gate']> } {
  let out = result;
  if (options.baseline) out = compareWithBaseline(out, options.baseline, options.rechecked);
  if (options.waivers) out = applyWaivers(out, options.waivers);
  return { ...out, gate: gateVerdict(out.findings, options.failOn) };
}
