import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/load/index.js';
import { expectInputError, FIXTURES } from './helpers.js';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

describe('YAML parsing', () => {
  it('parses a document and locates nodes by path', () => {
    const parsed = parseFile('users.yaml', fixture('multi/users.yaml'));
    expect(parsed.format).toBe('yaml');
    expect(parsed.value).toMatchObject({ schemaVersion: 1, users: [{ id: 'u-alice' }, { id: 'u-guest', customField: 'kept' }] });
    expect(parsed.locate([])).toEqual({ file: 'users.yaml', line: 1, column: 1 });
    expect(parsed.locate(['users'])).toEqual({ file: 'users.yaml', line: 3, column: 3 });
    expect(parsed.locate(['users', 1])).toEqual({ file: 'users.yaml', line: 7, column: 5 });
    expect(parsed.locate(['users', '1', 'userType'])).toEqual({ file: 'users.yaml', line: 9, column: 15 });
    expect(parsed.locate(['users', 1, 'sponsors', 0])).toEqual({ file: 'users.yaml', line: 13, column: 16 });
    // Falls back to the nearest existing parent.
    expect(parsed.locate(['users', 1, 'noSuchField', 'deeper'])).toEqual({ file: 'users.yaml', line: 7, column: 5 });
    expect(parsed.locate(['users', 99])).toEqual({ file: 'users.yaml', line: 3, column: 3 });
    expect(parsed.locate(['nothing'])).toEqual({ file: 'users.yaml', line: 1, column: 1 });
    // An empty value is located at its key.
    expect(parsed.locate(['users', 0, 'lastSignInDateTime'])).toEqual({ file: 'users.yaml', line: 6, column: 25 });
  });

  it('counts lines the same with CRLF line endings', () => {
    const parsed = parseFile('crlf.yaml', 'schemaVersion: 1\r\nusers:\r\n  - id: u1\r\n    userType: Guest\r\n');
    expect(parsed.value).toEqual({ schemaVersion: 1, users: [{ id: 'u1', userType: 'Guest' }] });
    expect(parsed.locate(['users', 0, 'userType'])).toEqual({ file: 'crlf.yaml', line: 4, column: 15 });
  });

  it('keeps times as strings and uses the core schema (no YAML 1.1 booleans)', () => {
    const parsed = parseFile('a.yaml', 'at: 2026-01-01T00:00:00Z\nflag: yes\nn: 0o17\n');
    expect(parsed.value).toEqual({ at: '2026-01-01T00:00:00Z', flag: 'yes', n: 15 });
  });

  it('reports malformed YAML at the first error', async () => {
    await expectInputError(
      () => parseFile('malformed.yaml', fixture('bad/malformed.yaml')),
      { file: 'malformed.yaml', line: 5, column: 5 },
      /^invalid YAML: Flow sequence .* end with a \]/,
    );
    await expectInputError(() => parseFile('x.yaml', 'a: b: c\n'), { file: 'x.yaml', line: 1, column: 4 }, 'invalid YAML');
    await expectInputError(() => parseFile('x.yaml', 'a: 1\n\tb: 2\n'), { file: 'x.yaml', line: 2, column: 1 }, 'invalid YAML: Tabs');
    await expectInputError(() => parseFile('x.yaml', 'a: "bad \\q"\n'), { file: 'x.yaml', line: 1, column: 9 }, 'Invalid escape sequence \\q');
  });

  it('rejects duplicate keys, naming the first one', async () => {
    await expectInputError(
      () => parseFile('duplicate-key.yaml', fixture('bad/duplicate-key.yaml')),
      { file: 'duplicate-key.yaml', line: 6, column: 5 },
      'duplicate key "id" (first defined at line 3, column 5)',
    );
  });

  it('treats keys that only differ in scalar type as duplicates (both become the same JS key)', async () => {
    await expectInputError(() => parseFile('x.yaml', '1: a\n"1": b\n'), { file: 'x.yaml', line: 2, column: 1 }, 'duplicate key "1"');
  });

  it('rejects collection keys', async () => {
    await expectInputError(() => parseFile('x.yaml', '? [a, b]\n: c\n'), { file: 'x.yaml', line: 1, column: 3 }, 'mapping keys must be plain scalars');
  });

  it('stops an alias bomb with an input error (the expansion limit, not a timeout)', async () => {
    await expectInputError(
      () => parseFile('alias-bomb.yaml', fixture('bad/alias-bomb.yaml')),
      { file: 'alias-bomb.yaml', line: 3, column: 8 },
      'aliases expand too much',
    );
  });

  it('limits the number of aliases', async () => {
    const lines = ['schemaVersion: 1', 'x: &x 1', 'list:'];
    for (let i = 0; i < 101; i++) lines.push('  - *x');
    await expectInputError(() => parseFile('x.yaml', lines.join('\n')), { file: 'x.yaml', line: 104, column: 5 }, 'too many aliases');
  });

  it('rejects an alias to an enclosing node (a cycle) and an undefined alias', async () => {
    await expectInputError(() => parseFile('x.yaml', 'a: &a\n  b: *a\n'), { file: 'x.yaml', line: 2, column: 6 }, 'contains it');
    await expectInputError(() => parseFile('x.yaml', 'a: *nope\n'), { file: 'x.yaml', line: 1, column: 4 }, 'alias *nope refers to no anchor');
  });

  it('expands ordinary aliases', () => {
    const parsed = parseFile('x.yaml', 'a: &owners [u1, u2]\nb: *owners\n');
    expect(parsed.value).toEqual({ a: ['u1', 'u2'], b: ['u1', 'u2'] });
  });

  it('never executes or resolves custom tags', async () => {
    await expectInputError(
      () => parseFile('custom-tag.yaml', fixture('bad/custom-tag.yaml')),
      { file: 'custom-tag.yaml', line: 4, column: 16 },
      'unsupported tag !!js/function',
    );
    await expectInputError(() => parseFile('x.yaml', 'a: !foo bar\n'), { file: 'x.yaml', line: 1, column: 4 }, 'unsupported tag !foo');
    await expectInputError(() => parseFile('x.yaml', 'a: !!binary aGVsbG8=\n'), { file: 'x.yaml', line: 1, column: 4 }, 'unsupported tag !!binary');
    await expectInputError(() => parseFile('x.yaml', 'a: !!set {x}\n'), { file: 'x.yaml', line: 1, column: 4 }, 'unsupported tag !!set');
  });

  it('accepts the core schema tags', () => {
    expect(parseFile('x.yaml', 'a: !!str 123\nb: !!int "7"\n').value).toEqual({ a: '123', b: 7 });
  });

  it('rejects more than one document', async () => {
    await expectInputError(() => parseFile('x.yaml', 'a: 1\n---\nb: 2\n'), { file: 'x.yaml', line: 2, column: 1 }, 'more than one YAML document');
  });

  it('rejects nesting deeper than the limit', async () => {
    const deep = `a: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    await expectInputError(() => parseFile('x.yaml', deep), { file: 'x.yaml', line: 1, column: 131 }, 'nesting too deep');
    const deeper = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const errors = await import('./helpers.js').then((h) => h.inputErrorsOf(() => parseFile('x.yaml', deeper)));
    expect(errors[0]?.detail).toContain('nesting too deep');
  });

  it('reads an empty file as a null value (the schema check reports it)', () => {
    expect(parseFile('x.yaml', '').value).toBeNull();
    expect(parseFile('x.yaml', '# only a comment\n').value).toBeNull();
  });
});
