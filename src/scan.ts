import { enabledControls } from './config/config.js';
import { PolicyError, UsageError } from './errors.js';
import { readBuiltinBundle, type ControlMetadata, type PolicyBundle } from './engine/bundle.js';
import { DerivedViews } from './engine/derived.js';
import { PolicyEngine } from './engine/engine.js';
import { countBySeverity, groupNotEvaluated, parseRawResult, toFindings } from './findings/findings.js';
import { withCollectionReasons } from './findings/not-collected.js';
import type { Severity } from './findings/severity.js';
import type { ReportHeader, ScanResult } from './findings/types.js';
import { loadExport } from './load/index.js';
import type { LoadProgress, MergedExport } from './load/types.js';
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
}

export type ScanPhase = 'load' | 'normalise' | 'engine' | 'setData' | 'evaluate' | 'findings';

/** How far a scan has got: loading's steps (LoadProgress), then controls evaluated out of those enabled. */
export type ScanProgress = LoadProgress | { step: 'evaluate'; done: number; total: number };

/** Reads, validates and normalises an export (files or directories). Throws InputError(s) on bad input. */
export async function loadTenant(paths: string[], options: Pick<ScanOptions, 'onProgress'> = {}): Promise<LoadedTenant> {
  const merged = await loadExport(paths, options.onProgress ? { onProgress: options.onProgress } : {});
  return { merged, ...normaliseTenant(merged) };
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
  const loaded = Array.isArray(target) ? await loadTenant(target, options) : target;
  const asOf = options.asOf ?? new Date();
  const bundle = options.bundle ?? builtinBundle();

  phase('engine');
  const engine = await engineFor(bundle);
  phase('setData');
  const input = policyInput(asOf, options.params);
  await loadIntoEngine(engine, loaded.tenant, input);
  phase('evaluate');
  const raw = evaluateControls(engine, input, options);

  phase('findings');
  const findings = toFindings(raw.findings, loaded.merged.locations);
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
