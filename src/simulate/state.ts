import type { DataPatch } from '../engine/engine.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import type { ChangeTarget, ObjectKind } from './apply.js';
import { Renormaliser } from './renormalise.js';
import { ScopeFinder, type Scope } from './scope.js';
import { CopyOnWriteStore } from './store.js';

export type { Scope } from './scope.js';

type Obj = Record<string, unknown>;

/** What committing one change gives the simulator. */
export interface Commit {
  /** Edits that bring the engine's data.tenant up to date. */
  patches: DataPatch[];
  /**
   * The objects whose findings the change can alter, or `null` when it can alter findings anywhere
   * (a settings change, or a section that was absent appearing): then every affected control is
   * evaluated over the whole tenant.
   */
  scope: Scope | null;
  /** The sections whose settings changed (for choosing the controls to evaluate when scope is null). */
  sections: string[];
}

/**
 * The tenant as the simulation's changes leave it, kept normalised without normalising everything again.
 * Three jobs, one module each:
 * - store.ts: a copy-on-write layer over the loaded (never modified) tenant, where a change writes through
 *   the ChangeTarget methods;
 * - renormalise.ts: on `commit`, re-normalises just the edited objects and the indexes they feed, giving
 *   the patches for the engine's data;
 * - scope.ts: works out which objects' findings the change can alter.
 *
 * `unknownPrincipals` is not maintained: no policy reads it (it feeds the scan summary's count).
 */
export class TenantState implements ChangeTarget {
  private readonly store: CopyOnWriteStore;
  private readonly renormaliser: Renormaliser;
  private readonly scope: ScopeFinder;

  constructor(base: NormalisedTenant) {
    this.store = new CopyOnWriteStore(base);
    this.renormaliser = new Renormaliser(this.store);
    this.scope = new ScopeFinder(this.store, (userId) => this.renormaliser.memberOf(userId));
  }

  /** Builds the lookups the first change would otherwise pay for (who references whom, group nesting). */
  prepare(): void {
    this.scope.prepare();
    this.renormaliser.prepare();
  }

  get(kind: ObjectKind, id: string): JsonObject | undefined {
    return this.store.get(kind, id);
  }

  /** Every id of a kind, added objects included. */
  ids(kind: ObjectKind): string[] {
    return this.store.ids(kind);
  }

  edit(kind: ObjectKind, id: string): Obj | undefined {
    return this.store.edit(kind, id);
  }

  add(kind: ObjectKind, object: Obj): void {
    this.store.add(kind, object);
  }

  setSetting(path: readonly string[], value: unknown): void {
    this.store.setSetting(path, value);
  }

  /** Normalises what the change edited; returns the engine's patches and the scope to re-evaluate. */
  commit(): Commit {
    const done = this.renormaliser.commit(this.store.take(), (kind, id, o) => this.scope.addReferences(kind, id, o));
    if (done.global || done.sections.length > 0) return { patches: done.patches, scope: null, sections: done.sections };
    return { patches: done.patches, scope: this.scope.scopeOf(done), sections: done.sections };
  }
}
