/**
 * Escaping for user data (names, messages, paths from the export) in GitHub-flavoured Markdown: nothing in it
 * may become markup, HTML, a link, an @mention or an issue reference. A zero-width space (U+200B) breaks
 * the patterns GitHub links after rendering (mentions, #123, bare URLs), where backslashes do not help.
 */
const ZWSP = '\u200B';

export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(?<!\w)@/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Text as an inline code span: literal, whatever backticks it holds (CommonMark: a longer fence). */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\u0000-\u001F\u007F]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || flat.startsWith(' ') || flat.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
