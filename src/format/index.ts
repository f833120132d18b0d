import { formatCsv } from './csv.js';
import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

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

export type { Formatter, FormatOptions } from './types.js';
