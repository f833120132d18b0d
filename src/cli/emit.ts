import type { ScanResult } from '../findings/types.js';
import { formatters } from '../format/index.js';
import { checkDestination, useColour, writeReport } from './output.js';
import type { ReportOptions } from './report-options.js';
import type { ReportTarget } from './targets.js';

/**
 * Writes one report per target. Every report is rendered and every destination checked before anything is
 * written, so a bad --out leaves no half-set of reports behind; each file is then written whole or not at
 * all. Colour only for text going to a terminal. `options` carries what sarif and junit need (reportOptions).
 */
export function emitReports(result: ScanResult, targets: readonly ReportTarget[], inputs: string[], options: ReportOptions = {}): void {
  const rendered = targets.map((t) => ({
    ...t,
    content: formatters[t.format](result, { ...options, color: !t.file && t.format === 'text' && useColour(process.stdout) }),
  }));
  for (const r of rendered) if (r.file) checkDestination(r.file, inputs);
  for (const r of rendered) {
    if (r.file) writeReport(r.file, r.content, inputs);
    else process.stdout.write(r.content);
  }
}
