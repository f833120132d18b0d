import { LIST_SECTIONS, referenceReader, SECTIONS, type ListSection, type ReferenceReader } from '../tenant-model/description.js';
import type { JsonObject } from '../model/types.js';
import type { ObjectKind } from './apply.js';
import type { Renormalised } from './renormalise.js';
import type { CopyOnWriteStore } from './store.js';

/**
 * What a scoped evaluation re-checks (input.scope): object ids per kind, and whether a tenant-wide count
 * (users, enabled users) moved, for the controls that compare with one.
 */
export type Scope = Record<ObjectKind, string[]> & {
  /** Environments whose flows are re-checked (for controls on environments that read their flows). */
  flowEnvironments: string[];
  tenantCounts: boolean;
};

/**
 * Per list section, the reference fields a change to the principal they name should re-check the object
 * for: every described reference (description.ts) but those marked `scope: false`.
 */
const FOLLOWED: ReadonlyMap<ListSection, readonly ReferenceReader[]> = new Map(
  SECTIONS.flatMap((s) => {
    if (!s.list) return [];
    const readers = s.references.filter((r) => !('scope' in r) || r.scope !== false).map((r) => referenceReader(r.path));
    return readers.length > 0 ? [[s.name, readers] as const] : [];
  }),
);

/**
 * Works out which objects' findings a change can alter. Which objects matter is plumbing (who references
 * whom); whether anything is a problem is still decided by the policies, evaluated on those objects.
 */
export class ScopeFinder {
  /** Principal id → the objects ("kind/id") naming it in a followed reference field. */
  private references: Map<string, Set<string>> | undefined;

  constructor(
    private readonly store: CopyOnWriteStore,
    private readonly memberOf: (userId: string) => string[],
  ) {}

  /** Builds the reference index the first change would otherwise pay for. */
  prepare(): void {
    this.referenceIndex();
  }

  /** principal id → keys ("kind/id") of the objects that name it. */
  private referenceIndex(): Map<string, Set<string>> {
    if (this.references) return this.references;
    this.references = new Map();
    for (const kind of FOLLOWED.keys()) {
      for (const id of this.store.ids(kind)) this.addReferences(kind, id, this.store.get(kind, id)!);
    }
    return this.references;
  }

  /** Records who the object names, once the index exists (it only grows: a stale entry just widens a scope). */
  addReferences(kind: ObjectKind, id: string, o: JsonObject): void {
    const index = this.references;
    if (!index) return; // built later from the current objects
    const readers = FOLLOWED.get(kind);
    if (!readers) return;
    const key = `${kind}/${id}`;
    const add = (p: unknown) => {
      if (typeof p !== 'string' || !p) return;
      let set = index.get(p);
      if (!set) index.set(p, (set = new Set()));
      set.add(key);
    };
    for (const read of readers) read(o, add);
  }

  /**
   * The objects to re-check:
   * - every edited object (an edited user, group, flow, environment or app);
   * - users whose group memberships or flow roles changed, and the members of a group whose flow roles
   *   changed (controls on users read which flows they can reach);
   * - the groups, flows, environments and apps that name an edited user (directly, or through a group it
   *   is in: they read its attributes) or an edited group (they read its members);
   * - the environments of the flows re-checked, apart (flowEnvironments): only controls on environments
   *   that read their flows look at those.
   * A user who only gained or lost a membership or a flow role is not followed into its other groups:
   * nothing read through them changed.
   */
  scopeOf({ dirty, attributeUsers: edited, dirtyPrincipals, tenantCounts }: Renormalised): Scope {
    const references = this.referenceIndex();
    const users = new Set(dirty.get('users'));
    for (const p of dirtyPrincipals) {
      if (this.store.get('users', p)) users.add(p);
      else for (const m of asArray(this.store.get('groups', p)?.transitiveMembers)) users.add(m as string);
    }
    const readers = new Set<string>([...edited, ...dirty.get('groups')!]);
    for (const u of edited) for (const g of this.memberOf(u)) readers.add(g);

    const scope = new Map<ObjectKind, Set<string>>(LIST_SECTIONS.map((k) => [k, new Set(k === 'users' ? users : dirty.get(k)!)]));
    for (const p of readers) {
      if (this.store.get('groups', p)) scope.get('groups')!.add(p);
      for (const key of references.get(p) ?? []) {
        const slash = key.indexOf('/');
        scope.get(key.slice(0, slash) as ObjectKind)!.add(key.slice(slash + 1));
      }
    }
    const flowEnvironments = new Set<string>();
    for (const id of scope.get('flows')!) {
      const env = this.store.get('flows', id)?.environmentId;
      if (typeof env === 'string') flowEnvironments.add(env);
    }
    const out = Object.fromEntries(LIST_SECTIONS.map((k) => [k, [...scope.get(k)!].sort()])) as Record<ObjectKind, string[]>;
    return { ...out, flowEnvironments: [...flowEnvironments].sort(), tenantCounts };
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
