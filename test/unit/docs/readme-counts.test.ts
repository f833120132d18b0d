import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROL_COUNT } from '../../helpers/manifest.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Every place the README states how many built-in controls there are, in the forms it uses: prose and sample
 * output ("37 controls"), the JSON summary ("controls": 37) and the progress line ("evaluating controls 12/37").
 * "C0 controls" and the like are not counts: only a number directly before "controls" or "built-in controls".
 */
export function statedControlCounts(text: string): { count: number; where: string }[] {
  const patterns = [/(?<![\w.+-])(\d+) (?:built-in )?controls\b/g, /"controls": (\d+)/g, /evaluating controls \d+\/(\d+)/g];
  const found: { count: number; where: string }[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ count: Number(m[1]), where: `README.md:${line}: ${m[0]}` });
    }
  }
  return found;
}

describe('README figures', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('every control count the README states is the number of controls in bundle/manifest.json', () => {
    const stated = statedControlCounts(readme);
    // Four at the time of writing (quick start output, JSON summary, progress line, the controls section):
    // finding none would mean the patterns no longer match the README, not that it is right.
    expect(stated.length).toBeGreaterThanOrEqual(3);
    expect(stated.filter((s) => s.count !== CONTROL_COUNT).map((s) => s.where)).toEqual([]);
  });

  it('notices a wrong count (the check can fail)', () => {
    const wrong = `${CONTROL_COUNT + 1} controls, in seven areas\n"controls": ${CONTROL_COUNT}\nevaluating controls 3/${CONTROL_COUNT - 1}\nC0 controls are escaped`;
    expect(statedControlCounts(wrong).map((s) => s.count)).toEqual([CONTROL_COUNT + 1, CONTROL_COUNT, CONTROL_COUNT - 1]);
  });
});
