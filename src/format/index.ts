import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Typed by the name union, so a format listed but not implemented is a compile error. */
export const formatters: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
};

export type { Formatter, FormatOptions } from './types.js';
