/**
 * Markdown escaping, kept under its old names: the work is done by the sink functions in neutralise.ts (one
 * module for every sink, so each rule is written once).
 */
export { forCodeSpan as codeSpan, forMarkdown as escapeMarkdown } from './neutralise.js';
