import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkPool, copyText, textOf, writeJson, type TaskText } from '../../../src/engine/task-text.js';

/** The text's bytes, read back as a worker copies them. */
function bytesOf(text: TaskText): Buffer {
  const out = new Uint8Array(text.length + 3);
  copyText(text, out, 3);
  return Buffer.from(out.subarray(3));
}

describe('a document written in chunks of shared memory (task-text.ts)', () => {
  const values: unknown[] = [
    { tenant: { users: { u1: { id: 'u1', displayName: 'Ada', mail: 'ada@contoso.com' } }, sections: { users: true } } },
    // Characters of two, three and four bytes in UTF-8 ('Ł', '東', '🎉'), and a lone surrogate JSON.stringify escapes.
    { tenant: { users: { 'ü1': { displayName: 'Łukasz 東京 🎉', bad: '\ud800x' } } } },
    // What JSON.stringify leaves out of an object, and integer-like keys, which come first in its order.
    { tenant: { b: 1, 2: 'two', a: undefined, f: () => 1, 1: [undefined, null], when: new Date(Date.UTC(2026, 10, 30)) } },
    { tenant: Object.assign(Object.create(null) as object, { users: Object.assign(Object.create(null) as object, { u2: { id: 'u2' } }) }) },
    { tenant: {}, derived: { externalAccessFlows: ['f1'] } },
    [1, 'two', { three: 3 }],
    'text',
    null,
  ];

  it('gives the UTF-8 of JSON.stringify, whatever the chunk size (a character never split across two)', () => {
    for (const value of values) {
      for (const chunkBytes of [1 << 20, 16, 5, 4]) {
        const text = writeJson(value, new ChunkPool(chunkBytes));
        const expected = Buffer.from(JSON.stringify(value), 'utf8');
        expect(bytesOf(text).equals(expected), `${JSON.stringify(value)} in chunks of ${chunkBytes}`).toBe(true);
        expect(text.length).toBe(expected.byteLength);
        expect(text.lengths.every((n) => n <= chunkBytes)).toBe(true);
      }
    }
  });

  it('gives what JSON.stringify gives for any JSON value, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 4, max: 64 }), (value, depth, chunkBytes) => {
        const text = writeJson(value, new ChunkPool(chunkBytes), depth);
        expect(bytesOf(text).toString('utf8')).toBe(JSON.stringify(value));
      }),
    );
  });

  it('takes text already made as it is (textOf), past the 64 KiB gathered before encoding', () => {
    const json = JSON.stringify({ users: Array.from({ length: 20_000 }, (_, i) => ({ id: `u${i}`, name: 'Zoë' })) });
    expect(json.length).toBeGreaterThan(64 * 1024);
    expect(bytesOf(textOf(json, new ChunkPool(100_000))).toString('utf8')).toBe(json);
  });

  it('uses a released text\'s chunks again, and only chunks of its own size', () => {
    const pool = new ChunkPool(64);
    const first = writeJson({ a: 'x'.repeat(200) }, pool);
    const chunks = [...first.chunks];
    expect(chunks.length).toBeGreaterThan(2);
    pool.release(first);
    expect(first.chunks).toEqual([]);
    const second = writeJson({ b: 'y'.repeat(200) }, pool);
    expect(second.chunks.every((c) => chunks.includes(c))).toBe(true);
    expect(bytesOf(second).toString('utf8')).toBe(JSON.stringify({ b: 'y'.repeat(200) }));
    pool.release({ chunks: [new SharedArrayBuffer(10)], lengths: [10], length: 10 });
    expect(pool.take().byteLength).toBe(64);
  });
});
