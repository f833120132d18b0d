import { describe, expect, it } from 'vitest';
import { ProgressLine, type ProgressStream } from '../../../src/cli/progress.js';

/** A terminal that records what is written to it, with a clock the test moves. */
function fakeTerminal(isTTY = true, columns = 120) {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY, columns, write: (s: string) => writes.push(s) };
  let t = 0;
  return { stream, writes, now: () => t, advance: (ms: number) => (t += ms) };
}

/** Runs the callbacks a scan of 13 files, 50 objects and 3 controls would make, `step` ms apart. */
function scanEvents(progress: ProgressLine, advance: (ms: number) => void, step: number) {
  const { onPhase, onProgress } = progress.callbacks();
  onPhase('load');
  for (let i = 1; i <= 13; i++) advance(step), onProgress({ step: 'read', done: i, total: 13 });
  for (const done of [20, 50]) advance(step), onProgress({ step: 'validate', done, total: 50 });
  advance(step), onPhase('engine');
  advance(step), onPhase('evaluate');
  for (let i = 1; i <= 3; i++) advance(step), onProgress({ step: 'evaluate', done: i, total: 3 });
  onPhase('findings');
}

describe('progress line', () => {
  it('says nothing for a scan that ends within a second', () => {
    const term = fakeTerminal();
    const progress = new ProgressLine(term.stream, { now: term.now });
    scanEvents(progress, term.advance, 10);
    progress.done();
    expect(term.writes).toEqual([]);
  });

  it('after a second, one line rewritten in place (CR, text, clear to end of line), then erased', () => {
    const term = fakeTerminal();
    const progress = new ProgressLine(term.stream, { now: term.now, intervalMs: 0 });
    scanEvents(progress, term.advance, 200);
    progress.done();
    expect(term.writes.length).toBeGreaterThan(5);
    for (const w of term.writes) {
      expect(w.startsWith('\r')).toBe(true);
      expect(w.endsWith('\u001b[K')).toBe(true);
      expect(w).not.toContain('\n');
    }
    const texts = term.writes.map((w) => w.slice(1, -3));
    expect(texts).toContain('shareguard: reading files 5/13');
    expect(texts).toContain('shareguard: 13 files read · validating objects 20/50');
    expect(texts).toContain('shareguard: 13 files read · 50 objects validated · loading the policy engine');
    expect(texts).toContain('shareguard: 13 files read · 50 objects validated · evaluating controls');
    expect(texts).toContain('shareguard: 13 files read · 50 objects validated · evaluating controls 2/3');
    expect(term.writes.at(-1)).toBe('\r\u001b[K');
  });

  it('redraws at most once per interval', () => {
    const term = fakeTerminal();
    const progress = new ProgressLine(term.stream, { now: term.now, delayMs: 0, intervalMs: 100 });
    const { onProgress } = progress.callbacks();
    for (let i = 1; i <= 100; i++) term.advance(10), onProgress({ step: 'evaluate', done: i, total: 100 });
    expect(term.writes).toHaveLength(10);
  });

  it('is silent when stderr is not a terminal, or with --quiet', () => {
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const term = fakeTerminal(isTTY);
      const progress = new ProgressLine(term.stream, { now: term.now, quiet, delayMs: 0, intervalMs: 0 });
      scanEvents(progress, term.advance, 500);
      progress.done();
      expect(term.writes).toEqual([]);
    }
  });

  it('never wider than the terminal (a wrapped line could not be rewritten), and names the export for diff', () => {
    const term = fakeTerminal(true, 40);
    const progress = new ProgressLine(term.stream, { now: term.now, delayMs: 0, intervalMs: 0 });
    const { onPhase, onProgress } = progress.callbacks('exports/head');
    onPhase('load');
    onProgress({ step: 'read', done: 1, total: 2000 });
    const text = term.writes.at(-1)!.slice(1, -3);
    expect(text.length).toBeLessThanOrEqual(39);
    expect(text).toBe('shareguard: exports/head: reading file…');
  });

  it('a terminal that does not say its width is taken as 80 columns wide', () => {
    const term = fakeTerminal(true, 0);
    const progress = new ProgressLine(term.stream, { now: term.now, delayMs: 0, intervalMs: 0 });
    progress.callbacks().onProgress({ step: 'validate', done: 1, total: 1_000_000 });
    expect(term.writes.at(-1)).toBe('\rshareguard: validating objects 1/1,000,000\u001b[K');
  });

  it('done() erases only what it drew, once', () => {
    const term = fakeTerminal();
    const progress = new ProgressLine(term.stream, { now: term.now, delayMs: 0, intervalMs: 0 });
    progress.done();
    expect(term.writes).toEqual([]);
    progress.callbacks().onPhase('load');
    progress.done();
    progress.done();
    expect(term.writes).toEqual(['\rshareguard: reading the export\u001b[K', '\r\u001b[K']);
  });
});
