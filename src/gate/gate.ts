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
}

/** A scan result → the same result compared with the baseline, with waivers attached and the gate's verdict. */
export function applyGate(result: ScanResult, options: GateOptions): ScanResult & { gate: NonNullable<ScanResult['gate']> } {
  let out = result;
  if (options.baseline) out = compareWithBaseline(out, options.baseline);
  if (options.waivers) out = applyWaivers(out, options.waivers);
  return { ...out, gate: gateVerdict(out.findings, options.failOn) };
}
