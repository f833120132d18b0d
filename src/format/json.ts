import { forJson } from './neutralise.js';
import type { ChunkedFormatter, Formatter } from './types.js';

/**
 * The documented JSON document (tenant-model.md: "Output documents"), written in pieces: a million findings
 * make a document of about 1.2 GB, past V8's longest string (2^29 - 24 characters, about 512 MiB on 64-bit),
 * so it is never built as one string. The pieces join to exactly `forJson(result, 2)` and a newline.
 */
export const formatJsonChunks: ChunkedFormatter = (result) => withNewline(jsonChunks(result, { space: 2, encode: forJson, objectDepth: 1 }));

/** The same document as one string, for callers that want one (tests, small results). */
export const formatJson: Formatter = (result, options) => [...formatJsonChunks(result, options)].join('');

function* withNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}

export interface JsonChunkOptions {
  /** Indentation, as JSON.stringify's `space` (a number of spaces, or none). */
  space?: number;
  /** Encodes one value at indentation zero, as `forJson` (`JSON.stringify` then the sink's neutralising). */
  encode: (value: unknown, space?: number) => string;
  /**
   * Objects up to this depth (0 = the value itself) are written key by key and arrays up to one level deeper
   * element by element; anything deeper is encoded whole. 1 suits a ScanResult (findings, baseline.resolved),
   * 2 a SARIF log (runs[0].results).
   */
  objectDepth: number;
  /** About how many characters each yielded chunk holds (default 64 Ki). */
  chunkSize?: number;
}

/**
 * `encode(value, space)` cut into chunks of about `chunkSize` characters: the same characters, because each
 * piece is a whole JSON value, a key or punctuation (so a neutralising that works character by character, or
 * on `##[` which only occurs inside a string, gives the same text piece by piece), and the layout is
 * JSON.stringify's: `{`/`[`, then each member on its own line indented one level deeper, `,` between them,
 * and the closing bracket on the parent's indentation; `{}` and `[]` when empty; members whose value is
 * undefined, a function or a symbol left out of objects and written `null` in arrays.
 */
export function* jsonChunks(value: unknown, options: JsonChunkOptions): Generator<string> {
  const size = options.chunkSize ?? 65536;
  let buffer: string[] = [];
  let length = 0;
  for (const piece of pieces(value, 0, options)) {
    buffer.push(piece);
    length += piece.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (length > 0) yield buffer.join('');
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function* pieces(value: unknown, depth: number, o: JsonChunkOptions): Generator<string> {
  const pad = o.space ? ' '.repeat(o.space * depth) : '';
  const inner = o.space ? `\n${' '.repeat(o.space * (depth + 1))}` : '';
  const close = o.space ? `\n${pad}` : '';
  const streamed =
    typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function' && depth <= o.objectDepth + (Array.isArray(value) ? 1 : 0);
  if (!streamed) {
    const text = o.encode(value, o.space);
    yield pad && text.includes('\n') ? text.replace(/\n/g, `\n${pad}`) : text;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? inner : `,${inner}`;
      const item: unknown = value[i];
      if (skipped(item)) yield 'null';
      else yield* pieces(item, depth + 1, o);
    }
    yield `${close}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (skipped(member)) continue;
    yield `${first ? '{' : ','}${inner}${o.encode(key)}:${o.space ? ' ' : ''}`;
    first = false;
    yield* pieces(member, depth + 1, o);
  }
  yield first ? '{}' : `${close}}`;
}
