import { PolicyError } from '../errors.js';
import { atOrAbove, type Severity } from '../findings/severity.js';
import { toFindings } from '../findings/findings.js';
import type { Finding, ReportHeader } from '../findings/types.js';
import type { MergedExport } from '../load/types.js';
import { normaliseTenant } from '../model/normalise.js';
import { builtinBundle, engineFor, evaluateControls, policyInput, reportHeader, type LoadedTenant, type ScanOptions } from '../scan.js';
import { applyChange, copySections, type PlatformVerdict, type Sections } from './apply.js';
import type { ResolvedChange } from './types.js';

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
  results: ChangeResult[];
}

export interface SimulateOptions extends Pick<ScanOptions, 'asOf' | 'params' | 'controls' | 'bundle'> {
  /** An introduced finding at or above this severity makes the decision deny (default high). */
  failOn?: Severity;
}

/**
 * Applies the changes in order to an in-memory copy of the tenant. For each: the platform rules (Rego) say
 * whether it would succeed and what it produces; an allowed change is applied and every control evaluated
 * again; findings are compared by fingerprint. A refused change is not applied, so later changes see the
 * tenant as the earlier ones left it. This version re-evaluates the whole tenant per change.
 */
export async function simulate(loaded: LoadedTenant, changes: readonly ResolvedChange[], options: SimulateOptions = {}): Promise<SimulationResult> {
  const bundle = options.bundle ?? builtinBundle();
  const platformEntrypoint = bundle.manifest.platformEntrypoint;
  if (!platformEntrypoint) throw new PolicyError(`policy bundle ${bundle.source} has no platform rules entrypoint: rebuild it with npm run policies:build`);
  const asOf = options.asOf ?? new Date();
  const input = policyInput(asOf, options.params);
  const failOn = options.failOn ?? 'high';
  const engine = await engineFor(bundle);

  const sections = copySections(loaded.merged);
  const findingsOf = async (data: Sections): Promise<Map<string, Finding>> => {
    await engine.setData({ tenant: normaliseTenant(asMerged(loaded.merged, data)).tenant });
    const raw = evaluateControls(engine, input, options);
    return new Map(toFindings(raw.findings, loaded.merged.locations).map((f) => [f.fingerprint, f]));
  };

  let before = await findingsOf(sections);
  const results: ChangeResult[] = [];
  for (const change of changes) {
    const verdict = parseVerdict(engine.evaluate({ ...input, change }, platformEntrypoint));
    const applied = applyChange(sections, change, verdict, asOf.toISOString());
    const after = applied ? await findingsOf(sections) : before;
    const introduced = [...after.values()].filter((f) => !before.has(f.fingerprint));
    const resolved = [...before.values()].filter((f) => !after.has(f.fingerprint));
    results.push({
      index: change.index,
      action: change.action,
      platform: { allowed: verdict.allowed, rules: [...verdict.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) },
      effects: { applied, ...verdict.effects },
      introduced,
      resolved,
      decision: decide(verdict, introduced, failOn),
    });
    before = after;
  }

  return { ...reportHeader(loaded, asOf), results };
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
