import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from '../../../src/document/decode.js';
import { parseFile } from '../../../src/load/index.js';
import { expectInputError } from './helpers.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('decodes UTF-8, including non-ASCII text', () => {
    expect(decodeUtf8('a.yaml', bytes('name: Zoë 🎉\n'))).toBe('name: Zoë 🎉\n');
  });

  it('strips a leading byte order mark', () => {
    expect(decodeUtf8('a.yaml', bytes([0xef, 0xbb, 0xbf], 'a: 1\n'))).toBe('a: 1\n');
  });

  it('reports invalid UTF-8 at the line and column of the first bad byte', async () => {
    const input = bytes('schemaVersion: 1\ntenant:\n  id: ', [0xc3, 0x28], '\n');
    await expectInputError(() => decodeUtf8('tenant.yaml', input), { file: 'tenant.yaml', line: 3, column: 7 }, 'invalid UTF-8 byte sequence (0xC3 0x28)');
  });

  it('counts columns in characters after earlier multi-byte characters on the same line', async () => {
    const input = bytes('a: é', [0xff], '\n');
    await expectInputError(() => decodeUtf8('x.yaml', input), { file: 'x.yaml', line: 1, column: 5 }, 'invalid UTF-8 byte sequence (0xFF)');
  });

  it('does not count a BOM as a column', async () => {
    const input = bytes([0xef, 0xbb, 0xbf], 'ab', [0x80]);
    await expectInputError(() => decodeUtf8('x.json', input), { file: 'x.json', line: 1, column: 3 }, 'invalid UTF-8');
  });

  it('rejects UTF-16 with a clear message', async () => {
    await expectInputError(
      () => decodeUtf8('x.json', Buffer.from('\ufeff{}', 'utf16le')),
      { file: 'x.json', line: 1, column: 1 },
      'UTF-16',
    );
  });

  it('finds overlong encodings, surrogates and truncated sequences', () => {
    expect(firstInvalidUtf8(bytes('ok', [0xc0, 0xaf]))).toEqual({ offset: 2, length: 1 });
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toEqual({ offset: 0, length: 2 });
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toEqual({ offset: 3, length: 2 });
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toEqual({ offset: 0, length: 2 });
    expect(firstInvalidUtf8(bytes('€ 𝄞 ok'))).toBeUndefined();
  });
});

describe('parseFile with invalid UTF-8', () => {
  it('reports the bad byte in a JSON file before any parsing', async () => {
    const input = bytes('{\n  "schemaVersion": 1,\n  "tenant": {"displayName": "Caf', [0xc3, 0x28], '"}\n}\n');
    await expectInputError(() => parseFile('t.json', input), { file: 't.json', line: 3, column: 33 }, 'invalid UTF-8 byte sequence (0xC3 0x28)');
  });
});

describe('parseFile with a BOM', () => {
  it('accepts a BOM before YAML and JSON and positions are unaffected', () => {
    const yaml = parseFile('a.yaml', bytes([0xef, 0xbb, 0xbf], 'schemaVersion: 1\ntenant:\n  id: t\n'));
    expect(yaml.value).toEqual({ schemaVersion: 1, tenant: { id: 't' } });
    expect(yaml.locate(['tenant', 'id'])).toEqual({ file: 'a.yaml', line: 3, column: 7 });

    const json = parseFile('a.json', bytes([0xef, 0xbb, 0xbf], '{"schemaVersion": 1}'));
    expect(json.value).toEqual({ schemaVersion: 1 });
    expect(json.locate(['schemaVersion'])).toEqual({ file: 'a.json', line: 1, column: 19 });
  });
});

describe('a file too large for one JavaScript string', () => {
  it('is refused naming the file, its size and the way out', () => {
    // A view of 600 MiB without allocating it: only byteLength is read before the refusal.
    const huge = { byteLength: 600 * 1024 * 1024 } as unknown as Uint8Array;
    expect(() => parseFile('users/members.json', huge)).toThrow(/users\/members.json: the file is 600 MiB, and one file can be at most 511 MiB .* split it into several files/);
  });
});
