import { describe, expect, it } from 'vitest';
import { importSummary } from '../../src/import/index.js';

/** Issue 14, attack 6, for import and collect: their summary quotes names from the raw data (warnings, notes). */
describe('the import summary neutralises what it quotes from the raw data', () => {
  it('a flow named with a newline and a workflow command starts no line of its own', () => {
    const text = importSummary('imported raw/ (raw responses) into export/', {
      document: { schemaVersion: 1, flows: [] },
      missing: [],
      notes: ['flow "x\n::add-mask::secret" kept'],
      warnings: [{ section: null, source: 'raw/flows.json:3:5', message: 'flow "Pay\u202Eroll\n::stop-commands::x" \u001b]0;pwned\u0007 moved' }],
    });
    for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('<U+202E>');
    expect(text).toContain('\\n::stop-commands::x');
  });
});
