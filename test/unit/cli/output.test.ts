import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useColour, writeReport } from '../../../src/cli/output.js';
import { UsageError } from '../../../src/errors.js';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-out-'));

describe('writeReport', () => {
  it('writes the whole file and leaves no temporary file behind', () => {
    const d = dir();
    writeReport(path.join(d, 'r.json'), '{"ok":true}\n', ['examples/contoso']);
    expect(fs.readdirSync(d)).toEqual(['r.json']);
    expect(fs.readFileSync(path.join(d, 'r.json'), 'utf8')).toBe('{"ok":true}\n');
  });

  it('refuses to write into an export directory or over an export file', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'tenant.yaml'), 'schemaVersion: 1\n');
    expect(() => writeReport(path.join(d, 'sub', 'r.txt'), 'x', [d])).toThrow(UsageError);
    expect(() => writeReport(path.join(d, 'tenant.yaml'), 'x', [path.join(d, 'tenant.yaml')])).toThrow(/is one of this run's inputs/);
    expect(fs.readFileSync(path.join(d, 'tenant.yaml'), 'utf8')).toBe('schemaVersion: 1\n');
  });

  it('reports an unwritable destination as a usage error and writes nothing', () => {
    const d = dir();
    expect(() => writeReport(path.join(d, 'missing-dir', 'r.txt'), 'x', [])).toThrow(/cannot write/);
    expect(fs.readdirSync(d)).toEqual([]);
  });
});

describe('useColour', () => {
  const saved = process.env.NO_COLOR;
  afterEach(() => {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });

  it('is on for a terminal, off with NO_COLOR, off when not a terminal', () => {
    delete process.env.NO_COLOR;
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(useColour(tty)).toBe(process.env.TERM !== 'dumb');
    expect(useColour({ isTTY: false } as NodeJS.WriteStream)).toBe(false);
    process.env.NO_COLOR = '1';
    expect(useColour(tty)).toBe(false);
  });
});
