import { RawNode } from './node.js';

/**
 * PowerShell's text form of an object, as `ConvertTo-Json` leaves it below its depth limit (2 by default):
 * a nested object is not written as JSON but as the string its ToString() gives, `@{name=value; other=value}`.
 * ScubaGear 1.0 to 1.7 and admins' own `Get-AdminPowerAppEnvironment | ConvertTo-Json` exports carry the Power
 * Platform tenant settings (`powerPlatform.powerApps`) and every environment's `Internal.properties` that way.
 *
 * What survives in that text: scalars, as PowerShell prints them (`True`/`False`, numbers, text). What does not:
 * a value that was itself an object or a list is printed as nothing (`createdBy=`), as its type name
 * (`connectedGroups=System.Object[]`) or, one level down, as another `@{…}` that is kept. Those values are
 * reported as truncated, never guessed: an empty value could have been null, an empty string or a whole object.
 */

/** A value read back from the text: a scalar, a nested object that was kept, or a value lost to truncation. */
export type PsValue = string | number | boolean | PsObject | PsTruncated;

export interface PsObject {
  kind: 'object';
  /** In the order the text gives them; names as written (PowerShell compares them ignoring case). */
  entries: Map<string, PsValue>;
}

export interface PsTruncated {
  kind: 'truncated';
  /** What the text holds in its place: '' or a type name such as System.Object[]. */
  text: string;
}

/** The hint every message about truncated PowerShell output ends with. */
export const RESAVE_HINT = 'saved by ConvertTo-Json below the depth it needs; re-save with -Depth 10';

/** Whether a JSON string is PowerShell's `@{…}` text of an object. */
export function isPsObjectText(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('@{') && value.endsWith('}');
}

/**
 * Parses `@{a=1; b=True; c=; d=System.Object[]; e=@{f=x}}`. Returns undefined for text that is not of that
 * form (so that the caller reports it at its own place). Keys are the words before `=` at the start of the
 * text or after `; `; a value runs to the next such key or to the closing brace, so a value may itself hold
 * `=` (URLs, base64). A `; ` followed by `word=` inside a value cannot be told from a separator: PowerShell
 * does not escape it either, and the text is then read as PowerShell wrote it.
 */
export function parsePsObject(text: string): PsObject | undefined {
  if (!isPsObjectText(text)) return undefined;
  const parsed = parseBody(text, 2, false);
  return parsed && parsed.end === text.length - 1 ? parsed.object : undefined;
}

/** Reads entries from `start` (just after `@{`) up to the matching `}`; returns the object and the brace's index. */
function parseBody(text: string, start: number, nested: boolean): { object: PsObject; end: number } | undefined {
  const entries = new Map<string, PsValue>();
  let i = start;
  if (text[i] === '}') return { object: { kind: 'object', entries }, end: i };
  for (;;) {
    const key = /^([A-Za-z_][\w.-]*)=/.exec(text.slice(i, i + 200));
    if (!key) return undefined;
    const name = key[1] as string;
    i += key[0].length;
    let value: PsValue;
    if (text.startsWith('@{', i)) {
      const inner = parseBody(text, i + 2, true);
      if (!inner) return undefined;
      value = inner.object;
      i = inner.end + 1;
    } else {
      const end = valueEnd(text, i, nested);
      if (end === undefined) return undefined;
      value = scalar(text.slice(i, end));
      i = end;
    }
    entries.set(name, value);
    if (text[i] === '}') return { object: { kind: 'object', entries }, end: i };
    if (!text.startsWith('; ', i)) return undefined;
    i += 2;
  }
}

/**
 * Where a scalar value starting at `from` ends. At the top level: before the next `; key=`, or at the text's
 * last character (its closing brace), so a value such as `{guid}` keeps its braces. Inside a nested `@{…}`, the
 * first `}` that is followed by `; `, `}` or the end of the text closes the nested object, if it comes first.
 */
function valueEnd(text: string, from: number, nested: boolean): number | undefined {
  const separator = /; [A-Za-z_][\w.-]*=/g;
  separator.lastIndex = from;
  const next = separator.exec(text)?.index;
  if (nested) {
    const closer = /\}(?=; |\}|$)/g;
    closer.lastIndex = from;
    const close = closer.exec(text)?.index;
    if (close !== undefined && (next === undefined || close < next)) return close;
  }
  if (next !== undefined) return next;
  return text.length - 1 >= from ? text.length - 1 : undefined;
}

/** PowerShell's printing of a scalar back to a value: True/False, numbers, type names of lost values, text. */
function scalar(raw: string): PsValue {
  if (raw === '' || /^System\.[\w.]+(\[\])?$/.test(raw)) return { kind: 'truncated', text: raw };
  if (raw === 'True') return true;
  if (raw === 'False') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16) return Number(raw);
  return raw;
}

/** A parsed object as plain JSON: truncated values left out (the caller asks `truncatedKeys` which ones). */
export function psToJson(object: PsObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of object.entries) {
    if (typeof value !== 'object') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else if (value.kind === 'object') Object.defineProperty(out, key, { value: psToJson(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The keys whose values the text lost, e.g. ['createdBy', 'linkedEnvironmentMetadata']. */
export function truncatedKeys(object: PsObject): string[] {
  return [...object.entries].filter(([, v]) => typeof v === 'object' && v.kind === 'truncated').map(([k]) => k);
}

/**
 * A raw node whose value may be PowerShell's `@{…}` text: the object read back, at the same place in the file
 * (so a problem inside it is reported at the string), with the keys the text lost. A node that holds an object
 * already comes back as it is; text that is not `@{…}` is an error at the node.
 */
export function expandPsNode(node: RawNode, what: string): { node: RawNode; truncated: string[] } {
  if (!isPsObjectText(node.value)) return { node, truncated: [] };
  const parsed = parsePsObject(node.value);
  if (!parsed) throw node.error(`${what} is PowerShell's @{…} text of an object (${RESAVE_HINT}), and it could not be read back`);
  return { node: new RawNode(node.file, node.path, psToJson(parsed)), truncated: truncatedKeys(parsed) };
}
