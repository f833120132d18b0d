import { ScanError } from './text.js';

/** Objects with more keys than this switch from a linear key list to a Map for duplicate detection. */
const SMALL_OBJECT = 24;

/**
 * Duplicate-key detection, which JSON.parse does not do (it keeps the last value silently; a duplicated
 * `userType` could turn a guest into a member unseen). One instance per scan: the keys of each open object, by
 * depth. Keys are compared as text ranges and a string is only made where one is needed: for an escaped key
 * (its text is not its value) and for an object past SMALL_OBJECT keys, which moves to a Map (a linear search of
 * 24 short ranges is cheaper than hashing them; past that the quadratic search is not).
 */
export class DuplicateKeys {
  private readonly starts: number[][] = [];
  private readonly lengths: number[][] = [];
  private readonly maps: (Map<string, number> | null)[] = [];

  constructor(private readonly text: string) {}

  /** An object opens at `depth`: its key list starts empty (the arrays are reused between objects). */
  open(depth: number): void {
    (this.starts[depth] ??= []).length = 0;
    (this.lengths[depth] ??= []).length = 0;
    this.maps[depth] = null;
  }

  /**
   * The key whose text (quotes included) is [start, end) in the object open at `depth`; `key` is its value when
   * the caller already made it. Throws a ScanError at the key when the object already has it.
   */
  add(depth: number, start: number, end: number, escaped: boolean, key: string | undefined): void {
    const text = this.text;
    const starts = this.starts[depth] as number[];
    const lengths = this.lengths[depth] as number[];
    let map = this.maps[depth];
    if (!map && (escaped || starts.length >= SMALL_OBJECT)) {
      map = new Map<string, number>();
      for (let k = 0; k < starts.length; k++) {
        const from = starts[k] as number;
        map.set(text.slice(from, from + (lengths[k] as number)), from - 1);
      }
      this.maps[depth] = map;
    }
    if (map) {
      const value = key ?? (escaped ? (JSON.parse(text.slice(start, end)) as string) : text.slice(start + 1, end - 1));
      const first = map.get(value);
      if (first !== undefined) throw new ScanError(start, `duplicate key ${JSON.stringify(value)}`, first);
      map.set(value, start);
      return;
    }
    const from = start + 1;
    const length = end - 1 - from;
    for (let k = 0; k < starts.length; k++) {
      if (lengths[k] === length && sameText(text, starts[k] as number, from, length)) {
        throw new ScanError(start, `duplicate key ${JSON.stringify(text.slice(from, from + length))}`, (starts[k] as number) - 1);
      }
    }
    starts.push(from);
    lengths.push(length);
  }
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}
