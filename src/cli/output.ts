import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isSameOrInside, prepareFileAtomically, realTarget, type FileContent, type PendingFile } from '../write/safe-write.js';

/**
 * Writes a report whole or not at all (an exclusively created temporary file in the same folder, then a rename),
 * and never over one of the run's inputs nor inside the export being scanned: the tool does not write into the
 * export directory. The content may come in pieces (a chunked formatter's), written one after the other.
 */
export function writeReport(file: string, content: FileContent, inputs: string[]): void {
  prepareReport(file, content, inputs).commit();
}

/**
 * writeReport's first half: the destination checked and the report written to its temporary file, to be put in
 * place (commit) or dropped (discard) by the caller. Errors of either half are usage errors naming the file.
 */
export function prepareReport(file: string, content: FileContent, inputs: string[]): PendingFile {
  checkDestination(file, inputs);
  const failed = (e: unknown) => new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  let pending: PendingFile;
  try {
    pending = prepareFileAtomically(path.resolve(file), content);
  } catch (e) {
    throw failed(e);
  }
  return {
    commit() {
      try {
        pending.commit();
      } catch (e) {
        throw failed(e);
      }
    },
    discard: () => pending.discard(),
  };
}

/**
 * Throws a UsageError when a report would be written over an input of the run (an export file, the config, the
 * waivers, a baseline) or inside an export directory. Paths are compared after resolving symbolic links, so a
 * link to the export folder is the export folder.
 */
export function checkDestination(file: string, inputs: readonly string[]): void {
  const target = realTarget(file);
  for (const input of inputs) {
    const abs = realTarget(input);
    if (target === abs) throw new UsageError(`--out ${file} is one of this run's inputs (${input}); write the report elsewhere`);
    if (isDirectory(abs) && isSameOrInside(target, abs)) {
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
