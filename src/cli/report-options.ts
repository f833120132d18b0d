import path from 'node:path';
import { enabledControls, type ScanConfig } from '../config/config.js';
import type { PolicyBundle } from '../engine/bundle.js';
import type { FormatOptions } from '../format/index.js';
import { discoverFiles } from '../load/discover.js';

/** What the report formats need besides the result and colour (decided per report by emitReports). */
export type ReportOptions = Omit<FormatOptions, 'color'>;

/**
 * The controls the scan ran (the bundle's, built-in and custom, less those turned off in the configuration), the working directory,
 * and the export's root file for findings without a location (of the export that is reported: HEAD for diff).
 */
export async function reportOptions(paths: readonly string[], config: ScanConfig, bundle: PolicyBundle): Promise<ReportOptions> {
  const controls = enabledControls(bundle.manifest.controls, config.controls);
  const rootFile = await exportRootFile(paths);
  return { controls, cwd: process.cwd(), ...(rootFile ? { fallbackFile: rootFile } : {}) };
}

/**
 * The export's root file: of the files a scan of `paths` reads, the one fewest folders deep (for an export
 * directory, a file at its top such as tenant.yaml), the first in reading order among equals.
 */
export async function exportRootFile(paths: readonly string[]): Promise<string | undefined> {
  const files = await discoverFiles(paths).catch(() => [] as string[]);
  const depth = (f: string) => path.normalize(f).split(/[\\/]/).filter((s) => s !== '' && s !== '.').length;
  let best: string | undefined;
  for (const f of files) if (best === undefined || depth(f) < depth(best)) best = f;
  return best;
}
