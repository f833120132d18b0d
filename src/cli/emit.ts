import type { ScanResult } from '../findings/types.js';
import { renderChunks } from '../format/index.js';
import type { PendingFile } from '../write/safe-write.js';
import { checkDestination, prepareReport, useColour } from './output.js';
import type { ReportOptions } from './report-options.js';
import type { ReportTarget } from './targets.js';

/**
 * Writes one report per target. Every destination is checked, then every file report is rendered into its
 * temporary file, before any is put in place: a bad --out or a failure while writing leaves no half-set of
 * reports behind, and each file is written whole or not at all. Reports are rendered in pieces
 * (format/index.ts: renderChunks), so a million findings never make one string; reports for stdout are
 * printed last, piece by piece. Colour only for text going to a terminal. `options` carries what sarif and
 * junit need (reportOptions).
 */
export function emitReports(result: ScanResult, targets: readonly ReportTarget[], inputs: string[], options: ReportOptions = {}): void {
  const render = (t: ReportTarget) => renderChunks(t.format, result, { ...options, color: !t.file && t.format === 'text' && useColour(process.stdout) });
  for (const t of targets) if (t.file) checkDestination(t.file, inputs);
  const pending: PendingFile[] = [];
  try {
    for (const t of targets) if (t.file) pending.push(prepareReport(t.file, render(t), inputs));
    for (const p of pending) p.commit();
  } catch (e) {
    for (const p of pending) p.discard();
    throw e;
  }
  for (const t of targets) if (!t.file) for (const piece of render(t)) process.stdout.write(piece);
}
