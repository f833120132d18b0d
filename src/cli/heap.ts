import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { UsageError } from '../errors.js';
import { discoverFiles } from '../load/index.js';

const MIB = 1024 * 1024;

/**
 * JavaScript heap a scan needs for an export of `bytes` of files. Loading peaks at about 4.5 times the
 * export's size (the bench's 300,000-user tenant: 1,471 MiB for 330 MiB of files, the texts, parsed values,
 * source positions and the normalised model), and a sharded scan builds each shard's JSON beside it: 5 times
 * plus 256 MiB for the rest of the process. The policy engine's memory is WebAssembly's, outside this heap.
 */
export function heapNeededBytes(exportBytes: number): number {
  return exportBytes * 5 + 256 * MIB;
}

/**
 * Before loading: would this export fit the heap this process may use? Node stops a process that outgrows
 * it with "JavaScript heap out of memory" after minutes of garbage collection, which looks like a hang and
 * then a crash. Exit 2 instead, naming the figure and how to give more (or that the machine has too little).
 */
export function checkHeapFor(exportBytes: number, limit = v8.getHeapStatistics().heap_size_limit, total = os.totalmem()): void {
  const needed = heapNeededBytes(exportBytes);
  if (needed <= limit) return;
  const neededMiB = Math.ceil(needed / MIB);
  const what = `scanning this export (${Math.ceil(exportBytes / MIB)} MiB of files) needs about ${neededMiB} MiB of JavaScript heap, and this process may use ${Math.floor(limit / MIB)} MiB`;
  if (needed > total * 0.9) {
    throw new UsageError(`${what}; this machine has ${Math.floor(total / MIB)} MiB of memory in all: scan it on a machine with more`);
  }
  const flag = Math.ceil(needed / (256 * MIB)) * 256;
  throw new UsageError(`${what}: run it with NODE_OPTIONS=--max-old-space-size=${flag} (this machine has ${Math.floor(total / MIB)} MiB)`);
}

/** The export files' total size, as discovery finds them (unreadable ones count as nothing here; loading reports them). */
export async function exportBytes(paths: string[]): Promise<number> {
  let bytes = 0;
  for (const file of await discoverFiles(paths)) {
    try {
      bytes += fs.statSync(file).size;
    } catch {
      // Loading names the file that cannot be read.
    }
  }
  return bytes;
}
