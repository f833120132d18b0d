import { formatCsv } from './csv.js';
import { formatGithub } from './github.js';
import { formatHtml, formatHtmlChunks } from './html.js';
import { formatJson, formatJsonChunks } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif, formatSarifChunks } from './sarif.js';
import { formatText } from './text.js';
import type { ChunkedFormatter, Formatter, FormatOptions } from './types.js';
import type { ScanResult } from '../findings/types.js';

export const FORMATS = ['text', 'json', 'github', 'sarif', 'junit', 'markdown', 'html', 'csv'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Typed by the name union, so a format listed but not implemented is a compile error. */
export const formatters: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: formatHtml,
  csv: formatCsv,
};

/**
 * The formats whose document grows with the findings and that are written in pieces (types.ts:
 * ChunkedFormatter). The others are still one string, which V8 caps at 2^29 - 24 characters (about 537
 * million). Measured on Contoso's findings: markdown is capped at 60,000 characters; text takes about 310
 * characters per finding, junit 390 and csv 400, so a million findings fit; github takes about 620, so it
 * passes the cap near 870,000 findings (one annotation line each, for a CI log): the next to write in pieces.
 */
export const chunkedFormatters: Partial<Record<FormatName, ChunkedFormatter>> = {
  json: formatJsonChunks,
  sarif: formatSarifChunks,
  html: formatHtmlChunks,
};

/** A report's text in pieces: the chunked formatter when the format has one, else the whole string as one piece. */
export function renderChunks(format: FormatName, result: ScanResult, options: FormatOptions): Iterable<string> {
  const chunked = chunkedFormatters[format];
  return chunked ? chunked(result, options) : [formatters[format](result, options)];
}

export type { ChunkedFormatter, Formatter, FormatOptions } from './types.js';
