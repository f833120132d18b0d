import { describe, expect, it } from 'vitest';
import { LineTable } from '../../../src/document/lines.js';

/** Line and column by counting, the way the table must answer. */
function counted(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - (lastBreak + 1) + 1 };
}

describe('line and column of an offset (LineTable)', () => {
  const texts = [
    '',
    'no break at all',
    '{\n  "a": 1\n}\n',
    'a\r\nb\r\n\r\nc',
    // More lines than the table is first sized for (one per 32 characters): it grows.
    '\n'.repeat(500) + 'x',
    'ab\n'.repeat(300) + 'Zoë 東京 🎉\nend',
  ];

  it('counts lines from 1 and columns in UTF-16 code units, before and after the text is let go of', () => {
    for (const text of texts) {
      const offsets = [0, 1, Math.floor(text.length / 2), text.length - 1, text.length].filter((o) => o >= 0 && o <= text.length);
      const lazy = new LineTable(text);
      const detached = new LineTable(text);
      detached.detach();
      for (const offset of offsets) {
        expect(lazy.position(offset), `${JSON.stringify(text.slice(0, 20))} at ${offset}`).toEqual(counted(text, offset));
        expect(detached.position(offset)).toEqual(counted(text, offset));
      }
    }
  });

  it('clamps an offset outside the text to its ends', () => {
    const table = new LineTable('ab\ncd');
    expect(table.position(-5)).toEqual({ line: 1, column: 1 });
    expect(table.position(99)).toEqual({ line: 2, column: 3 });
  });
});
