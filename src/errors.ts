/**
 * One error hierarchy for the whole tool. Every stage throws one of these; only the CLI entry (src/cli/main.ts)
 * maps them to exit codes, through exitCodeFor. Messages are single lines meant for people.
 */

/** A place in a source file; line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export abstract class ShareguardError extends Error {
  abstract readonly exitCode: number;
}

/** Bad command-line usage: unknown flag, missing argument, invalid flag value. */
export class UsageError extends ShareguardError {
  readonly exitCode = 2;
  override readonly name = 'UsageError';
}

/** Bad input data: unreadable file, malformed YAML/JSON, schema violation, duplicate id, dangling reference. */
export class InputError extends ShareguardError {
  readonly exitCode = 2;
  override readonly name = 'InputError';
  constructor(
    readonly detail: string,
    readonly position?: SourcePosition,
  ) {
    super(position ? `${formatPosition(position)}: ${detail}` : detail);
  }
}

/** Several input errors found in one pass (e.g. all schema violations of a file); reported one per line. */
export class InputErrors extends ShareguardError {
  readonly exitCode = 2;
  override readonly name = 'InputErrors';
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** The policy bundle is missing, stale, fails to load, or evaluation failed: never a clean pass. */
export class PolicyError extends ShareguardError {
  readonly exitCode = 2;
  override readonly name = 'PolicyError';
}

/**
 * The exit code for what a command threw: the error's own for one of ours (2 for each of them: usage, input,
 * policy), and 2 for anything else, which is an internal error. Never 1: that code means "findings count"
 * and only a command's return value gives it (src/cli/exit.ts); an error must not read as a finding.
 */
export function exitCodeFor(thrown: unknown): number {
  return thrown instanceof ShareguardError ? thrown.exitCode : 2;
}

export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/** opa-wasm throws plain strings; turn anything thrown into an Error with a readable message. */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  try {
    return new Error(JSON.stringify(thrown));
  } catch {
    return new Error(String(thrown));
  }
}
