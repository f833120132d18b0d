import { PolicyError } from '../errors.js';
import { atOrAbove, type Severity } from '../findings/severity.js';
import { groupNotEvaluated, toFindings } from '../findings/findings.js';
import type { Finding, NotEvaluated, ReportHeader } from '../findings/types.js';
import type { MergedExport } from '../load/types.js';
import { normaliseTenant } from '../model/normalise.js';
import { enabledControls } from '../config/config.js';
import type { ControlMetadata } from '../engine/bundle.js';
import type { PolicyEngine } from '../engine/engine.js';
import { closureStep } from './closure-step.js';
import { builtinBundle, engineFor, withBudgetFor, evaluateControls, exceedsOneInstance, evaluateScoped, loadIntoEngine, policyInput, reportHeader, type LoadedTenant, type ScanOptions } from '../scan.js';
import { applyChange, copySections, sectionsTarget, type PlatformVerdict, type Sections } from './apply.js';
import { TenantState } from './state.js';
import type { ResolvedChange } from './types.js';
import { byFingerprint, compare, type FindingSet } from './finding-set.js';

export type Decision = 'deny' | 'warn' | 'allow';

export interface ChangeResult {
  index: number;
  action: ResolvedChange['action'];
  platform: { allowed: boolean; rules: PlatformVerdict['rules'] };
  /** What the change did: the invited account, the redemption patch, and whether it was applied at all. */
  effects: { applied: boolean; user?: Record<string, unknown>; groups?: string[] };
  introduced: Finding[];
  resolved: Finding[];
  decision: Decision;
}

export interface SimulationResult extends ReportHeader {
  /**
   * What the controls could not look at in this export: each section a control needs and the export
   * lacks, with the controls concerned (as a scan reports them). A change that introduces nothing there
   * was not judged there either.
   */
  notEvaluated: NotEvaluated[];
  results: ChangeResult[];
}

export interface SimulateOptions extends Pick<ScanOptions, 'asOf' | 'params' | 'controls' | 'bundle' | 'jobs'> {
  /** An introduced finding at or above this severity makes the decision deny (default high). */
  failOn?: Severity;
  /**
   * `incremental` (default): the tenant is loaded into the engine once; each change edits it in place
   * and re-checks only the objects the change can affect. `rescan`: the whole tenant is normalised and
   * evaluated again after every change; slow, and kept as the reference the incremental way is tested
   * (and benchmarked) against.
   */
  strategy?: 'incremental' | 'rescan';
  /**
   * Internal (tests and benchmarks, not a command-line flag): `force` gives each change documents of its own
   * (closure-step.ts) as on a tenant too large for one instance, which is otherwise decided from its size
   * (exceedsOneInstance in scan.ts). Only the incremental strategy has that way.
   */
  perChange?: { force?: boolean };
  /** Called once the tenant is in the engine, before the first change (for progress and benchmarks). */
  onReady?: () => void;
  /** Called with each change's result as soon as it is known. */
  onResult?: (result: ChangeResult) => void;
}

/** Current findings by fingerprint. */

/**
 * Applies the changes in order. For each: the platform rules (Rego) say whether it would succeed and
 * what it produces; an allowed change is applied to the simulated tenant, the findings it can alter are
 * evaluated before and after it, and compared by fingerprint. A refused change is not applied, so later
 * changes see the tenant as the earlier ones left it. The loaded tenant itself is never modified.
 */
export async function simulate(loaded: LoadedTenant, changes: readonly ResolvedChange[], options: SimulateOptions = {}): Promise<SimulationResult> {
  const bundle = withBudgetFor(loaded, options.bundle ?? builtinBundle());
  const platformEntrypoint = bundle.manifest.platformEntrypoint;
  if (!platformEntrypoint) throw new PolicyError(`policy bundle ${bundle.source} has no platform rules entrypoint: rebuild it with npm run policies:build`);
  const asOf = options.asOf ?? new Date();
  const input = policyInput(asOf, options.params);
  const failOn = options.failOn ?? 'high';
  const engine = await engineFor(bundle);
  const step =
    options.strategy === 'rescan'
      ? await rescanStep(engine, loaded, input, options)
      : options.perChange?.force || exceedsOneInstance(loaded.tenant, bundle)
        ? await closureStep(engine, loaded, input, { ...options, bundle })
        : await incrementalStep(engine, loaded, input, options);

  options.onReady?.();
  const results: ChangeResult[] = [];
  const judge = (change: ResolvedChange): PlatformVerdict => parseVerdict(engine.evaluate({ ...input, change }, platformEntrypoint));
  for (const change of changes) {
    const { verdict, diff } = await step(change, judge, asOf.toISOString());
    results.push({
      index: change.index,
      action: change.action,
      platform: { allowed: verdict.allowed, rules: [...verdict.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) },
      effects: { applied: diff !== undefined, ...verdict.effects },
      introduced: diff?.introduced ?? [],
      resolved: diff?.resolved ?? [],
      decision: decide(verdict, diff?.introduced ?? [], failOn),
    });
    options.onResult?.(results[results.length - 1]!);
  }
  return { ...reportHeader(loaded, asOf), notEvaluated: missingSections(bundle.manifest.controls, loaded.tenant.sections, options), results };
}

/**
 * Judges one change with the platform rules (`judge`) and applies it as they allow: the verdict, and undefined
 * when nothing was applied, else the findings it introduced and resolved.
 */
type Step = (
  change: ResolvedChange,
  judge: (change: ResolvedChange) => PlatformVerdict,
  sentAt: string,
) => Promise<{ verdict: PlatformVerdict; diff: { introduced: Finding[]; resolved: Finding[] } | undefined }>;

/** The tenant stays in the engine; a change patches it and only what it can affect is evaluated. */
async function incrementalStep(engine: PolicyEngine, loaded: LoadedTenant, input: Record<string, unknown>, options: SimulateOptions): Promise<Step> {
  const views = await loadIntoEngine(engine, loaded.tenant, input);
  const state = new TenantState(loaded.tenant);
  state.prepare();
  const flowOf = (flowId: string) => state.get('flows', flowId);
  const locations = loaded.merged.locations;
  // One deadline (one watchdog thread) for the verdict, the two evaluations and the views' refresh of a change,
  // rather than one each: the watchdog costs 0.07 to 0.5 ms a call, as much as a scoped evaluation (engine.ts).
  return async (change, judge, sentAt) => engine.batch(() => {
    const verdict = judge(change);
    if (!applyChange(state, change, verdict, sentAt)) return { verdict, diff: undefined };
    const { patches, scope, sections } = state.commit();
    // Without a scope (a setting changed, or a section appeared) the controls that read the changed
    // sections (all of them when a section appeared) are evaluated over the whole tenant.
    const changed = new Set(sections);
    const evaluate = (): FindingSet => {
      const raw = scope
        ? evaluateScoped(engine, input, scope, options)
        : evaluateControls(engine, input, { ...options, ...(changed.size > 0 ? { only: (c: ControlMetadata) => c.sections.some((s) => changed.has(s)) } : {}) }).findings;
      return byFingerprint(toFindings(raw, locations));
    };
    const before = evaluate();
    engine.patchData(patches);
    views?.refresh(input, scope ? scope.flows : state.ids('flows'), flowOf);
    return { verdict, diff: compare(before, evaluate()) };
  });
}

/** The reference: the raw sections are edited and the whole tenant normalised and evaluated again. */
async function rescanStep(engine: PolicyEngine, loaded: LoadedTenant, input: Record<string, unknown>, options: SimulateOptions): Promise<Step> {
  const sections = copySections(loaded.merged);
  const findingsOf = async (): Promise<FindingSet> => {
    await loadIntoEngine(engine, normaliseTenant(asMerged(loaded.merged, sections)).tenant, input);
    return byFingerprint(toFindings(evaluateControls(engine, input, options).findings, loaded.merged.locations));
  };
  let current = await findingsOf();
  const target = sectionsTarget(sections);
  return async (change, judge, sentAt) => {
    const verdict = judge(change);
    if (!applyChange(target, change, verdict, sentAt)) return { verdict, diff: undefined };
    const after = await findingsOf();
    const diff = compare(current, after);
    current = after;
    return { verdict, diff };
  };
}

/** Mirrors lib.sections_not_evaluated: the sections each enabled control declares (custom.sections) that the export lacks. */
function missingSections(controls: readonly ControlMetadata[], present: Record<string, true>, options: SimulateOptions): NotEvaluated[] {
  const raw = enabledControls(controls, options.controls).flatMap((c) => c.sections.filter((section) => !Object.hasOwn(present, section)).map((section) => ({ controlId: c.id, section, reason: 'section absent from the export' })));
  return groupNotEvaluated(raw);
}



/** deny: the platform refuses, or a finding at or above failOn is introduced; warn: anything introduced or a warning; else allow. */
export function decide(verdict: PlatformVerdict, introduced: readonly Finding[], failOn: Severity): Decision {
  if (!verdict.allowed || introduced.some((f) => atOrAbove(f.severity, failOn))) return 'deny';
  if (introduced.length > 0 || verdict.rules.some((r) => r.effect === 'warn')) return 'warn';
  return 'allow';
}

function asMerged(original: MergedExport, data: Sections): MergedExport {
  const present = { ...original.sections };
  for (const [name, value] of Object.entries(data)) if (value !== undefined) present[name as keyof typeof present] = true;
  return { ...data, files: original.files, sections: present, locations: original.locations };
}

function parseVerdict(value: unknown): PlatformVerdict {
  const v = value as Partial<PlatformVerdict>;
  if (typeof v?.allowed !== 'boolean' || !Array.isArray(v.rules) || typeof v.effects !== 'object' || v.effects === null) {
    throw new PolicyError(`platform rules returned a malformed result: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return v as PlatformVerdict;
}
