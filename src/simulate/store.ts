import { LIST_SECTIONS, type ObjectSection } from '../tenant-model/description.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import { setCopied, type ChangeTarget, type ObjectKind } from './apply.js';

type Obj = Record<string, unknown>;

/** What one change edited, handed over by `take` once it is applied. */
export interface Pending {
  /** Objects edited or added, per kind: id → the object before the change (undefined when new). */
  objects: Map<ObjectKind, Map<string, JsonObject | undefined>>;
  /** Settings sections the change set something in. */
  settings: Set<ObjectSection>;
}

/**
 * The tenant as the simulation's changes leave it: a copy-on-write layer over the loaded (never modified)
 * normalised tenant. A change edits objects through the ChangeTarget methods; `edit` hands out a private
 * copy, which becomes the current object. What a change touched is kept until `take`, for re-normalising
 * (renormalise.ts). Nothing here knows what an object means.
 */
export class CopyOnWriteStore implements ChangeTarget {
  private readonly objects = new Map<ObjectKind, Map<string, JsonObject>>(LIST_SECTIONS.map((k) => [k, new Map()]));
  private readonly settings = new Map<ObjectSection, JsonObject>();
  private readonly addedSections = new Set<string>();
  private pending: Pending = { objects: new Map(), settings: new Set() };

  constructor(readonly base: NormalisedTenant) {}

  // ---- reading ----

  get(kind: ObjectKind, id: string): JsonObject | undefined {
    const changed = this.objects.get(kind)!.get(id);
    if (changed) return changed;
    const map = this.base[kind];
    return map && Object.hasOwn(map, id) ? map[id] : undefined;
  }

  /** Every id of a kind, added objects included. */
  ids(kind: ObjectKind): string[] {
    return [...new Set([...Object.keys(this.base[kind] ?? {}), ...this.objects.get(kind)!.keys()])];
  }

  /** The current value of a settings section (undefined when the export has none and nothing set one). */
  setting(section: ObjectSection): JsonObject | undefined {
    return this.settings.get(section) ?? this.base[section];
  }

  hasSection(name: string): boolean {
    return this.addedSections.has(name) || Object.hasOwn(this.base.sections, name);
  }

  /** Records that a section absent from the export now exists. */
  addSection(name: string): void {
    this.addedSections.add(name);
  }

  /** Makes `object` the current one without counting it as edited (a re-normalised object). */
  replace(kind: ObjectKind, id: string, object: JsonObject): void {
    this.objects.get(kind)!.set(id, object);
  }

  // ---- ChangeTarget: where applyChange writes ----

  edit(kind: ObjectKind, id: string): Obj | undefined {
    const current = this.get(kind, id);
    if (!current) return undefined;
    const pending = this.pendingOf(kind);
    if (!pending.has(id)) pending.set(id, current);
    const copy = { ...current };
    this.objects.get(kind)!.set(id, copy);
    return copy;
  }

  add(kind: ObjectKind, object: Obj): void {
    const id = String(object.id);
    this.pendingOf(kind).set(id, undefined);
    this.objects.get(kind)!.set(id, { ...(object as JsonObject) });
  }

  setSetting(path: readonly string[], value: unknown): void {
    const [section, ...rest] = path as [ObjectSection, ...string[]];
    const copy = { ...(this.setting(section) ?? {}) };
    setCopied(copy, rest, value);
    this.settings.set(section, copy);
    this.pending.settings.add(section);
  }

  /** What was edited since the last call, and a fresh start for the next change. */
  take(): Pending {
    const pending = this.pending;
    this.pending = { objects: new Map(), settings: new Set() };
    return pending;
  }

  private pendingOf(kind: ObjectKind): Map<string, JsonObject | undefined> {
    let map = this.pending.objects.get(kind);
    if (!map) this.pending.objects.set(kind, (map = new Map()));
    return map;
  }
}
