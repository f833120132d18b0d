import { InputError } from '../errors.js';

/** At most this many errors are reported per file; the rest are counted in a final line. */
export const MAX_ERRORS_PER_FILE = 20;

/**
 * Sorts errors by file (in the order given by `files`, then unknown files by name), line and column, keeps the
 * first MAX_ERRORS_PER_FILE of each file and adds "<file>: … and N more errors" where some were left out.
 * Errors without a position come last, in their original order.
 */
export function limitErrors(errors: readonly InputError[], files: readonly string[] = []): InputError[] {
  const order = new Map(files.map((f, i) => [f, i]));
  const rank = (f: string) => order.get(f) ?? files.length;
  const indexed = errors.map((error, index) => ({ error, index }));
  indexed.sort((a, b) => {
    const pa = a.error.position;
    const pb = b.error.position;
    if (!pa || !pb) return pa ? -1 : pb ? 1 : a.index - b.index;
    return (
      rank(pa.file) - rank(pb.file) ||
      (pa.file < pb.file ? -1 : pa.file > pb.file ? 1 : 0) ||
      pa.line - pb.line ||
      pa.column - pb.column ||
      a.index - b.index
    );
  });
  const out: InputError[] = [];
  const kept = new Map<string, number>();
  const dropped = new Map<string, number>();
  for (const { error } of indexed) {
    const file = error.position?.file;
    if (file === undefined) {
      out.push(error);
      continue;
    }
    const n = kept.get(file) ?? 0;
    if (n < MAX_ERRORS_PER_FILE) {
      kept.set(file, n + 1);
      out.push(error);
    } else {
      dropped.set(file, (dropped.get(file) ?? 0) + 1);
    }
  }
  if (dropped.size === 0) return out;
  // Insert each file's summary line after its last kept error.
  const result: InputError[] = [];
  for (let i = 0; i < out.length; i++) {
    const error = out[i] as InputError;
    result.push(error);
    const file = error.position?.file;
    const next = out[i + 1]?.position?.file;
    if (file !== undefined && next !== file && dropped.has(file)) {
      const n = dropped.get(file) as number;
      result.push(new InputError(`${file}: … and ${n} more error${n === 1 ? '' : 's'}`));
      dropped.delete(file);
    }
  }
  return result;
}
