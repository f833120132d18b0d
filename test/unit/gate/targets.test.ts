import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { collectFormat, reportTargets } from '../../../src/cli/targets.js';

describe('pairing --output with --out', () => {
  it('keeps the single forms: nothing is text to stdout, one --output goes to stdout, one --out gets text', () => {
    expect(reportTargets(undefined, undefined)).toEqual([{ format: 'text' }]);
    expect(reportTargets(['json'], undefined)).toEqual([{ format: 'json' }]);
    expect(reportTargets(undefined, ['r.txt'])).toEqual([{ format: 'text', file: 'r.txt' }]);
    expect(reportTargets(['json'], ['r.json'])).toEqual([{ format: 'json', file: 'r.json' }]);
  });

  it('pairs repeated flags in order, "-" being stdout', () => {
    expect(reportTargets(['github', 'json', 'text'], ['-', 'r.json', 'r.txt'])).toEqual([
      { format: 'github' },
      { format: 'json', file: 'r.json' },
      { format: 'text', file: 'r.txt' },
    ]);
  });

  it('refuses what does not pair up: counts that differ, two reports to stdout or to one file, an empty name', () => {
    expect(() => reportTargets(['json', 'github'], undefined)).toThrow(/2 --output formats need one --out each/);
    expect(() => reportTargets(['json', 'github'], ['r.json'])).toThrow(/--output is given 2 time\(s\) and --out 1 time\(s\)/);
    expect(() => reportTargets(undefined, ['a', 'b'])).toThrow(/--output is given 0 time\(s\) and --out 2/);
    expect(() => reportTargets(['json', 'github'], ['-', '-'])).toThrow(/only one report can go to stdout/);
    expect(() => reportTargets(['json', 'github'], ['r', './r'])).toThrow(/--out \.\/r is given twice/);
    expect(() => reportTargets(['json'], [''])).toThrow(/--out needs a file name/);
  });

  it('collects --output values in order and refuses an unknown format', () => {
    expect(collectFormat('github', collectFormat('json', undefined))).toEqual(['json', 'github']);
    expect(() => collectFormat('xml', undefined)).toThrow(InvalidArgumentError);
  });
});
