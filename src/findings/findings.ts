import crypto from 'node:crypto';
import { PolicyError } from '../errors.js';
import type { LocationIndex } from '../load/types.js';
import { SEVERITIES, isSeverity, severityRank, type Severity } from './severity.js';
import type { Finding, NotEvaluated, ObjectRef } from './types.js';

/** What the entrypoint returns (policies/main.rego). */
export interface RawResult {
  findings: unknown[];
  notEvaluated: unknown[];
}

/**
 * SHA-256 in hex: crypto.hash where Node has it (20.12 and later), one call instead of a Hash object each, 0.33 s
 * against 0.55 to 0.93 s for the 434,762 findings of the bench's 1,000,000-user tenant.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text) : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Hash of what the finding is about (control, resource, principal) and nothing else. */
export function fingerprint(controlId: string, resourceId: string, principalId?: string): string {
  return sha256Hex(JSON.stringify([controlId, resourceId, principalId ?? null])).slice(0, 32);
}

export function parseRawResult(value: unknown): RawResult {
  if (typeof value !== 'object' || value === null) throw new PolicyError('policy result is not an object');
  const { findings, notEvaluated } = value as Record<string, unknown>;
  if (!Array.isArray(findings) || !Array.isArray(notEvaluated)) {
    throw new PolicyError('policy result lacks a findings or notEvaluated array');
  }
  return { findings, notEvaluated };
}

/** Raw policy findings → findings with fingerprint and source location, most severe first, deduplicated. */
export function toFindings(raw: unknown[], locations?: LocationIndex): Finding[] {
  const collected = new FindingsCollector(locations);
  collected.add(raw);
  return collected.sorted();
}

/**
 * toFindings, given the raw findings as they come: a sharded scan adds each shard's as its result comes back,
 * while the workers evaluate the others, rather than all of them once the last is done (3.8 s after the
 * evaluation of the bench's 1,000,000-user tenant, 434,762 findings).
 */
export class FindingsCollector {
  private readonly byFingerprint = new Map<string, Finding>();

  constructor(private readonly locations?: LocationIndex) {}

  add(raw: unknown[]): void {
    const { byFingerprint, locations } = this;
    for (const item of raw) {
      const f = checkRawFinding(item);
      const fp = fingerprint(f.controlId, f.resource.id, f.principal?.id);
      const location = locate(f, locations);
      const finding: Finding = {
        controlId: f.controlId,
        severity: f.severity,
        title: f.title,
        message: f.message,
        resource: f.resource,
        ...(f.principal ? { principal: f.principal } : {}),
        remediation: f.remediation,
        fingerprint: fp,
        ...(location ? { location } : {}),
        references: f.references,
      };
      const existing = byFingerprint.get(fp);
      // Two rules of one control may report the same thing; keep the more severe report.
      if (!existing || severityRank(finding.severity) > severityRank(existing.severity)) byFingerprint.set(fp, finding);
    }
  }

  /** Every finding added, most severe first. */
  sorted(): Finding[] {
    return [...this.byFingerprint.values()].sort(compareFindings);
  }
}

/** Code-point order: deterministic and cheap (localeCompare made sorting 4,000 findings take 0.3 s). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    byText(a.controlId, b.controlId) ||
    byText(a.resource.displayName, b.resource.displayName) ||
    byText(a.principal?.displayName ?? '', b.principal?.displayName ?? '') ||
    byText(a.fingerprint, b.fingerprint)
  );
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Groups the controls' not-evaluated reports by section and reason. */
export function groupNotEvaluated(raw: unknown[]): NotEvaluated[] {
  const groups = new Map<string, NotEvaluated>();
  for (const item of raw) {
    const r = item as Record<string, unknown>;
    if (typeof r?.controlId !== 'string' || typeof r.section !== 'string' || typeof r.reason !== 'string') {
      throw new PolicyError(`policy returned a malformed not-evaluated report: ${JSON.stringify(item)}`);
    }
    const key = `${r.section}\u0000${r.reason}`;
    const g = groups.get(key) ?? { section: r.section, controls: [], reason: r.reason };
    if (!g.controls.includes(r.controlId)) g.controls.push(r.controlId);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, controls: g.controls.sort((x, y) => x.localeCompare(y, 'en', { numeric: true })) }))
    .sort((x, y) => x.section.localeCompare(y.section) || x.reason.localeCompare(y.reason));
}

/** A finding as a policy returns it: no fingerprint or location yet, maybe a setting path to locate. */
type RawFinding = Omit<Finding, 'fingerprint' | 'location'> & { path?: string };

function checkRawFinding(item: unknown): RawFinding {
  const f = item as Record<string, unknown>;
  const bad = (what: string) =>
    new PolicyError(`policy returned a malformed finding (${what}): ${JSON.stringify(item).slice(0, 300)}`);
  if (typeof f !== 'object' || f === null) throw bad('not an object');
  for (const key of ['controlId', 'title', 'message', 'remediation'] as const) {
    if (typeof f[key] !== 'string' || f[key] === '') throw bad(`${key} must be a non-empty string`);
  }
  if (!isSeverity(f.severity)) throw bad(`severity must be one of ${SEVERITIES.join(', ')}`);
  const resource = objectRef(f.resource);
  if (!resource) throw bad('resource must have kind, id and displayName');
  const principal = f.principal === undefined ? undefined : objectRef(f.principal);
  if (f.principal !== undefined && !principal) throw bad('principal must have kind, id and displayName');
  const references = Array.isArray(f.references) ? f.references.map(String) : [];
  return {
    controlId: f.controlId as string,
    severity: f.severity,
    title: (f.title as string).trim(),
    message: f.message as string,
    resource,
    ...(principal ? { principal } : {}),
    remediation: (f.remediation as string).trim(),
    references,
    ...(typeof f.path === 'string' ? { path: f.path } : {}),
  };
}

function objectRef(v: unknown): ObjectRef | undefined {
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) return undefined;
  if (typeof o.kind !== 'string' || typeof o.id !== 'string') return undefined;
  const displayName = typeof o.displayName === 'string' ? o.displayName : o.id;
  return { kind: o.kind, id: o.id, displayName };
}

function locate(f: RawFinding, locations?: LocationIndex) {
  if (!locations) return undefined;
  if (f.path) return locations.setting(f.path);
  if (f.resource.kind === 'tenant') return locations.setting('tenant');
  return locations.object(f.resource.kind, f.resource.id);
}
