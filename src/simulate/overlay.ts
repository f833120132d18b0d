import type { DataPatch } from '../engine/engine.js';
import type { NormalisedTenant } from '../model/types.js';

type Obj = Record<string, unknown>;

/**
 * The large maps, read by key only when a change's data is gathered (closure.ts): a patch into one of them
 * writes to a layer whose prototype is the loaded map (Object.create), so the first patch costs nothing
 * however many objects it holds (a million users). Every other object a patch reaches (settings, counts,
 * small indexes) is copied shallowly on first write: those are given whole to every document and
 * JSON.stringify writes own properties only.
 */
const LAYERED_TOP = new Set(['users', 'groups', 'flows', 'apps']);
const LAYERED_INDEX = new Set(['usersByUpn', 'usersByMail', 'memberOf', 'flowsByPrincipal', 'flowsByEnvironment']);

/**
 * data.tenant as the simulation's changes leave it, for gathering each change's document on a tenant too
 * large for one instance: the loaded (never modified) tenant with the renormaliser's patches (the ones the
 * one-instance path gives the engine) applied to copy-on-write layers.
 */
export class TenantOverlay {
  /** The current tenant: read it by key; `materialise` for one whose maps can be listed. */
  readonly tenant: NormalisedTenant;
  /** Layered map → the loaded map under it. */
  private readonly layers = new Map<Obj, Obj>();
  private readonly owned = new WeakSet<object>();

  constructor(base: NormalisedTenant) {
    this.tenant = { ...base, index: { ...base.index } } as NormalisedTenant;
    this.owned.add(this.tenant);
    this.owned.add(this.tenant.index);
  }

  /**
   * Applies the engine's patches (paths start with 'tenant'). Returns the patches that undo them, in the order
   * to apply them (the values they replaced; a removal where there was nothing).
   */
  apply(patches: readonly DataPatch[]): DataPatch[] {
    const undo: DataPatch[] = [];
    for (const { path, value } of patches) {
      if (path[0] !== 'tenant' || path.length < 2) continue;
      undo.push({ path, value: this.read(path) });
      let parent = this.tenant as unknown as Obj;
      for (let i = 1; i < path.length - 1; i += 1) {
        const key = path[i]!;
        const layered = (i === 1 && LAYERED_TOP.has(key)) || (i === 2 && path[1] === 'index' && LAYERED_INDEX.has(key));
        parent = this.own(parent, key, layered);
      }
      const last = path[path.length - 1]!;
      const layer = this.layers.has(parent);
      if (value === undefined) {
        if (layer) parent[last] = undefined; // shadows the loaded entry
        else delete parent[last];
      } else parent[last] = value;
    }
    return undo.reverse();
  }

  /** The current value at a patch's path (undefined when there is none). */
  private read(path: readonly string[]): unknown {
    let at: unknown = this.tenant;
    for (let i = 1; i < path.length && at !== undefined; i += 1) {
      at = at !== null && typeof at === 'object' ? (at as Obj)[path[i]!] : undefined;
    }
    return at;
  }

  /**
   * A tenant whose maps hold their entries as own properties (the sharded scan lists them): each layered map
   * merged with the map under it, removed entries dropped. Costs a copy of each edited large map.
   */
  materialise(): NormalisedTenant {
    const flat = (o: unknown): unknown => {
      const base = this.layers.get(o as Obj);
      if (!base) return o;
      const out: Obj = { ...base };
      for (const [k, v] of Object.entries(o as Obj)) {
        if (v === undefined) delete out[k];
        else out[k] = v;
      }
      return out;
    };
    const top: Obj = {};
    for (const [k, v] of Object.entries(this.tenant)) top[k] = flat(v);
    const index: Obj = {};
    for (const [k, v] of Object.entries(this.tenant.index)) index[k] = flat(v);
    top.index = index;
    return top as unknown as NormalisedTenant;
  }

  /** The child `key` of `parent`, made this overlay's own (layered or copied) if it is still the loaded one. */
  private own(parent: Obj, key: string, layered: boolean): Obj {
    const child = parent[key];
    if (child && typeof child === 'object' && this.owned.has(child)) return child as Obj;
    let mine: Obj;
    if (child && typeof child === 'object' && layered) {
      mine = Object.create(child as Obj) as Obj;
      this.layers.set(mine, child as Obj);
    } else if (Array.isArray(child)) mine = [...child] as unknown as Obj;
    else mine = child && typeof child === 'object' ? { ...(child as Obj) } : {};
    this.owned.add(mine);
    parent[key] = mine;
    return mine;
  }
}
