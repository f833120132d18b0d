import { describe, expect, it } from 'vitest';
import { collectGarbage, HeapBudget } from '../../../src/engine/heap.js';

describe('collecting the heap at a known rate (HeapBudget)', () => {
  it('collects each time the garbage made passes the budget, and not before', () => {
    let collected = 0;
    const heap = new HeapBudget(100, () => (collected += 1));
    heap.made(60);
    expect(collected).toBe(0);
    heap.made(60);
    expect(collected).toBe(1);
    heap.made(99);
    expect(collected).toBe(1);
    heap.made(250);
    expect([collected, heap.collections]).toEqual([2, 2]);
  });

  it('collects garbage without --expose-gc', () => {
    const before = () => process.memoryUsage().heapUsed;
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ id: `garbage ${i}` }));
    const withGarbage = before();
    garbage = undefined;
    collectGarbage();
    expect(garbage).toBeUndefined();
    expect(before()).toBeLessThan(withGarbage);
  });
});
