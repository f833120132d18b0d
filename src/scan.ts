import os from 'node:os';
import { enabledControls } from './config/config.js';
import { PolicyError, UsageError } from './errors.js';
import { readBuiltinBundle, type ControlMetadata, type PolicyBundle } from './engine/bundle.js';
import { DerivedViews } from './engine/derived.js';
import { EvaluationBudget, MEMORY_CEILING_MIB, PolicyEngine } from './engine/engine.js';
import { shardRunner, type WriteText } from './engine/pool.js';
import { mergeNotEvaluated } from './engine/shard-merge.js';
import { PARTITIONED, SHARD_TARGET_BYTES, estimateBytes, planShards, splitLargeShards, readsOf, runsIn, scopeOf, shardData, type PartitionedKind, type Shard, type ShardPlanOptions } from './engine/shard-plan.js';
import type { ShardResult, ShardTask } from './engine/shard-run.js';
import { FindingsCollector, countBySeverity, groupNotEvaluated, parseRawResult } from './findings/findings.js';
import { withCollectionReasons } from './findings/not-collected.js';
import type { Severity } from './findings/severity.js';
import type { ReportHeader, ScanResult } from './findings/types.js';
import { loadExport } from './load/index.js';
import { LIST_SECTIONS, type LoadProgress, type MergedExport } from './load/types.js';
import { normaliseTenant } from './model/normalise.js';
import type { NormalisedTenant, TenantStats } from './model/types.js';
import { TOOL } from './version.js';

/** A tenant export loaded, validated and normalised: ready to be scanned or simulated against. */
export interface LoadedTenant {
  merged: MergedExport;
  tenant: NormalisedTenant;
  stats: TenantStats;
}

export interface ScanOptions {
  /** The instant the audit is "as of" (default: now). Policies never read the clock. */
  asOf?: Date;
  /** Control parameters by control id, e.g. { 'SG-GUEST-01': { pendingInvitationDays: 14 } }. */
  params?: Record<string, Record<string, unknown>>;
  /** Per control id: enabled false leaves the control out; severity replaces its default. */
  controls?: Record<string, { enabled?: boolean; severity?: Severity }>;
  /** A policy bundle other than the built-in one. */
  bundle?: PolicyBundle;
  /** Called as each phase starts (for progress and benchmarks). */
  onPhase?: (phase: ScanPhase) => void;
  /** Called as work is done within a phase: files read, objects validated, controls evaluated (for a progress line). */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * How many shards are evaluated at once, each in its own worker thread (default: os.availableParallelism()).
   * 1 evaluates them one after another in this thread. It never changes the findings, only the time.
   */
  jobs?: number;
  /**
   * Internal (tests and benchmarks, not a command-line flag): force the sharded path, with shards of at
   * most `maxObjects` objects. Shard size is otherwise chosen from the data (shard-plan.ts).
   */
  sharding?: ShardPlanOptions & { force?: boolean };
}

export type ScanPhase = 'load' | 'normalise' | 'engine' | 'setData' | 'evaluate' | 'findings';

/** How far a scan has got: loading's steps (LoadProgress), then controls evaluated out of those enabled. */
export type ScanProgress = LoadProgress | { step: 'evaluate'; done: number; total: number; unit?: 'shards' };

export interface LoadTenantOptions extends Pick<ScanOptions, 'onProgress'> {
  /**
   * Keep the merged export's list sections (the objects as the files gave them) beside the normalised tenant
   * (default true): a simulation by full re-scan edits and normalises them again. A scan does not need them:
   * with `raw: false` the normaliser shapes those objects where they are instead of copying them, and the
   * lists are dropped. On the bench's 100,000-user tenant that is 88 MiB less heap and half the normaliser's
   * CPU time (1.14 s against 2.22 s); dropping the lists alone saved only 56 MiB at 300,000 users, the
   * copies sharing their strings with the originals.
   */
  raw?: boolean;
}

/** Reads, validates and normalises an export (files or directories). Throws InputError(s) on bad input. */
export async function loadTenant(paths: string[], options: LoadTenantOptions = {}): Promise<LoadedTenant> {
  const merged = await loadExport(paths, options.onProgress ? { onProgress: options.onProgress } : {});
  // Without the raw lists kept, their objects are shaped where they are rather than copied.
  const normalised = normaliseTenant(merged, { inPlace: options.raw === false });
  if (options.raw === false) for (const section of LIST_SECTIONS) delete merged[section];
  return { merged, ...normalised };
}

/**
 * The bundle with its evaluation budget made room for this tenant (EvaluationBudget.allowFor: a default
 * --timeout grows with the tenant's objects). A bundle without a budget (a library caller's) gets one of its
 * own for this call, as every engine made from it would.
 */
export function withBudgetFor(loaded: LoadedTenant, bundle: PolicyBundle): PolicyBundle {
  const budget = bundle.budget ?? new EvaluationBudget();
  budget.allowFor?.(Object.values(loaded.stats.objects).reduce((a, b) => a + b, 0));
  return bundle.budget === budget ? bundle : { ...bundle, budget };
}

/** Parses an --as-of value: an ISO 8601 date or date-time. */
export function parseAsOf(value: string, flag = '--as-of'): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/.exec(value);
  if (!m) {
    throw new UsageError(`${flag} "${value}" is not an ISO 8601 date or date-time (e.g. 2026-11-30 or 2026-11-30T09:00:00Z)`);
  }
  // Date() rolls impossible fields over (2026-02-30 became 2 March, 24:00 the next day): each is checked first.
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [m[1], m[2], m[3], m[4], m[5], m[6], m[9], m[10]].map((x) =>
    x === undefined ? 0 : Number(x),
  ) as [number, number, number, number, number, number, number, number];
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  const problem =
    month < 1 || month > 12
      ? `month ${m[2]} does not exist`
      : day < 1 || day > daysInMonth
        ? `${m[1]}-${m[2]} has no day ${m[3]} (it has ${daysInMonth} days)`
        : hour > 23
          ? `hour ${m[4]} does not exist (00 to 23)`
          : minute > 59
            ? `minute ${m[5]} does not exist (00 to 59)`
            : second > 59
              ? `second ${m[6]} does not exist (00 to 59)`
              : offsetHours > 23 || offsetMinutes > 59
                ? `the time zone offset ${m[8]} does not exist`
                : undefined;
  if (problem) throw new UsageError(`${flag} "${value}" is not a valid date: ${problem}`);
  const date = new Date(/T|\s/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} "${value}" is not a valid date`);
  return date;
}

let builtin: PolicyBundle | undefined;

/**
 * An engine for one scan or simulation: the compiled module is shared (compiled once per bundle per
 * process), the instance and its data are not, so concurrent calls never mix tenants.
 */
export function engineFor(bundle: PolicyBundle): Promise<PolicyEngine> {
  return PolicyEngine.load(bundle);
}

/**
 * Sets the tenant as the engine's data, then works out and stores the derived views (data.derived) when
 * the bundle has them. Returns the views, for a simulation to keep in step with its changes.
 */
export async function loadIntoEngine(engine: PolicyEngine, tenant: NormalisedTenant, input: Record<string, unknown>): Promise<DerivedViews | undefined> {
  await engine.setData({ tenant });
  if (!engine.bundle.manifest.viewsEntrypoint) return undefined;
  const views = new DerivedViews(engine);
  views.load(input, tenant);
  return views;
}

/** The start of every report: format version, tool, tenant and the "as of" instant. */
export function reportHeader(loaded: LoadedTenant, asOf: Date): ReportHeader {
  const info = loaded.tenant.tenant;
  return {
    schemaVersion: 1,
    tool: TOOL,
    tenant: {
      id: typeof info?.id === 'string' ? info.id : null,
      displayName: typeof info?.displayName === 'string' ? info.displayName : null,
    },
    asOf: asOf.toISOString(),
  };
}

/** The built-in policy bundle, read once per process. */
export function builtinBundle(): PolicyBundle {
  return (builtin ??= readBuiltinBundle());
}

/** The small `input` every evaluation gets: the clock and the parameters. */
export function policyInput(asOf: Date, params: ScanOptions['params']): { asOf: number; asOfIso: string; params: Record<string, Record<string, unknown>> } {
  return { asOf: Math.floor(asOf.getTime() / 1000), asOfIso: asOf.toISOString(), params: params ?? {} };
}

/**
 * Evaluates every enabled control against the data already set in the engine, one control at a time: the
 * WASM heap is reset after each evaluation, so memory stays bounded by the largest control rather than
 * growing with all of them, and a disabled control is not evaluated at all.
 */
export function evaluateControls(
  engine: PolicyEngine,
  input: Record<string, unknown>,
  options: Pick<ScanOptions, 'controls' | 'onProgress'> & { only?: (control: ControlMetadata) => boolean },
): { controls: number; findings: unknown[]; notEvaluated: unknown[] } {
  const controls = enabledControls(engine.bundle.manifest.controls, options.controls).filter((c) => options.only?.(c) ?? true);
  const raw = { controls: controls.length, findings: [] as unknown[], notEvaluated: [] as unknown[] };
  // Every control under one deadline (one watchdog thread, see engine.ts), the budget counted once.
  engine.batch(() => {
    for (const [i, control] of controls.entries()) {
      const result = parseRawResult(engine.evaluate(input, control.entrypoint));
      raw.findings.push(...result.findings.map((f) => withConfiguredSeverity(f, options.controls)));
      raw.notEvaluated.push(...result.notEvaluated);
      options.onProgress?.({ step: 'evaluate', done: i + 1, total: controls.length });
    }
  });
  return raw;
}

/**
 * The findings of every enabled control over the objects named in `scope` only (see the `*_in_scope`
 * collections in policies/lib/tenant.rego), in one evaluation: what a simulated change costs.
 */
export function evaluateScoped(engine: PolicyEngine, input: Record<string, unknown>, scope: unknown, options: Pick<ScanOptions, 'controls'>): unknown[] {
  const entrypoint = engine.bundle.manifest.scopedEntrypoint;
  if (!entrypoint) throw new PolicyError(`policy bundle ${engine.bundle.source} has no scoped entrypoint: rebuild it with npm run policies:build`);
  const findings = engine.evaluate({ ...input, scope }, entrypoint);
  const on = new Set(enabledControls(engine.bundle.manifest.controls, options.controls));
  const off = new Set(engine.bundle.manifest.controls.filter((c) => !on.has(c)).map((c) => c.id));
  if (!Array.isArray(findings)) throw new PolicyError(`${entrypoint} returned ${typeof findings}, not a list of findings`);
  return findings
    .filter((f) => !off.has((f as { controlId?: string })?.controlId ?? ''))
    .map((f) => withConfiguredSeverity(f, options.controls));
}

/** Scans a loaded tenant (or paths to load) with the policies and returns findings and a summary. */
export async function scan(target: LoadedTenant | string[], options: ScanOptions = {}): Promise<ScanResult> {
  const phase = options.onPhase ?? (() => {});
  phase('load');
  // Loaded here, the tenant is this scan's alone: the raw objects are dropped once normalised.
  const loaded = Array.isArray(target) ? await loadTenant(target, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), raw: false }) : target;
  const asOf = options.asOf ?? new Date();
  const bundle = withBudgetFor(loaded, options.bundle ?? builtinBundle());

  const input = policyInput(asOf, options.params);
  // Sampled once for the scan: each estimate lists the keys of every collection (1,000,000 users at the
  // largest, 0.4 s).
  const sizes = estimateBytes(loaded.tenant);
  const collected = new FindingsCollector(loaded.merged.locations);
  const raw = shouldShard(loaded.tenant, bundle, options, sizes)
    ? await evaluateSharded(loaded.tenant, bundle, input, options, sizes, collected)
    : await evaluateWhole(loaded.tenant, bundle, input, options);

  phase('findings');
  if (raw.findings) collected.add(raw.findings);
  const findings = collected.sorted();
  const exportedAt = loaded.tenant.tenant?.exportedAt;
  return {
    ...reportHeader(loaded, asOf),
    ...(typeof exportedAt === 'string' ? { exportedAt } : {}),
    summary: {
      total: findings.length,
      counts: countBySeverity(findings),
      notEvaluated: withCollectionReasons(groupNotEvaluated(raw.notEvaluated), [...(loaded.merged.notCollected ?? []), ...(loaded.merged.importWarnings ?? [])]),
      controls: raw.controls,
      objects: loaded.stats.objects,
      unknownPrincipals: loaded.stats.unknownPrincipals,
      danglingDlpEnvironmentRefs: loaded.stats.danglingDlpEnvironmentRefs,
      files: loaded.merged.files.length,
    },
    findings,
  };
}

/** A severity set in the configuration replaces the control's own (for every finding of that control). */
function withConfiguredSeverity(finding: unknown, controls: ScanOptions['controls']): unknown {
  const id = (finding as { controlId?: unknown })?.controlId;
  const severity = typeof id === 'string' ? controls?.[id]?.severity : undefined;
  return severity ? { ...(finding as object), severity } : finding;
}

/** Today's path: the whole tenant in one instance in this thread, for a tenant that fits one shard. */
async function evaluateWhole(tenant: NormalisedTenant, bundle: PolicyBundle, input: Record<string, unknown>, options: ScanOptions): Promise<RawEvaluation> {
  const phase = options.onPhase ?? (() => {});
  phase('engine');
  const engine = await engineFor(bundle);
  phase('setData');
  await loadIntoEngine(engine, tenant, input);
  phase('evaluate');
  return evaluateControls(engine, input, options);
}

/**
 * What an evaluation gives: `findings`, the raw findings not collected yet (the whole tenant's, collected in the
 * findings phase; a sharded scan collects each shard's as it comes back and gives none here).
 */
type RawEvaluation = { controls: number; notEvaluated: unknown[]; findings?: unknown[] };

/**
 * Whether to evaluate in shards: when the tenant is too large for one instance (WHOLE_LIMIT_BYTES), when there
 * is more than one thread to give them to and the tenant is large enough for that to pay (SHARDS_PAY_BYTES),
 * or when forced in tests. A bundle without the views entrypoint (an older custom build) is never sharded:
 * its controls judge environments' flows inline.
 */
export function shouldShard(tenant: NormalisedTenant, bundle: PolicyBundle, options: ScanOptions, sizes = estimateBytes(tenant)): boolean {
  if (!bundle.manifest.viewsEntrypoint) return false;
  if (options.sharding?.force) return true;
  const bytes = objectBytes(sizes);
  if (options.sharding?.targetBytes !== undefined) return bytes > options.sharding.targetBytes;
  return bytes > WHOLE_LIMIT_BYTES || (requestedJobs(options) > 1 && bytes > SHARDS_PAY_BYTES);
}

/**
 * The smallest tenant (estimated JSON of its objects) sharded for the sake of a second thread. Sharding costs
 * work: an object referenced from several shards is serialised, parsed and looked at in each (the shards of
 * the bench's 100,000-user tenant hold 196 MiB of JSON for 103 MiB of objects, their referenced users with the
 * fields their controls read (custom.reads): 1.9 s to build and 3.6 s to parse, against 7.0 s of evaluating
 * them, one shard after another), but two threads win it back. `npm run bench` on the 2-core development
 * machine, evaluation stage (setData + evaluate) one instance against shards on two threads: 100,000 users
 * 9.25 s against 6.14 s (before scope.all and a single pass for the guest controls, 9.37 s against 6.32 s; before
 * custom.reads, 9.43 s against 7.25 s). Measured the same way before the
 * controls' Rego was made faster (when evaluating weighed more against the sharding's work): 30,000 users
 * (about 31 MiB of objects) 4.8 s against 3.4 s, 50,000 users 7.7 s against 5.5 s. 10,000 users (10 MiB) is
 * scanned in about 1.3 s whole, where starting workers is not worth it. The shards' instances cost memory
 * besides the tenant, bounded by the shard size, not the tenant's (peak RSS 1,776 MiB with two threads against
 * 1,809 with one at 100,000 users): with --jobs 1 a tenant under WHOLE_LIMIT_BYTES stays whole.
 */
const SHARDS_PAY_BYTES = 16 * 1024 * 1024;

/**
 * The largest tenant (estimated JSON of its users, groups, flows and apps) a scan evaluates, and a simulation
 * keeps, in one instance. Evaluating whole controls over a tenant peaks near 16 times its JSON (initialPages
 * in engine.ts): 128 MiB × 16 is the 2 GiB an instance can address. The bench's 100,000-user tenant (103 MiB
 * by this estimate, 130 MiB of data.json) fits, and is evaluated whole with --jobs 1 (peak 1.8 GB of RSS) or
 * in shards with more threads (SHARDS_PAY_BYTES); its 300,000-user tenant, three times that, does not fit
 * (opa_malloc fails) and is sharded whatever --jobs says.
 */
const WHOLE_LIMIT_BYTES = 128 * 1024 * 1024;

/** The most data one shard is given (see evaluateSharded): the same limit as a whole tenant's. */
const MAX_SHARD_DATA_BYTES = WHOLE_LIMIT_BYTES;

/**
 * Whether a simulation gives each change documents of its own (simulate/closure-step.ts) rather than keeping
 * the whole tenant in one instance: past WHOLE_LIMIT_BYTES of objects, as a scan shards, and only with a
 * bundle that has the views entrypoint (the per-change way keeps data.derived from the views' verdicts). One
 * instance is faster per change where it fits: 2.4 ms against 4.5 ms at the median on the bench's
 * 20,000-user tenant.
 */
export function exceedsOneInstance(tenant: NormalisedTenant, bundle: PolicyBundle): boolean {
  return bundle.manifest.viewsEntrypoint !== undefined && bundle.manifest.scopedEntrypoint !== undefined && objectBytes(estimateBytes(tenant)) > WHOLE_LIMIT_BYTES;
}


/** The estimated JSON of a tenant's users, groups, flows and apps (estimateBytes). */
function objectBytes(sizes: ReturnType<typeof estimateBytes>): number {
  return PARTITIONED.reduce((sum, kind) => sum + sizes[kind].count * sizes[kind].perObject, 0);
}

function requestedJobs(options: ScanOptions): number {
  return options.jobs ?? os.availableParallelism();
}

/**
 * Objects' JSON per shard: at most SHARD_TARGET_BYTES, and small enough that each thread gets about two
 * shards to balance the uneven ones (flow shards take several times longer than app shards), but not under
 * 2 MiB, where the references every shard repeats would outweigh its own objects.
 */
export function shardTargetBytes(objectBytes: number, jobs: number): number {
  return Math.min(SHARD_TARGET_BYTES, Math.max(2 * 1024 * 1024, Math.ceil(objectBytes / (2 * jobs))));
}

/**
 * How much memory one worker needs at its peak for a shard of `bytes` of JSON: about 16 times it (see
 * initialPages in engine.ts) plus the instance's fixed 512 MiB reservation, of which about a quarter is
 * touched by the controls measured on the bench tenant.
 */
function workerPeakBytes(bytes: number): number {
  return bytes * 16 + 128 * 1024 * 1024;
}

const MIB = 1024 * 1024;

/**
 * How many workers a sharded scan runs: --jobs, fewer when the machine's memory cannot hold that many
 * shards at their peak beside what this process already holds, never more than there are shards. When it
 * cannot hold even one, a UsageError (exit 2) says how much memory the scan needed.
 */
export function workersFor(o: { largestShardBytes: number; rss: number; total: number; jobs: number; shards: number }): number {
  const perWorker = workerPeakBytes(o.largestShardBytes);
  const free = o.total - o.rss;
  if (perWorker > free) {
    throw new UsageError(
      `scanning this tenant needs about ${Math.ceil((o.rss + perWorker) / MIB)} MiB of memory (${Math.ceil(o.rss / MIB)} MiB for the loaded tenant, ${Math.ceil(perWorker / MIB)} MiB for one shard of ${Math.ceil(o.largestShardBytes / MIB)} MiB of objects in the policy engine), but this machine has ${Math.floor(o.total / MIB)} MiB`,
    );
  }
  return Math.max(1, Math.min(o.jobs, Math.floor(free / perWorker), o.shards));
}

/**
 * The sharded path: the objects a control iterates are split into shards (shard-plan.ts), each evaluated
 * in its own instance holding its objects and what they reference; the flow shards also judge their flows
 * for the views, whose summary (data.derived) the tenant shard then gets. `jobs` shards run at once.
 */
async function evaluateSharded(
  tenant: NormalisedTenant,
  bundle: PolicyBundle,
  input: Record<string, unknown>,
  options: ScanOptions,
  sizes: ReturnType<typeof estimateBytes>,
  collected: FindingsCollector,
): Promise<RawEvaluation> {
  const phase = options.onPhase ?? (() => {});
  const controls = enabledControls(bundle.manifest.controls, options.controls);
  const allBytes = objectBytes(sizes);
  const planned = planShards(tenant, controls, { targetBytes: shardTargetBytes(allBytes, requestedJobs(options)), jobs: requestedJobs(options), ...options.sharding }, sizes);
  // A shard's data is about 6.5 times its JSON once parsed, and a control's work on it up to about 8 times
  // more (initialPages, engine.ts): 128 MiB of data keeps a shard well inside the 2 GiB an instance addresses.
  // Split by the users' whole size even where the shard will hold them in part (custom.reads): counting them at
  // their projected size cut the bench's 1,000,000-user tenant into 70 shards instead of 87 and made its
  // --jobs 1 scan 51 s faster, but its --jobs 2 scan slower, 162 and 168 s against 154 and 153 s (alternate runs):
  // the fewer, larger group and app shards spread worse over two threads.
  const shards = splitLargeShards(tenant, planned, MAX_SHARD_DATA_BYTES, sizes);
  phase('engine');
  // Memory: the tenant is already in this process once; each worker adds one shard's peak. Fewer workers
  // run when the machine cannot hold that many at once; when it cannot hold one, the scan stops here.
  // A shard's references add up to about four times its objects (measured, see SHARD_TARGET_BYTES), and
  // never more than the whole tenant; the whole-tenant shard (controls the plan does not know) holds everything.
  const largestShard = shards.reduce(
    (max, s) => Math.max(max, s.kind === 'whole' ? allBytes : s.kind === 'tenant' ? 0 : Math.min(allBytes, s.ids.length * sizes[s.kind].perObject * 5)),
    0,
  );
  const jobs = workersFor({
    largestShardBytes: largestShard || SHARD_TARGET_BYTES,
    rss: process.memoryUsage().rss,
    total: os.totalmem(),
    jobs: requestedJobs(options),
    shards: shards.length,
  });
  const runner = await shardRunner(bundle, jobs);
  try {
    phase('evaluate');
    const total = shards.length;
    // Each shard's findings are collected as its result comes back (FindingsCollector), then let go of.
    const progress = (offset: number) => (done: number, result: ShardResult) => {
      collected.add(result.findings.map((f) => withConfiguredSeverity(f, options.controls)));
      result.findings = [];
      options.onProgress?.({ step: 'evaluate', done: offset + done, total, unit: 'shards' });
    };
    const partitioned = costliestAndCheapest(
      shards.filter((s) => s.kind !== 'tenant' && s.kind !== 'whole'),
      (s) => s.ids.length * sizes[s.kind as PartitionedKind].perObject * controls.filter((c) => runsIn(c, s.kind, shards)).length,
    );
    const last = shards.filter((s) => s.kind === 'tenant' || s.kind === 'whole');
    const first = await runner.run(partitioned.length, (i, write) => shardTask(tenant, partitioned[i]!, shards, controls, bundle, input, write), progress(0));
    const external = first.flatMap((r) => r.externalAccessFlows ?? []);
    const derived = new DerivedViews().summarise(external, tenant);
    const rest = await runner.run(last.length, (i, write) => shardTask(tenant, last[i]!, shards, controls, bundle, input, write, derived), progress(partitioned.length));
    const results: ShardResult[] = [...first, ...rest];
    return { controls: controls.length, notEvaluated: mergeNotEvaluated(results.map((r) => r.notEvaluated)) };
  } finally {
    await runner.close();
  }
}

/**
 * The shards in the order the workers take them: by their cost, estimated as their objects' JSON times the
 * controls that run on them, the costliest and the cheapest in turn. The costliest go early, so that no thread
 * is left with a long shard while the other waits at the end (in plan order the two flow shards of the bench's
 * 100,000-user tenant, the longest, came after its user, group and app shards). The cheapest come between them
 * because they are cheap to evaluate, not to make: on the bench's 1,000,000-user tenant an app or group shard
 * took 0.45 to 0.7 s to make on the main thread against 0.25 to 0.4 s to evaluate, a flow shard 1.4 s against
 * 4.4 s. Costliest first, those came last, and one worker waited on the main thread for their 12.5 s; made
 * while the other worker evaluates a flow shard, they fill the main thread's slack there (evaluation 76.1 s).
 * Findings are sorted later: the order changes nothing else.
 */
export function costliestAndCheapest(shards: readonly Shard[], cost: (s: Shard) => number): Shard[] {
  const sorted = shards
    .map((s, i) => ({ s, i, c: cost(s) }))
    .sort((a, b) => b.c - a.c || a.i - b.i)
    .map((e) => e.s);
  const out: Shard[] = [];
  for (let front = 0, back = sorted.length - 1; front <= back; front += 1, back -= 1) {
    out.push(sorted[front]!);
    if (back > front) out.push(sorted[back]!);
  }
  return out;
}

/** One shard's task: its data serialised, its controls, and (flow shards) the views. */
function shardTask(
  tenant: NormalisedTenant,
  shard: Shard,
  plan: readonly Shard[],
  controls: readonly ControlMetadata[],
  bundle: PolicyBundle,
  input: Record<string, unknown>,
  write: WriteText,
  derived?: unknown,
): ShardTask {
  const running = controls.filter((c) => runsIn(c, shard.kind, plan));
  const views = shard.kind === 'flows' && bundle.manifest.viewsEntrypoint ? bundle.manifest.viewsEntrypoint : undefined;
  // The users a group, app or flow shard reaches through references, with the fields its controls and views read
  // of them alone (METADATA custom.reads): the JSON of the bench's 100,000-user tenant's shards went from 283 to
  // 196 MiB, its 1,000,000-user tenant's from 4.5 to 2.7 GB.
  const reads = readsOf([...running, ...(views ? [bundle.manifest.viewsReads ? { reads: bundle.manifest.viewsReads } : {}] : [])]);
  // Objects of the shard's own kind that it holds as references (a guest's sponsor in another user shard) are
  // patched in after a first evaluation only for controls that count every object of that kind
  // (custom.countsPartition: custom policies today); otherwise they are part of the document from the start.
  // The built-in guest controls count the users in scope instead: the two passes and the patch made the
  // shard of the bench's 100,000-user tenant with its 15,000 guests cost 2.1 s against 0.5 s for the others.
  const counting = shard.kind !== 'whole' && running.some((c) => c.countsPartition === true);
  const { data, references: referenced } = shardData(tenant, shard, derived, reads, { streamed: true, inlineReferences: !counting });
  const references = counting ? referenced : [];
  const text = write(data);
  // The parsed document alone takes about 6.5 times its JSON (engine.ts, initialPages): past the ceiling
  // an instance can address, this shard cannot be evaluated (a group of every user owning a flow, say).
  const needed = text.length * 6.5 + references.reduce((n, r) => n + JSON.stringify(r.value).length * 6.5, 0);
  if (needed > MEMORY_CEILING_MIB * MIB) {
    throw new UsageError(
      `a shard of ${shard.ids.length} ${shard.kind} (with the objects they reference) needs about ${Math.ceil(needed / MIB)} MiB in the policy engine, beyond the ${MEMORY_CEILING_MIB} MiB one instance can address`,
    );
  }
  const scope = scopeOf(shard, tenant, referenced.length === 0);
  return {
    text,
    references: references.map((r) => ({ path: r.path, value: r.value })),
    input: scope ? { ...input, scope } : input,
    ...(scope && references.length > 0 ? { pureInput: { ...input, scope: scopeOf({ kind: shard.kind, ids: [] }, tenant) } } : {}),
    controls: running.map((c) => ({ id: c.id, entrypoint: c.entrypoint, pure: counting && c.countsPartition === true })),
    ...(views ? { views } : {}),
  };
}
