import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Collects the whole JavaScript heap now. Node gives no such call without --expose-gc; the flag is set here,
 * once, and the function taken from a fresh context (Node's documented use of v8.setFlagsFromString). A caller
 * that makes large garbage at a known rate (a large tenant's shard documents, see HeapBudget) collects it when
 * it wants to rather than when V8 would: for a heap holding gigabytes of live tenant, that is either far too
 * often (each shard's memory outside the heap made V8 collect all of it) or far too late.
 */
export function collectGarbage(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

/**
 * Counts the bytes of garbage a caller makes (`made`) and collects the heap each time they pass `every`.
 */
export class HeapBudget {
  private since = 0;
  collections = 0;

  constructor(
    private readonly every: number,
    private readonly collectNow: () => void = collectGarbage,
  ) {}

  made(bytes: number): void {
    this.since += bytes;
    if (this.since < this.every) return;
    this.since = 0;
    this.collections += 1;
    this.collectNow();
  }
}
