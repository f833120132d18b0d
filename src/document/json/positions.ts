import type { DocPath } from '../types.js';
import { skipString, skipValue, skipWs } from './text.js';

interface Level1Node {
  offset: number;
  items?: number[];
  keys?: Map<string, number>;
}

/** The positions recorded by one scan, as plain data (Maps and arrays): what a scan in a worker thread posts back. */
export interface RootNode {
  offset: number;
  items?: Level1Node[];
  keys?: Map<string, Level1Node>;
}

/**
 * Where the nodes of a JSON text start, recorded to depth 2 during the one scan (the root, each section, each
 * object of a section list or key of a settings section: what error messages and findings point at), and
 * found deeper on demand by a short scan from the nearest recorded node. Recording deeper would cost memory for
 * every field of a 100,000-user export to speed up the few lookups that error paths make.
 */
export class PositionIndex {
  private level1: Level1Node | undefined;

  constructor(
    private text: string | undefined,
    private readonly root: RootNode = { offset: 0 },
  ) {}

  /** What was recorded, to post to another thread (PositionIndex's second argument there). */
  get recorded(): RootNode {
    return this.root;
  }

  /** Lets go of the text: paths deeper than 2 then resolve to their nearest recorded ancestor. */
  detach(): void {
    this.text = undefined;
  }

  /**
   * A value starts at `offset`, at `depth` (≤ 2), as the member `key` of an object or the next element of an
   * array (`inObject` says which). Calls for deeper values are not made (the walk checks the depth).
   */
  value(depth: number, offset: number, inObject: boolean, key: string): void {
    if (depth === 0) this.root.offset = offset;
    else if (depth === 1) {
      const node: Level1Node = { offset };
      this.level1 = node;
      if (inObject) this.root.keys?.set(key, node);
      else this.root.items?.push(node);
    } else if (this.level1) {
      if (inObject) this.level1.keys?.set(key, offset);
      else this.level1.items?.push(offset);
    }
  }

  /** The value just recorded at `depth` (0 or 1) is a container: its children will be recorded. */
  container(depth: number, isObject: boolean): void {
    const node = depth === 0 ? this.root : this.level1;
    if (!node) return;
    if (isObject) node.keys = new Map();
    else node.items = [];
  }

  /** Offset of the node at `path`, or of its nearest existing parent. */
  locate(path: DocPath): number {
    const root = this.root;
    if (path.length === 0) return root.offset;
    const l1 = childOf(root.keys, root.items, path[0] as string | number);
    if (!l1) return root.offset;
    if (path.length === 1) return l1.offset;
    const off2 = childOf(l1.keys, l1.items, path[1] as string | number);
    if (off2 === undefined) return l1.offset;
    let at = off2;
    const text = this.text;
    if (text === undefined) return at;
    for (let k = 2; k < path.length; k++) {
      const next = childOffset(text, at, path[k] as string | number);
      if (next === undefined) break;
      at = next;
    }
    return at;
  }
}

function indexOf(component: string | number): number | undefined {
  if (typeof component === 'number') return Number.isInteger(component) && component >= 0 ? component : undefined;
  return /^(0|[1-9]\d*)$/.test(component) ? Number(component) : undefined;
}

function childOf<T>(keys: Map<string, T> | undefined, items: T[] | undefined, component: string | number): T | undefined {
  if (keys) return keys.get(String(component));
  if (items) {
    const idx = indexOf(component);
    return idx === undefined ? undefined : items[idx];
  }
  return undefined;
}

/** Offset of the child `component` of the container value starting at `at`, if there is one (valid JSON only). */
function childOffset(text: string, at: number, component: string | number): number | undefined {
  const c = text.charCodeAt(at);
  if (c === 0x7b) {
    const want = String(component);
    let i = skipWs(text, at + 1);
    if (text.charCodeAt(i) === 0x7d) return undefined;
    for (;;) {
      const start = i;
      i = skipString(text, i);
      let key = text.slice(start + 1, i - 1);
      if (key.includes('\\')) key = JSON.parse(text.slice(start, i)) as string;
      i = skipWs(text, i) + 1; // the colon
      i = skipWs(text, i);
      if (key === want) return i;
      i = skipWs(text, skipValue(text, i));
      if (text.charCodeAt(i) !== 0x2c) return undefined;
      i = skipWs(text, i + 1);
    }
  }
  if (c === 0x5b) {
    const want = indexOf(component);
    if (want === undefined) return undefined;
    let i = skipWs(text, at + 1);
    if (text.charCodeAt(i) === 0x5d) return undefined;
    for (let k = 0; ; k++) {
      if (k === want) return i;
      i = skipWs(text, skipValue(text, i));
      if (text.charCodeAt(i) !== 0x2c) return undefined;
      i = skipWs(text, i + 1);
    }
  }
  return undefined;
}
