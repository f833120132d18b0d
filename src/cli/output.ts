import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Writes a report whole or not at all (a temporary file in the same folder, then a rename), and never
 * inside the export being scanned: the tool does not write into the export directory.
 */
export function writeReport(file: string, content: string, inputs: string[]): void {
  checkDestination(file, inputs);
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Throws a UsageError when a report would be written over an export file or inside an export directory. */
export function checkDestination(file: string, inputs: readonly string[]): void {
  const target = path.resolve(file);
  for (const input of inputs) {
    const abs = path.resolve(input);
    const dir = isDirectory(abs) ? abs : undefined;
    if (target === abs || (dir && (target + path.sep).startsWith(dir + path.sep))) {
      throw new UsageError(`--out ${file} is inside the export being scanned (${input}); write the report elsewhere`);
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}
