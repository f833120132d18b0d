/**
 * The one place where text taken from an export (display names, messages, file names, waiver reasons, values
 * quoted in errors) is made harmless for the sink it is written to. One function per sink; every formatter and
 * every message the CLI prints goes through one of them. Export data is written by people outside the tenant
 * (a guest chooses their own display name), so it is treated as hostile everywhere:
 *
 * - text (terminal, CI job log, stderr): a newline in a value would start a new log line, and a line that
 *   starts with `::` is a GitHub Actions workflow command (`::add-mask::`, `::stop-commands::`); ESC starts
 *   terminal escape sequences (OSC 0 sets the window title, OSC 8 makes links, CSI 2J clears the screen).
 * - Markdown (pull request comments, step summaries): markup, HTML, and GitHub's autolinks (@mentions notify
 *   people, #123 / GH-123 / SHAs / URLs / e-mail addresses become links).
 * - HTML: markup, and characters a browser would hide or use to reorder what is shown.
 * - XML (JUnit), CSV, workflow commands (`--output github`): their own syntax.
 *
 * In text, Markdown, HTML and XML, bidirectional controls (Trojan Source, CVE-2021-42574) are shown as
 * `<U+202E>` rather than obeyed: U+202E can make "exe.txt" read as "txt.exe".
 */

/** C0 controls, DEL and C1 controls: 65 code points that no name needs. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** C0 and C1 controls and DEL other than tab, LF and CR (which HTML, XML and CSV carry as ordinary text). */
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/**
 * Shown as `<U+XXXX>`: the bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9), the line and
 * paragraph separators U+2028/9 (some viewers break lines there), and lone surrogates (not characters at all;
 * the loader refuses them in exports, but a message can quote other input).
 */
const INVISIBLE = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\x1b`, `\u0085`: a control character as the escape a programmer would write for it. */
function escapedControl(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x80 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
}

/** `<U+202E>`: a character that must not act, named. */
function named(c: string): string {
  return `<U+${hex(c.charCodeAt(0), 4)}>`;
}

/** `1b` for `\x1b` (as C and JavaScript write it), `202E` for `<U+202E>` and `\u0085` (as Unicode does). */
function hex(code: number, width: 2 | 4): string {
  const digits = code.toString(16).padStart(width, '0');
  return width === 2 ? digits : digits.toUpperCase();
}

/**
 * For text output and every message printed to stdout or stderr: one line, whatever the value holds. Control
 * characters are shown as escapes (`\n`, `\x1b`), so no value can start a line (and so no `::` workflow command
 * can come from data) or send an escape sequence to a terminal; bidirectional controls are named.
 * Backslashes are kept as they are, so Windows paths read naturally; an escape shown is therefore not
 * distinguishable from the same characters typed, which is harmless here (the output is for reading).
 */
export function forText(value: string): string {
  return defuseCommands(value.replace(CONTROL, escapedControl).replace(INVISIBLE, named));
}

/**
 * The GitHub Actions runner reads a log line as a workflow command when, after leading whitespace, it starts
 * with `::` (`::add-mask::`, `::stop-commands::`), or when it holds `##[` anywhere (the older form, e.g.
 * `##[add-mask]`): actions/runner ActionCommand.TryParseV2 and TryParse. A value that starts with `::` gets a
 * backslash before it, and `##[` is written `##\[`: visible, and neither is a command any more. (The value
 * may be printed at the start of a line, after an indent.)
 */
function defuseCommands(text: string): string {
  return text.replace(/^(\s*)::/, '$1\\::').replace(/##\[/g, '##\\[');
}

/**
 * A whole line about to be printed (the text report, an error message): the same command defusing as
 * forText, applied to where the line really starts, so values that together open a line cannot form `::`.
 * This program never writes a text line of its own that starts with `::` or holds `##[`.
 */
export function forLogLine(line: string): string {
  return defuseCommands(line);
}

/**
 * A message that may span lines by design (several input errors, one per line): each line made safe with
 * forText, joined by newlines the caller meant.
 */
export function forTextLines(lines: readonly string[]): string {
  return lines.map((l) => forLogLine(forText(l))).join('\n');
}

/** A tagged template for a text line: every interpolated value goes through forText, the literal parts do not. */
export function textLine(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += (typeof v === 'number' ? String(v) : forText(v)) + (strings[i + 1] ?? '');
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown (GitHub-flavoured)

/**
 * What GitHub turns into a link or a notification after rendering Markdown, found in the raw value and written
 * as a code span (GitHub links nothing inside `<code>`). Visible, unlike a zero-width character inserted to
 * break the pattern, and the reader sees the value exactly as it was. The text is cut into words (runs without
 * spaces, quotes or brackets), then:
 * - a word holding `@` or `://`, or starting `www.`, is a code span whole: @mentions and @org/team, e-mail
 *   addresses, UPNs (`a_b.com#EXT#@c.com`), URLs, bare `www.` links;
 * - inside other words, `#123` and `owner/repo#123` (issue and pull request references), `GH-123`, GUIDs and
 *   7–40 hex digit runs (GitHub links a commit SHA of 7 to 40 hex digits) are code spans.
 * Every pattern is linear in the length of the text: quantifiers are bounded (GitHub owner names have at most
 * 39 characters, repository names 100), so a waiver reason of 100,000 characters cannot stall a report.
 */
const WORD = /[^\s"'()<>[\]{}]+/g;
const LINK_WORD = /@|:\/\/|^www\./i;
const REFERENCE = /(?:\b[\w.-]{1,100}\/[\w.-]{1,100})?#\d{1,20}\b|\bGH-\d{1,20}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{7,40}\b/gi;
/** Sentence punctuation after a URL or address belongs to the sentence. */
const TRAILING_PUNCTUATION = /[.,:;!?]+$/;

/**
 * Markdown inline text: nothing in it may become markup, HTML, a link, an @mention or an issue reference.
 * Whitespace (newlines too) becomes one space, so a value stays inside its list item; other control characters
 * are shown escaped and bidirectional controls named; Markdown punctuation is backslash-escaped, `&<>` written
 * as entities, and autolink patterns wrapped in code spans.
 */
export function forMarkdown(text: string): string {
  const flat = markdownVisible(text).replace(/\s+/g, ' ').trim();
  let out = '';
  let last = 0;
  const span = (start: number, token: string) => {
    out += escapeMarkdownPlain(flat.slice(last, start)) + forCodeSpan(token);
    last = start + token.length;
  };
  for (const word of flat.matchAll(WORD)) {
    if (LINK_WORD.test(word[0])) {
      const token = word[0].replace(TRAILING_PUNCTUATION, '');
      if (token !== '') span(word.index, token);
      continue;
    }
    for (const ref of word[0].matchAll(REFERENCE)) span(word.index + ref.index, ref[0]);
  }
  return out + escapeMarkdownPlain(flat.slice(last));
}

/** Controls other than whitespace shown escaped, bidirectional controls named; whitespace left for the caller. */
function markdownVisible(text: string): string {
  return text.replace(CONTROL_BUT_WHITESPACE, escapedControl).replace(/[\t\n\r\f\v]/g, ' ').replace(INVISIBLE, named);
}

function escapeMarkdownPlain(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Text as an inline code span: literal, whatever backticks it holds (CommonMark: a longer fence). Nothing can
 * be escaped inside a code span, so `##[` (a workflow command wherever it stands in a log line, see forText) is
 * shown as `##\[`, as in text output.
 */
export function forCodeSpan(text: string): string {
  const flat = markdownVisible(text).replace(/##\[/g, '##\\[');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || flat.startsWith(' ') || flat.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * What forHtml shows, before its entities: control characters escaped and bidirectional controls named. For
 * text the report's script puts on the page as text nodes (textContent, never markup), from the compact
 * findings of a large report (html-data.ts).
 */
export function forHtmlShown(text: string): string {
  return text.replace(CONTROL_BUT_WHITESPACE, escapedControl).replace(INVISIBLE, named);
}

/**
 * Element content or a quoted attribute value: `&<>"'` as entities, control characters (other than tab, LF
 * and CR, which are plain whitespace in HTML) shown escaped, bidirectional controls named, and the `[` of
 * `##[` as `&#91;` (the page printed to a CI log holds no workflow command of the older form; see forText).
 */
export function forHtml(text: string): string {
  return forHtmlShown(text)
    .replace(/[&<>"']/g, (c) => ENTITIES[c] as string)

    .replace(/##\[/g, '##&#91;');
}

/**
 * JSON for a `<script type="application/json">` block: `<` (so no `</script>` or `<!--` can end or bend the
 * block), `>`, `&`, the line separators U+2028/U+2029, DEL, C1 and bidirectional controls are written as \u
 * escapes, which JSON.parse reads back as the same characters (JSON.stringify already escapes C0).
 */
export function forScriptJson(value: unknown): string {
  return forJson(value).replace(/[<>&]/g, jsonEscape);
}

const jsonEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A JSON document (`--output json`, `sarif`): exactly the same values when parsed, but DEL, C1 controls,
 * bidirectional controls and U+2028/9 written as \u escapes (JSON.stringify escapes only C0), and the `[` of
 * `##[` as \u005b, so the document printed to a CI log holds no raw control and no workflow command.
 */
export function forJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space)
    .replace(/[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g, jsonEscape)
    .replace(/##\[/g, '##\\u005b');
}

// ---------------------------------------------------------------------------------------------------------------
// XML (JUnit)

/**
 * Characters XML 1.0 cannot carry at all, not even as references (C0 controls other than tab, newline and
 * carriage return; U+FFFE, U+FFFF; lone surrogates), and DEL and C1 controls (allowed, but ESC-like in a
 * terminal showing the file): written as the visible text `\uXXXX`.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const xmlVisible = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * XML element content: characters XML cannot hold shown as `\uXXXX`, bidirectional controls named, `&<>`
 * escaped, and the `[` of `##[` as a character reference (the runner's older command form, see forText).
 */
export function forXmlText(s: string): string {
  return s
    .replace(NOT_XML, xmlVisible)
    .replace(INVISIBLE, named)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/##\[/g, '##&#91;');
}

/**
 * A value inside a line of XML text content that the formatter lays out line by line (JUnit's failure body):
 * CR and LF shown as `\r` and `\n`, so the value cannot start a line of its own (printed to a CI log, a line
 * starting with `::` is a workflow command). The rest is left to forXmlText.
 */
export function forXmlLineValue(s: string): string {
  return s.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/^(\s*)::/, '$1\\::');
}

/** A double-quoted XML attribute value; tab, newline and carriage return are kept as character references. */
export function forXmlAttr(s: string): string {
  return forXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/**
 * A CSV cell: OWASP's advice for CSV injection, a leading = + - @ tab or CR makes a cell a formula in Excel,
 * LibreOffice or Sheets, so such text is prefixed with a single quote. The value is otherwise kept exactly
 * (a spreadsheet shows controls inertly, and the cell is data to sort and filter on).
 */
export function forCsvCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a quote, comma, CR or LF is enclosed in double quotes, its quotes doubled. */
export function forCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions workflow commands (`--output github`)

/**
 * A workflow command's message: `%`, CR and LF escaped (GitHub's toolkit escapeData), so the command stays on
 * its line; other control characters shown escaped (the job log would obey ESC) and bidirectional controls
 * named, as in text.
 */
export function forCommandData(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(CONTROL, escapedControl)
    .replace(INVISIBLE, named);
}

/** A workflow command's property value: as its message, and `:` and `,` too, which would end the value. */
export function forCommandProperty(s: string): string {
  return forCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
