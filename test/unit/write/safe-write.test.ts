import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareFileAtomically, writeFileAtomically } from '../../../src/write/safe-write.js';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-write-'));

describe('writeFileAtomically with content in pieces', () => {
  it('writes the pieces one after the other, strings and bytes, and leaves no temporary file', () => {
    const d = dir();
    const file = path.join(d, 'r.json');
    function* pieces() {
      yield '{"a":';
      yield Buffer.from('[1,2]', 'utf8');
      yield '}\n';
    }
    writeFileAtomically(file, pieces());
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":[1,2]}\n');
    expect(fs.readdirSync(d)).toEqual(['r.json']);
  });

  it('a failure while producing the pieces leaves the earlier file as it was and no temporary file', () => {
    const d = dir();
    const file = path.join(d, 'r.json');
    fs.writeFileSync(file, 'before\n');
    function* failing() {
      yield 'half of a report';
      throw new Error('formatter failed');
    }
    expect(() => writeFileAtomically(file, failing())).toThrow('formatter failed');
    expect(fs.readFileSync(file, 'utf8')).toBe('before\n');
    expect(fs.readdirSync(d)).toEqual(['r.json']);
  });

  it('prepare writes the temporary file only: the target appears on commit, and discard removes the temporary file', () => {
    const d = dir();
    const a = prepareFileAtomically(path.join(d, 'a.txt'), ['x', 'y']);
    const b = prepareFileAtomically(path.join(d, 'b.txt'), 'z');
    expect(fs.readdirSync(d).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(d)).toHaveLength(2);
    a.commit();
    b.discard();
    expect(fs.readdirSync(d)).toEqual(['a.txt']);
    expect(fs.readFileSync(path.join(d, 'a.txt'), 'utf8')).toBe('xy');
  });
});
