import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextScanner } from '../../../src/document/json/scan-thread.js';
import { SCAN_IN_THREAD_BYTES, parseFileScanned } from '../../../src/document/parse.js';
import { parseFile } from '../../../src/load/index.js';
import { expectInputError, FIXTURES, inputErrorsOf } from './helpers.js';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

describe('JSON parsing', () => {
  it('parses and locates nodes at every depth', () => {
    const parsed = parseFile('flows.json', fixture('multi/power/flows.json'));
    expect(parsed.format).toBe('json');
    expect(parsed.locate([])).toEqual({ file: 'flows.json', line: 1, column: 1 });
    expect(parsed.locate(['flows'])).toEqual({ file: 'flows.json', line: 3, column: 12 });
    expect(parsed.locate(['flows', 0])).toEqual({ file: 'flows.json', line: 4, column: 5 });
    expect(parsed.locate(['apps', 0])).toEqual({ file: 'flows.json', line: 14, column: 5 });
    expect(parsed.locate(['flows', 0, 'environmentId'])).toEqual({ file: 'flows.json', line: 7, column: 24 });
    expect(parsed.locate(['flows', 0, 'trigger', 'kind'])).toEqual({ file: 'flows.json', line: 9, column: 28 });
    expect(parsed.locate(['flows', 0, 'owners', 0, 'principalType'])).toEqual({ file: 'flows.json', line: 10, column: 63 });
    expect(parsed.locate(['apps', '0', 'sharedWith', '0', 'role'])).toEqual({ file: 'flows.json', line: 19, column: 83 });
    // Nearest existing parent.
    expect(parsed.locate(['flows', 0, 'owners', 5])).toEqual({ file: 'flows.json', line: 10, column: 17 });
    expect(parsed.locate(['flows', 0, 'nope'])).toEqual({ file: 'flows.json', line: 4, column: 5 });
    expect(parsed.locate(['flows', 7])).toEqual({ file: 'flows.json', line: 3, column: 12 });
    expect(parsed.locate(['nope', 1])).toEqual({ file: 'flows.json', line: 1, column: 1 });
  });

  it('locates in compact JSON, with escaped keys and strings containing brackets and quotes', () => {
    const text = '{"a":[{"x\\"}":"]}[{\\"","b\\u0061":{"deep":[1,{"k":true}]}}],"tenant":{"id":"t"}}';
    const parsed = parseFile('c.json', text);
    expect(parsed.value).toEqual({ a: [{ 'x"}': ']}[{"', ba: { deep: [1, { k: true }] } }], tenant: { id: 't' } });
    expect(parsed.locate(['a', 0, 'ba', 'deep', 1, 'k'])).toEqual({ file: 'c.json', line: 1, column: text.indexOf('true') + 1 });
    expect(parsed.locate(['tenant', 'id'])).toEqual({ file: 'c.json', line: 1, column: text.indexOf('"t"') + 1 });
  });

  it('reports a trailing comma where it makes the JSON invalid', async () => {
    await expectInputError(
      () => parseFile('trailing-comma.json', fixture('bad/trailing-comma.json')),
      { file: 'trailing-comma.json', line: 5, column: 3 },
      "invalid JSON: expected a value but found ']' (trailing comma?)",
    );
    await expectInputError(
      () => parseFile('x.json', '{\n  "a": 1,\n}\n'),
      { file: 'x.json', line: 3, column: 1 },
      "expected a property name in double quotes but found '}' (trailing comma?)",
    );
  });

  it('reports a truncated file', async () => {
    await expectInputError(
      () => parseFile('truncated.json', fixture('bad/truncated.json')),
      { file: 'truncated.json', line: 4, column: 41 },
      'unterminated string',
    );
    await expectInputError(
      () => parseFile('x.json', '{\n  "users": [\n    {"id": "u-1"}\n'),
      { file: 'x.json', line: 4, column: 1 },
      "unexpected end of file (expected ',' or ']')",
    );
    await expectInputError(() => parseFile('x.json', ''), { file: 'x.json', line: 1, column: 1 }, 'unexpected end of file (expected a value)');
  });

  it('reports other syntax errors with what was expected', async () => {
    await expectInputError(() => parseFile('x.json', '{"a" 1}'), { file: 'x.json', line: 1, column: 6 }, "expected ':' after the property name but found '1'");
    await expectInputError(() => parseFile('x.json', '{"a": 1 "b": 2}'), { file: 'x.json', line: 1, column: 9 }, "expected ',' or '}' but found '\"'");
    await expectInputError(() => parseFile('x.json', '{"a": True}'), { file: 'x.json', line: 1, column: 7 }, "found 'True'");
    await expectInputError(() => parseFile('x.json', "{'a': 1}"), { file: 'x.json', line: 1, column: 2 }, 'property name in double quotes');
    await expectInputError(() => parseFile('x.json', '{"a": 01}'), { file: 'x.json', line: 1, column: 7 }, 'leading zeros');
    await expectInputError(() => parseFile('x.json', '{"a": "x\ty"}'), { file: 'x.json', line: 1, column: 9 }, 'control character U+0009');
    await expectInputError(() => parseFile('x.json', '{"a": "\\x"}'), { file: 'x.json', line: 1, column: 8 }, 'invalid escape sequence \\x');
    await expectInputError(() => parseFile('x.json', '{}\n{}'), { file: 'x.json', line: 2, column: 1 }, "unexpected '{' after the end of the JSON value");
    await expectInputError(() => parseFile('x.json', '[1, 2,\r\n  ]'), { file: 'x.json', line: 2, column: 3 }, 'trailing comma');
  });

  it('rejects duplicate keys at any depth, naming the first', async () => {
    await expectInputError(
      () => parseFile('duplicate-key.json', fixture('bad/duplicate-key.json')),
      { file: 'duplicate-key.json', line: 8, column: 7 },
      'duplicate key "id" (first defined at line 5, column 7)',
    );
    await expectInputError(
      () => parseFile('x.json', '{"a":{"b":[{"c":{"d":1,"e":2,"d":3}}]}}'),
      { file: 'x.json', line: 1, column: 30 },
      'duplicate key "d" (first defined at line 1, column 18)',
    );
    // Escapes are decoded before comparing.
    await expectInputError(() => parseFile('x.json', '{"id":1,"\\u0069d":2}'), { file: 'x.json', line: 1, column: 9 }, 'duplicate key "id"');
  });

  it('detects duplicates in objects with many keys', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `"k${i}": ${i}`);
    keys.push('"k41": 0');
    await expectInputError(
      () => parseFile('x.json', `{\n${keys.join(',\n')}\n}`),
      { file: 'x.json', line: 62, column: 1 },
      'duplicate key "k41" (first defined at line 43, column 1)',
    );
  });

  it('rejects a duplicate key even when the text is otherwise broken later', async () => {
    await expectInputError(() => parseFile('x.json', '{"a":1,"a":2,'), { file: 'x.json', line: 1, column: 8 }, 'duplicate key "a"');
  });

  it('rejects nesting deeper than the limit', async () => {
    await expectInputError(() => parseFile('x.json', `${'['.repeat(200)}${']'.repeat(200)}`), { file: 'x.json', line: 1, column: 129 }, 'nesting deeper than 128');
    await expectInputError(() => parseFile('x.json', '['.repeat(100000)), { file: 'x.json', line: 1, column: 129 }, 'nesting deeper than 128');
  });

  it('keeps unusual but valid values', () => {
    const parsed = parseFile('x.json', '{"big": 1e400, "neg": -0.5e-3, "s": "\\ud83c\\udf89", "": null}');
    expect(parsed.value).toEqual({ big: Infinity, neg: -0.0005, s: '🎉', '': null });
  });
});

describe('JSON parsing: what a loaded file keeps (release)', () => {
  // A users file past the 4 MiB a file keeps its text up to: 30,000 users of about 160 characters.
  const users = Array.from({ length: 30000 }, (_, i) => ({ id: `u${i}`, displayName: `User ${i}`, userPrincipalName: `user${i}@contoso.com`, identities: [{ issuer: 'contoso.com' }] }));
  const large = JSON.stringify({ schemaVersion: 1, users, externalCollaborationSettingsWithALongName: { guestUserAccess: { role: 'x' } } }, null, 2);

  it('keeps the positions of sections and objects exact once a large file lets go of its text', () => {
    expect(large.length).toBeGreaterThan(4 * 1024 * 1024);
    const parsed = parseFile('users.json', large);
    const before = [parsed.locate(['users']), parsed.locate(['users', 0]), parsed.locate(['users', 29999]), parsed.locate(['externalCollaborationSettingsWithALongName'])];
    const deep = parsed.locate(['users', 29999, 'identities', 0, 'issuer']);
    expect(deep.line).toBeGreaterThan(before[2]!.line);
    parsed.release!();
    expect([parsed.locate(['users']), parsed.locate(['users', 0]), parsed.locate(['users', 29999]), parsed.locate(['externalCollaborationSettingsWithALongName'])]).toEqual(before);
    // Deeper than an object: its object's position (the text that would be scanned is gone).
    expect(parsed.locate(['users', 29999, 'identities', 0, 'issuer'])).toEqual(before[2]);
  });

  it('keeps every position of a small file exact after release (settings three levels deep included)', () => {
    const parsed = parseFile('flows.json', fixture('multi/power/flows.json'));
    parsed.release!();
    expect(parsed.locate(['flows', 0, 'trigger', 'kind'])).toEqual({ file: 'flows.json', line: 9, column: 28 });
  });
});

describe('JSON parsing: a large file scanned in another thread (parseFileScanned)', () => {
  // Past SCAN_IN_THREAD_BYTES: 20,000 users of about 130 characters.
  const users = Array.from({ length: 20000 }, (_, i) => ({ id: `u${i}`, displayName: `Üser ${i}`, userPrincipalName: `user${i}@contoso.com`, identities: [{ issuer: 'contoso.com' }] }));
  const text = JSON.stringify({ schemaVersion: 1, users }, null, 2);
  const bytes = () => new Uint8Array(Buffer.from(text));
  const paths = [[], ['users'], ['users', 0], ['users', 12345], ['users', 19999, 'identities', 0, 'issuer']] as const;
  // The line of user 12345's id, counted in the text.
  const line12345 = text.slice(0, text.indexOf('"id": "u12345"')).split('\n').length;

  it('gives the value and positions a scan in this thread gives', async () => {
    expect(bytes().byteLength).toBeGreaterThan(SCAN_IN_THREAD_BYTES);
    const scanner = TextScanner.start();
    expect(scanner).toBeDefined();
    try {
      // The thread does scan (parseFileScanned would fall back to this thread if it did not).
      expect(Object.keys(await scanner!.scan(bytes()))).toEqual(['positions']);
      const inline = parseFile('users.json', bytes());
      const scanned = await parseFileScanned('users.json', bytes(), scanner);
      expect(scanned.value).toEqual(inline.value);
      expect(paths.map((p) => scanned.locate(p))).toEqual(paths.map((p) => inline.locate(p)));
      expect(scanned.locate(['users', 12345, 'id'])).toEqual({ file: 'users.json', line: line12345, column: 13 });
    } finally {
      await scanner?.close();
    }
  });

  it('reports a duplicate key and a lone surrogate at the place a scan in this thread does', async () => {
    const scanner = TextScanner.start();
    try {
      const duplicate = text.replace('"displayName": "Üser 15000"', '"displayName": "Üser 15000",\n      "id": "again"');
      const expected = await inputErrorsOf(() => parseFile('users.json', Buffer.from(duplicate)));
      expect(expected[0]!.message).toMatch(/duplicate key "id" \(first defined at line \d+/);
      await expectInputError(() => parseFileScanned('users.json', new Uint8Array(Buffer.from(duplicate)), scanner), expected[0]!.position!, 'duplicate key "id"');
      const lone = text.replace('"Üser 19000"', '"\\ud800 19000"');
      const loneInline = await inputErrorsOf(() => parseFile('users.json', Buffer.from(lone)));
      await expectInputError(() => parseFileScanned('users.json', new Uint8Array(Buffer.from(lone)), scanner), loneInline[0]!.position!, /surrogate/);
    } finally {
      await scanner?.close();
    }
  });

  it('scans in this thread when the scanning thread is gone', async () => {
    const scanner = TextScanner.start()!;
    await scanner.close();
    const parsed = await parseFileScanned('users.json', bytes(), scanner);
    expect(parsed.locate(['users', 12345, 'id'])).toEqual({ file: 'users.json', line: line12345, column: 13 });
    await expectInputError(() => parseFileScanned('users.json', new Uint8Array(Buffer.from(text.replace('"u7"', '"u7",\n "id": 1'))), scanner), expect.anything() as never, 'duplicate key "id"');
  });
});
