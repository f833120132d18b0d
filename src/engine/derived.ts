import { PolicyError } from '../errors.js';
import type { NormalisedTenant } from '../model/types.js';
import type { DataPatch, PolicyEngine } from './engine.js';

/**
 * data.derived: verdicts of the view rules (policies/views) about single objects, stored beside the
 * tenant so that controls aggregating them over an environment read a lookup rather than judge every
 * object again. Rego gives the verdicts; this module only files them by environment.
 */
export interface Derived {
  /** environment id → { flow id: true } for its flows with an external owner or run-only user. */
  externalAccessByEnvironment: Record<string, Record<string, true>>;
}

interface ViewResult {
  externalAccessFlows: string[];
}

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
 * (after setData); `refresh` judges again the flows a change can affect and patches what moved.
 */
export class DerivedViews {
  /** Flows judged to have external access → the environment they were filed under. */
  private readonly external = new Map<string, string>();

  constructor(private readonly engine: PolicyEngine) {}

  load(input: Record<string, unknown>, tenant: NormalisedTenant): void {
    const byEnvironment: Derived['externalAccessByEnvironment'] = Object.create(null);
    for (const id of evaluateViews(this.engine, input).externalAccessFlows) {
      const env = tenant.flows?.[id]?.environmentId;
      if (typeof env !== 'string') continue;
      (byEnvironment[env] ??= Object.create(null))[id] = true;
      this.external.set(id, env);
    }
    this.engine.patchData([{ path: ['derived'], value: { externalAccessByEnvironment: byEnvironment } satisfies Derived }]);
  }

  /** Judges the given flows again (the data already patched) and files the verdicts that changed. */
  refresh(input: Record<string, unknown>, flows: readonly string[], environmentOf: (flowId: string) => string | undefined): void {
    if (flows.length === 0) return;
    const scope = { users: [], groups: [], environments: [], flowEnvironments: [], flows, apps: [], dlpPolicies: [], tenantCounts: false };
    const now = new Set(evaluateViews(this.engine, input, scope).externalAccessFlows);
    const patches: DataPatch[] = [];
    for (const id of flows) {
      const was = this.external.get(id);
      const env = now.has(id) ? environmentOf(id) : undefined;
      if (was === env) continue;
      if (was !== undefined) patches.push({ path: ['derived', 'externalAccessByEnvironment', was, id] });
      if (env !== undefined) patches.push({ path: ['derived', 'externalAccessByEnvironment', env, id], value: true });
      if (env === undefined) this.external.delete(id);
      else this.external.set(id, env);
    }
    this.engine.patchData(patches);
  }
}
