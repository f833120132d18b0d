import type { ScanResult } from '../findings/types.js';

export interface FormatOptions {
  /** ANSI colours (only when writing to a terminal and NO_COLOR is unset). */
  color: boolean;
}

/** A formatter is a pure function of the result (ESLint's habit): no I/O, no policy knowledge. */
export type Formatter = (result: ScanResult, options: FormatOptions) => string;
