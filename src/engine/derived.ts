import { PolicyError } from '../errors.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import type { DataPatch, PolicyEngine } from './engine.js';

/** How many distinct display names, and the first five in sorted order. */
export interface NameSummary {
  count: number;
  first: string[];
}

/**
 * data.derived: verdicts of the view rules (policies/views) about single objects, summarised by
 * environment and stored beside the tenant, so that a control aggregating them over an environment
 * reads one value instead of judging every flow again. Rego gives the verdicts; this module only counts
 * and sorts them.
 */
export interface Derived {
  /** environment id → its flows with an external owner or run-only user (absent when there is none). */
  externalAccessByEnvironment: Record<string, NameSummary>;
}

interface ViewResult {
  externalAccessFlows: string[];
}

const FIRST = 5;

/** Evaluates the views over the objects in scope (every object without a scope). */
function evaluateViews(engine: PolicyEngine, input: Record<string, unknown>, scope?: unknown): ViewResult {
  const entrypoint = engine.bundle.manifest.viewsEntrypoint;
  if (!entrypoint) throw new PolicyError(`policy bundle ${engine.bundle.source} has no views entrypoint: rebuild it with npm run policies:build`);
  const value = engine.evaluate(scope === undefined ? input : { ...input, scope }, entrypoint) as Partial<ViewResult>;
  if (!Array.isArray(value?.externalAccessFlows)) throw new PolicyError(`${entrypoint} returned a malformed result`);
  return value as ViewResult;
}

/**
 * The views over the whole tenant, kept in step with later changes. `load` stores them in the engine
 * (after setData); `refresh` judges again the flows a change can affect and patches the environments
 * whose summary moved.
 */
export class DerivedViews {
  /** Flows judged to have external access → where they were counted. */
  private readonly external = new Map<string, { env: string; name: string }>();
  /** environment id → display name → how many of its exposed flows carry it. */
  private readonly names = new Map<string, Map<string, number>>();

  constructor(private readonly engine?: PolicyEngine) {}

  load(input: Record<string, unknown>, tenant: NormalisedTenant): void {
    this.engine!.patchData([{ path: ['derived'], value: this.summarise(evaluateViews(this.engine!, input).externalAccessFlows, tenant) }]);
  }

  /**
   * data.derived from the flows the views judged to have external access: what `load` stores, and what a
   * sharded scan gives its tenant shard after its flow shards judged their flows (no engine needed then).
   */
  summarise(externalAccessFlows: Iterable<string>, tenant: NormalisedTenant): Derived {
    for (const id of externalAccessFlows) this.count(id, tenant.flows?.[id], 1);
    const byEnvironment: Derived['externalAccessByEnvironment'] = Object.create(null);
    for (const env of this.names.keys()) byEnvironment[env] = this.summary(env)!;
    return { externalAccessByEnvironment: byEnvironment };
  }

  /** Judges the given flows again (the tenant already patched) and updates the summaries that moved. */
  refresh(input: Record<string, unknown>, flows: readonly string[], flowOf: (flowId: string) => JsonObject | undefined): void {
    if (flows.length === 0) return;
    const scope = { users: [], groups: [], environments: [], flowEnvironments: [], flows, apps: [], dlpPolicies: [], tenantCounts: false };
    const now = new Set(evaluateViews(this.engine!, input, scope).externalAccessFlows);
    this.engine!.patchData(this.update(flows, now, flowOf));
  }

  /**
   * Takes the views' verdicts on `flows` (those in `now` have external access) and returns the patches of
   * the environments whose summary moved: refresh's bookkeeping, for a caller that judged the flows in
   * another instance (a simulated change on a tenant too large for one, simulate/closure-step.ts).
   */
  update(flows: readonly string[], now: ReadonlySet<string>, flowOf: (flowId: string) => JsonObject | undefined): DataPatch[] {
    const touched = new Set<string>();
    for (const id of flows) {
      const was = this.external.get(id);
      const flow = now.has(id) ? flowOf(id) : undefined;
      if (was && flow && was.env === flow.environmentId && was.name === flow.displayName) continue;
      if (was) touched.add(this.count(id, undefined, -1)!);
      if (flow) {
        const env = this.count(id, flow, 1);
        if (env) touched.add(env);
      }
    }
    return [...touched].map((env) => ({ path: ['derived', 'externalAccessByEnvironment', env], value: this.summary(env) }));
  }

  /** data.derived as it stands (after summarise and any updates). */
  current(): Derived {
    const byEnvironment: Derived['externalAccessByEnvironment'] = Object.create(null);
    for (const env of this.names.keys()) {
      const summary = this.summary(env);
      if (summary) byEnvironment[env] = summary;
    }
    return { externalAccessByEnvironment: byEnvironment };
  }

  /** Counts a flow in (1) or out (-1); returns the environment concerned. */
  private count(id: string, flow: JsonObject | undefined, delta: 1 | -1): string | undefined {
    if (delta === -1) {
      const was = this.external.get(id)!;
      this.external.delete(id);
      const names = this.names.get(was.env)!;
      const n = names.get(was.name)! - 1;
      if (n > 0) names.set(was.name, n);
      else names.delete(was.name);
      return was.env;
    }
    const env = flow?.environmentId;
    if (typeof env !== 'string') return undefined;
    const name = String(flow!.displayName ?? id);
    this.external.set(id, { env, name });
    let names = this.names.get(env);
    if (!names) this.names.set(env, (names = new Map()));
    names.set(name, (names.get(name) ?? 0) + 1);
    return env;
  }

  /** The summary of an environment, or undefined (removed from data.derived) when it has no exposed flow. */
  private summary(env: string): NameSummary | undefined {
    const names = this.names.get(env);
    if (!names || names.size === 0) return undefined;
    // Byte order of the UTF-8 text, as Rego's sort compares strings (UTF-16 order differs past U+FFFF).
    const sorted = [...names.keys()]
      .map((name) => ({ name, bytes: Buffer.from(name) }))
      .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
      .map((e) => e.name);
    return { count: sorted.length, first: sorted.slice(0, FIRST) };
  }
}
