import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../errors.js';
import { FORMATS, type FormatName } from '../format/index.js';

/** One report to produce: a format, and the file it goes to (none: stdout). */
export interface ReportTarget {
  format: FormatName;
  file?: string;
}

/** `--out -` sends that report to stdout, so that one format can go to the log while others go to files. */
export const STDOUT = '-';

/** commander argParser for a repeatable --output: checks the name and collects the values in order. */
export function collectFormat(value: string, previous: FormatName[] | undefined): FormatName[] {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(', ')}.`);
  return [...(previous ?? []), value as FormatName];
}

/** commander argParser for a repeatable option: collects the values in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Pairs the --output and --out flags in order: the n-th format goes to the n-th file. One format without
 * --out goes to stdout (text when no --output is given either), as a single --output always did. Anything
 * else that does not pair up, two reports to stdout or two to one file, is a usage error.
 */
export function reportTargets(outputs: readonly FormatName[] | undefined, outs: readonly string[] | undefined): ReportTarget[] {
  const formats: readonly FormatName[] = outputs && outputs.length > 0 ? outputs : ['text'];
  const files = outs ?? [];
  if (files.length === 0) {
    if (formats.length === 1) return [{ format: formats[0] as FormatName }];
    throw new UsageError(`${formats.length} --output formats need one --out each, in the same order (--out ${STDOUT} for the one that goes to stdout)`);
  }
  if (files.length !== formats.length) {
    throw new UsageError(
      `--output is given ${outputs?.length ?? 0} time(s) and --out ${files.length} time(s): give one --out per --output, in the same order (--out ${STDOUT} for stdout)`,
    );
  }
  const seen = new Set<string>();
  return formats.map((format, i) => {
    const file = files[i] as string;
    if (file === '') throw new UsageError('--out needs a file name');
    const key = file === STDOUT ? STDOUT : path.resolve(file);
    if (seen.has(key)) throw new UsageError(file === STDOUT ? `only one report can go to stdout (--out ${STDOUT})` : `--out ${file} is given twice`);
    seen.add(key);
    return file === STDOUT ? { format } : { format, file };
  });
}
