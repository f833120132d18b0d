/**
 * A data document as JSON text in UTF-8, written in chunks of shared memory: how a shard's document goes from
 * the thread that makes it to the policy instance that parses it (PolicyEngine.setDataText).
 *
 * Why not one string, as before: a shard's JSON.stringify text (30 to 65 MiB on the bench's 1,000,000-user
 * tenant, 2.8 GB over its 87 shards) is built in parts that outlive the young generation while the document is
 * written, so each became old garbage for a full collection of a heap holding gigabytes of live tenant: the
 * scan collected it every 512 MiB of text, five pauses of 2.4 to 2.9 s each, and its workers waited. Written
 * here entry by entry, each entry's text dies young, and the chunks are used again once a worker has copied
 * them: making the same 87 documents left a 2.9 GB heap against 5.5 GB, with no collection asked for.
 */
export interface TaskText {
  /** The chunks, in order, each filled up to its length (a character is never split across two). */
  chunks: SharedArrayBuffer[];
  lengths: number[];
  /** Bytes in all. */
  length: number;
}

/** A chunk's size: 8 MiB, a few dozen for a large shard, small enough that the last one's slack is no matter. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * How much text is gathered before it is encoded into a chunk: one encodeInto call per 64 KiB rather than per
 * entry (a call each costs more than the copy of a user's few hundred bytes).
 */
const PENDING_CHARS = 64 * 1024;

/** Chunks to write into, used again once released (the text they held copied out). */
export class ChunkPool {
  private readonly free: SharedArrayBuffer[] = [];

  constructor(readonly chunkBytes = CHUNK_BYTES) {}

  take(): SharedArrayBuffer {
    return this.free.pop() ?? new SharedArrayBuffer(this.chunkBytes);
  }

  /** The text's chunks may be written over: whoever reads them has copied them. */
  release(text: TaskText): void {
    for (const chunk of text.chunks) if (chunk.byteLength === this.chunkBytes) this.free.push(chunk);
    text.chunks = [];
    text.lengths = [];
  }
}

const encoder = new TextEncoder();

/** Appends JSON text to chunks of a pool; `end` gives the whole. */
export class JsonWriter {
  private readonly text: TaskText = { chunks: [], lengths: [], length: 0 };
  private chunk: Uint8Array | undefined;
  private used = 0;
  private pending = '';

  constructor(private readonly pool: ChunkPool) {}

  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= PENDING_CHARS) this.flush();
  }

  end(): TaskText {
    this.flush();
    this.close();
    return this.text;
  }

  private flush(): void {
    let s = this.pending;
    this.pending = '';
    while (s.length > 0) {
      if (!this.chunk || this.used === this.chunk.byteLength) this.next();
      const { read, written } = encoder.encodeInto(s, this.chunk!.subarray(this.used));
      this.used += written;
      // Nothing fitted: the next character takes more bytes than the chunk has left.
      if (read === 0) this.next();
      s = read === s.length ? '' : s.slice(read);
    }
  }

  private next(): void {
    this.close();
    const buffer = this.pool.take();
    this.chunk = new Uint8Array(buffer);
    this.used = 0;
    this.text.chunks.push(buffer);
  }

  private close(): void {
    if (!this.chunk) return;
    this.text.lengths.push(this.used);
    this.text.length += this.used;
    this.chunk = undefined;
  }
}

/**
 * `value` as JSON text, as JSON.stringify would give it, written entry by entry down to `depth` levels of
 * objects (a shard's document: data → tenant → section → object) and each value below as one JSON.stringify.
 */
export function writeJson(value: unknown, pool: ChunkPool = new ChunkPool(), depth = 3): TaskText {
  const writer = new JsonWriter(pool);
  writeValue(writer, value, depth);
  return writer.end();
}

/** Text already made (a test's, an invalid document's) as a TaskText. */
export function textOf(json: string, pool: ChunkPool = new ChunkPool()): TaskText {
  const writer = new JsonWriter(pool);
  writer.write(json);
  return writer.end();
}

/** Copies the text into `into` from `at`. */
export function copyText(text: TaskText, into: Uint8Array, at: number): void {
  let offset = at;
  text.chunks.forEach((chunk, i) => {
    const length = text.lengths[i]!;
    into.set(new Uint8Array(chunk, 0, length), offset);
    offset += length;
  });
}

/** Visits a map's entries: each key with its value, and for a value given in part, the fields it keeps. */
export type EntryVisitor = (key: string, value: unknown, fields?: readonly string[]) => void;

/**
 * A map of a document given entry by entry rather than as an object (a shard's users, its flows …): writeJson
 * writes each entry as it comes, so that neither the map nor an entry given in part (its fields alone) is made,
 * and JSON.stringify (toJSON) makes it an object for any other reader. Made as objects, the maps and the
 * 4.2 million users given in part of the bench's 1,000,000-user tenant's shards outlived the young generation
 * while each document was written: garbage for a collection of the whole heap.
 */
export class StreamedMap {
  constructor(readonly each: (visit: EntryVisitor) => void) {}

  toJSON(): Record<string, unknown> {
    const o: Record<string, unknown> = Object.create(null);
    this.each((key, value, fields) => {
      o[key] = fields ? project(value as Record<string, unknown>, fields) : value;
    });
    return o;
  }
}

/** The object with the given fields alone (those it has), in the order of `fields`. */
export function project(o: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (o[f] !== undefined) out[f] = o[f];
  return out;
}

/**
 * One object of its fields alone as JSON, as JSON.stringify(project(o, fields)) gives it, through one object per
 * list of fields that is filled again for each (an absent field is undefined there, which JSON.stringify leaves
 * out as project does).
 */
const scratches = new WeakMap<readonly string[], Record<string, unknown>>();
function projectedJson(o: Record<string, unknown>, fields: readonly string[]): string {
  let scratch = scratches.get(fields);
  if (!scratch) {
    scratch = {};
    for (const f of fields) scratch[f] = undefined;
    scratches.set(fields, scratch);
  }
  for (const f of fields) scratch[f] = o[f];
  return JSON.stringify(scratch);
}

function writeEntries(w: JsonWriter, map: StreamedMap): void {
  w.write('{');
  let first = true;
  map.each((key, value, fields) => {
    const json = fields ? projectedJson(value as Record<string, unknown>, fields) : JSON.stringify(value);
    if (json === undefined) return;
    w.write(first ? `${JSON.stringify(key)}:${json}` : `,${JSON.stringify(key)}:${json}`);
    first = false;
  });
  w.write('}');
}

function writeValue(w: JsonWriter, value: unknown, depth: number): void {
  if (value instanceof StreamedMap) {
    writeEntries(w, value);
    return;
  }
  if (depth <= 0 || typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Undefined (or a function) at the top: JSON.stringify gives no text; a document always has some.
    w.write(JSON.stringify(value) ?? 'null');
    return;
  }
  w.write('{');
  let first = true;
  const o = value as Record<string, unknown>;
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    const v = o[key];
    // What JSON.stringify leaves out of an object.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    w.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    writeValue(w, v, depth - 1);
  }
  w.write('}');
}
