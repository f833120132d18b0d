import type { ScanResult } from '../findings/types.js';
import { scan, type ScanOptions } from '../scan.js';
import { checkHeapFor, exportBytes } from './heap.js';
import { ProgressLine } from './progress.js';

/**
 * A scan with the progress line on stderr (a terminal only, not with --quiet), erased however the scan ends,
 * so that an error message or the report starts on a clean line. `label` names the export when a command
 * scans two (diff). First, whether the export fits this process's heap (heap.ts): exit 2, not a crash.
 */
export async function scanWithProgress(paths: string[], options: ScanOptions, quiet: boolean | undefined, label?: string): Promise<ScanResult> {
  checkHeapFor(await exportBytes(paths));
  const progress = new ProgressLine(process.stderr, { quiet });
  try {
    return await scan(paths, { ...options, ...progress.callbacks(label) });
  } finally {
    progress.done();
  }
}
