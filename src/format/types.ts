import type { ControlMetadata } from '../engine/bundle.js';
import type { ScanResult } from '../findings/types.js';

export interface FormatOptions {
  /** ANSI colours (only when writing to a terminal and NO_COLOR is unset). */
  color: boolean;
  /**
   * The controls the scan ran, with their METADATA (the CLI passes the bundle's enabled controls). `sarif`
   * lists each as a rule and `junit` each as a test case; without it they know only controls with findings.
   */
  controls?: readonly ControlMetadata[];
  /** The working directory: `sarif` writes file locations relative to it, with forward slashes. */
  cwd?: string;
  /**
   * `sarif`: the file a finding without a location points at (GitHub code scanning refuses a result with no
   * location). The CLI passes the export's root file; when unset such results have no location.
   */
  fallbackFile?: string;
  /** `markdown`: a hidden marker (`<!-- marker -->`) on the first line, to find the comment again. */
  marker?: string;
  /** `markdown`: the most characters to write (default 60,000, under GitHub's 65,536 for a comment). */
  maxLength?: number;
}

/** A formatter is a pure function of the result (ESLint's habit): no I/O, no policy knowledge. */
export type Formatter = (result: ScanResult, options: FormatOptions) => string;

/**
 * The same, for documents that grow with the findings (json, sarif, html): the text in pieces, to be written
 * one after the other, so that a million findings never make one string. Joined, the pieces are the document.
 */
export type ChunkedFormatter = (result: ScanResult, options: FormatOptions) => Iterable<string>;
