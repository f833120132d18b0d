import { describe, expect, it } from 'vitest';
import { jsonBytes } from '../../../src/engine/json-bytes.js';

describe('a document as the JSON bytes an instance is given (jsonBytes)', () => {
  it('gives the UTF-8 of JSON.stringify, ASCII or not', () => {
    const values = [
      { users: { u1: { displayName: 'Ada', mail: 'ada@contoso.com' } } },
      { displayName: 'Zoë Müller' },
      // Characters past U+00FF whose low byte is ASCII ('Ł' is U+0141): a Latin-1 copy would turn them into 'A'.
      { displayName: 'Łukasz' },
      { emoji: '🎉', cjk: '東京' },
      '\u007f\u0080',
    ];
    for (const value of values) {
      const bytes = jsonBytes(value);
      expect(Buffer.from(bytes).equals(Buffer.from(JSON.stringify(value), 'utf8')), JSON.stringify(value)).toBe(true);
      expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toEqual(value);
    }
  });

  it('gives a buffer of its own, which a worker can be given without a copy', () => {
    const bytes = jsonBytes({ users: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`u${i}`, { id: `u${i}` }])) });
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
  });
});
