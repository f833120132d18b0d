import os from 'node:os';
import { enabledControls } from '../config/config.js';
import { PolicyError, UsageError } from '../errors.js';
import type { ControlMetadata, PolicyBundle } from '../engine/bundle.js';
import { changeClosure, gatherScope, scopeClosureBoth } from '../engine/closure.js';
import { DerivedViews, type NameSummary } from '../engine/derived.js';
import { MEMORY_CEILING_MIB, type PolicyEngine } from '../engine/engine.js';
import { shardRunner } from '../engine/pool.js';
import { jsonBytes } from '../engine/json-bytes.js';
import { SHARD_TARGET_BYTES, estimateBytes, planShards, readsOf, scopeOf, shardData, shardKindsOf } from '../engine/shard-plan.js';
import { toFindings } from '../findings/findings.js';
import type { Finding } from '../findings/types.js';
import type { NormalisedTenant } from '../model/types.js';
import { engineFor, evaluateScoped, loadIntoEngine, scan, workersFor, type LoadedTenant, type ScanOptions } from '../scan.js';
import { applyChange, type PlatformVerdict } from './apply.js';
import { TenantOverlay } from './overlay.js';
import { TenantState, type Commit, type Scope } from './state.js';
import type { ResolvedChange } from './types.js';
import { byFingerprint, compare, type FindingSet } from './finding-set.js';


export interface ClosureStepOptions extends Pick<ScanOptions, 'asOf' | 'params' | 'controls' | 'jobs'> {
  bundle: PolicyBundle;
}

export type ClosureStep = (
  change: ResolvedChange,
  judge: (change: ResolvedChange) => PlatformVerdict,
  sentAt: string,
) => Promise<{ verdict: PlatformVerdict; diff: { introduced: Finding[]; resolved: Finding[] } | undefined }>;

/**
 * Each change on a tenant too large for one instance (scan.ts, exceedsOneInstance), with the same verdicts
 * and findings as the one-instance way (incrementalStep in simulate.ts), which keeps the whole tenant in one
 * instance and patches it:
 * - the platform rules judge the change over its closure (closure.ts, changeClosure);
 * - the change is applied to the same TenantState, whose commit gives the same patches and scope; the patches
 *   go to a TenantOverlay (the tenant as the changes leave it, copy-on-write over the loaded one);
 * - with a scope, the scoped evaluation runs before and after the change over one document holding what the
 *   scope reads in either state (tens of kilobytes at the median on the bench's tenants, 20,000 to 300,000
 *   users; up to about 1 MB when a large group is in scope), set in the one instance every document reuses;
 * - without one (a setting changed, a section appeared), the controls reading the changed sections are
 *   evaluated by the sharded scan over the whole tenant before and after (two scans' worth of work: a
 *   settings change on a tenant this large costs what scanning it twice costs).
 * A control whose METADATA declares no shards (a custom policy may not) is evaluated in an instance of the whole
 * tenant kept in step with the changes, as incrementalStep does (the built-in controls all declare theirs).
 * data.derived is kept here, in TypeScript, from the views' verdicts as DerivedViews does for the one instance:
 * judged over every flow at the start (in flow shards: most of the setup, 24 s of a 41 s run of 200 changes on
 * the 300,000-user tenant, against 55 s for one scan of it) and after a change without scope, and over the
 * scope's flows (in its document, patched) after a scoped change; each document gets the whole summary (one
 * entry per environment with exposed flows: a few hundred at most).
 */
export async function closureStep(engine: PolicyEngine, loaded: LoadedTenant, input: Record<string, unknown>, options: ClosureStepOptions): Promise<ClosureStep> {
  const bundle = options.bundle;
  const views = bundle.manifest.viewsEntrypoint;
  if (!views) throw new PolicyError(`policy bundle ${bundle.source} has no views entrypoint: rebuild it with npm run policies:build`);
  const overlay = new TenantOverlay(loaded.tenant);
  let derived = await judgeEveryFlow(loaded.tenant, bundle, input, options);
  // data.derived as given to the documents: summarised once, then kept by the patches `update` returns (a
  // summary sorts its environment's names: done for every environment on each change, it was a third of a
  // change's time on the bench's 300,000-user tenant).
  let derivedData = derived.current();
  const state = new TenantState(loaded.tenant);
  state.prepare();
  const flowOf = (flowId: string) => state.get('flows', flowId);
  const locations = loaded.merged.locations;
  // The one instance every document is set in (replaceDataJson): made now, with the first document.
  await engine.setDataJson(jsonBytes(changeClosure(overlay.tenant, {})));
  const set = (data: unknown): void => {
    const json = jsonBytes(data);
    // The parsed document takes about 6.5 times its JSON (initialPages in engine.ts): a change whose closure
    // holds a group of most of the tenant cannot be evaluated this way (as a scan's shard cannot, scan.ts).
    if (json.byteLength * 6.5 > MEMORY_CEILING_MIB * 1024 * 1024) {
      throw new UsageError(
        `a simulated change reads ${Math.ceil(json.byteLength / (1024 * 1024))} MiB of the tenant (a group it names brings its members), about ${Math.ceil((json.byteLength * 6.5) / (1024 * 1024))} MiB in the policy engine, beyond the ${MEMORY_CEILING_MIB} MiB one instance can address`,
      );
    }
    void engine.replaceDataJson(json);
  };

  // Controls that declare no shards (a custom policy may not) can read anything: a scope's closure is no
  // answer for them (the example policy CONTOSO-FLOW-01 finds its approved group by name among every group).
  // They keep the one-instance way, in an instance of their own holding the whole tenant, patched with every
  // change, as the sharded scan gives them a shard of the whole tenant: correct, and as unbounded in memory.
  const wholeControls = new Set(enabledControls(bundle.manifest.controls, options.controls).filter((c) => shardKindsOf(c).includes('whole')).map((c) => c.id));
  const whole = wholeControls.size > 0 ? await wholeTenantEngine(bundle, loaded.tenant, input) : undefined;
  const isWhole = (f: unknown) => wholeControls.has((f as { controlId?: string })?.controlId ?? '');

  /** The scoped evaluation before and after a change's patches (in the batch of its verdict). */
  const scoped = (scope: Scope, patches: Commit['patches']) => {
    const evaluate = (): FindingSet => {
      const raw = evaluateScoped(engine, input, scope, options).filter((f) => !isWhole(f));
      if (whole) raw.push(...evaluateScoped(whole.engine, input, scope, options).filter(isWhole));
      return byFingerprint(toFindings(raw, locations));
    };
    // One document for both evaluations (one parse instead of two): what the scope reads before the change or
    // after it, as it is after; undone to evaluate before, then patched back as the one instance is patched.
    // Objects the scope reads only in one of the states, or that a patch reaches outside the scope's closure,
    // are extra data, never in scope: a scoped evaluation iterates the scope's objects and looks the rest up by
    // id (the per-change property tests compare every finding with the one instance's).
    const readBefore = gatherScope(overlay.tenant, scope);
    const undo = overlay.apply(patches);
    set(scopeClosureBoth(overlay.tenant, scope, readBefore, derivedData));
    engine.patchData(undo);
    const before = evaluate();
    engine.patchData(patches);
    if (whole) {
      whole.engine.patchData(patches);
      whole.views?.refresh(input, scope.flows, flowOf);
    }
    if (scope.flows.length > 0) {
      const flowScope = { users: [], groups: [], environments: [], flowEnvironments: [], flows: scope.flows, apps: [], dlpPolicies: [], tenantCounts: false };
      const value = engine.evaluate({ ...input, scope: flowScope }, views) as { externalAccessFlows?: unknown };
      if (!Array.isArray(value?.externalAccessFlows)) throw new PolicyError(`${views} returned a malformed result`);
      const moved = derived.update(scope.flows, new Set(value.externalAccessFlows as string[]), flowOf);
      engine.patchData(moved);
      if (moved.length > 0) {
        const byEnvironment = { ...derivedData.externalAccessByEnvironment };
        for (const { path, value: summary } of moved) {
          if (summary === undefined) delete byEnvironment[path[2]!];
          else byEnvironment[path[2]!] = summary as NameSummary;
        }
        derivedData = { externalAccessByEnvironment: byEnvironment };
      }
    }
    return compare(before, evaluate());
  };

  return async (change, judge, sentAt) => {
    // The verdict, the change and (with a scope) both evaluations under one deadline: one watchdog thread a
    // change instead of two (see EvaluationBudget.run: up to 0.5 ms each on a loaded machine).
    const judged = engine.batch(() => {
      set(changeClosure(overlay.tenant, change));
      const verdict = judge(change);
      if (!applyChange(state, change, verdict, sentAt)) return { verdict, commit: undefined, diff: undefined };
      const commit = state.commit();
      return { verdict, commit, diff: commit.scope ? scoped(commit.scope, commit.patches) : undefined };
    });
    const { verdict, commit } = judged;
    if (!commit) return { verdict, diff: undefined };
    if (judged.diff) return { verdict, diff: judged.diff };
    const { patches, sections } = commit;

    // No scope: the controls reading the changed sections (all of them when a section appeared), over the
    // whole tenant, by the sharded scan; then the views again over every flow.
    const changed = new Set(sections);
    const only = (c: ControlMetadata) => changed.size === 0 || c.sections.some((s) => changed.has(s));
    const controls: NonNullable<ScanOptions['controls']> = { ...options.controls };
    for (const c of bundle.manifest.controls) if (!only(c)) controls[c.id] = { ...controls[c.id], enabled: false };
    const evaluate = async (tenant: NormalisedTenant): Promise<FindingSet> => {
      const result = await scan({ ...loaded, tenant }, { ...pick(options), controls, bundle, sharding: { force: true } });
      return byFingerprint(result.findings);
    };
    const before = await evaluate(overlay.materialise());
    overlay.apply(patches);
    if (whole) {
      whole.engine.patchData(patches);
      whole.views?.refresh(input, state.ids('flows'), flowOf);
    }
    const now = overlay.materialise();
    const diff = compare(before, await evaluate(now));
    derived = await judgeEveryFlow(now, bundle, input, options);
    derivedData = derived.current();
    return { verdict, diff };
  };
}

/** An instance holding the whole tenant and its views (loadIntoEngine), for the controls that declare no shards. */
async function wholeTenantEngine(bundle: PolicyBundle, tenant: NormalisedTenant, input: Record<string, unknown>) {
  const engine = await engineFor(bundle);
  const views = await loadIntoEngine(engine, tenant, input);
  return { engine, views };
}

/** The views' verdicts over every flow, in flow shards (as a sharded scan judges them), summarised. */
async function judgeEveryFlow(tenant: NormalisedTenant, bundle: PolicyBundle, input: Record<string, unknown>, options: ClosureStepOptions): Promise<DerivedViews> {
  const views = bundle.manifest.viewsEntrypoint!;
  const flowControls = bundle.manifest.controls.filter((c) => c.shards?.includes('flows'));
  const shards = planShards(tenant, flowControls.length > 0 ? flowControls : [{ ...bundle.manifest.controls[0]!, shards: ['flows'] }]).filter((s) => s.kind === 'flows');
  // As many threads as a scan would use (--jobs, else every core), never more than there are shards nor than
  // the memory holds: a flow shard's references come to about four times its flows (SHARD_TARGET_BYTES in
  // shard-plan.ts), so it is counted at five times them, as the sharded scan counts it (workersFor says how
  // much memory was needed when even one does not fit: exit 2).
  const perFlow = estimateBytes(tenant).flows.perObject;
  const jobs = workersFor({
    largestShardBytes: Math.max(SHARD_TARGET_BYTES, ...shards.map((s) => s.ids.length * perFlow * 5)),
    rss: process.memoryUsage().rss,
    total: os.totalmem(),
    jobs: options.jobs ?? os.availableParallelism(),
    shards: Math.max(1, shards.length),
  });
  const runner = await shardRunner(bundle, jobs);
  // The shards run the views alone: their users with the fields the views read (custom.reads).
  const reads = readsOf([bundle.manifest.viewsReads ? { reads: bundle.manifest.viewsReads } : {}]);
  try {
    const results = await runner.run(shards.length, (i, write) => {
      const shard = shards[i]!;
      const { data, references } = shardData(tenant, shard, undefined, reads, { streamed: true });
      return { text: write(data), references: [], input: { ...input, scope: scopeOf(shard, tenant, references.length === 0) }, controls: [], views };
    });
    const derived = new DerivedViews();
    derived.summarise(results.flatMap((r) => r.externalAccessFlows ?? []), tenant);
    return derived;
  } finally {
    await runner.close();
  }
}

function pick(options: ClosureStepOptions): Pick<ScanOptions, 'asOf' | 'params' | 'jobs'> {
  return { ...(options.asOf ? { asOf: options.asOf } : {}), ...(options.params ? { params: options.params } : {}), ...(options.jobs ? { jobs: options.jobs } : {}) };
}


