import type { ControlMetadata, PlatformRuleMetadata } from '../engine/bundle.js';
import { BUILTIN_PREFIX, CUSTOM_PREFIX, entrypointOf } from './entrypoints.js';

/** What `opa inspect -a -f json` reports about a set of Rego files. */
export interface Inspection {
  /** data.<package> → the files that declare it. */
  namespaces?: Record<string, string[]>;
  annotations?: AnnotationEntry[];
}

export interface AnnotationEntry {
  annotations?: Annotations;
  location?: { file: string; row: number; col: number };
  path: { type: string; value: string }[];
}

/** A METADATA block as opa parses it (the keys shareguard reads). */
export interface Annotations {
  scope?: string;
  title?: unknown;
  description?: unknown;
  related_resources?: unknown;
  custom?: Record<string, unknown>;
}

/** The Rego package an annotation belongs to (or the rule's path for rule annotations): data.a.b → a.b. */
export function pathOf(entry: AnnotationEntry): string {
  return entry.path.map((p) => p.value).slice(1).join('.');
}

/** The package-scoped annotations of the packages under a prefix, by package. */
export function packageAnnotations(inspection: Inspection, prefix: string): Map<string, AnnotationEntry[]> {
  const out = new Map<string, AnnotationEntry[]>();
  for (const entry of inspection.annotations ?? []) {
    if (entry.annotations?.scope !== 'package') continue;
    const pkg = pathOf(entry);
    if (!pkg.startsWith(prefix)) continue;
    out.set(pkg, [...(out.get(pkg) ?? []), entry]);
  }
  return out;
}

/**
 * A control's METADATA as the manifest records it. Optional fields get their defaults here; whether the
 * required ones are present and well formed is checked before (built-in: by the policy tests; custom: by
 * the contract, policy/contract.ts).
 */
export function controlMetadata(entry: AnnotationEntry, origin?: 'custom'): ControlMetadata {
  const a = entry.annotations ?? {};
  const custom = a.custom ?? {};
  const pkg = pathOf(entry);
  return {
    id: custom.id as string,
    title: a.title as string,
    description: (a.description ?? (origin ? a.title : undefined)) as string,
    severity: custom.severity as string,
    area: (custom.area ?? (origin ? 'custom' : undefined)) as string,
    sections: (custom.sections ?? []) as string[],
    params: (custom.params ?? {}) as Record<string, unknown>,
    ...(custom.paramSchema ? { paramSchema: custom.paramSchema as Record<string, Record<string, unknown>> } : {}),
    remediation: custom.remediation as string,
    references: (custom.references ?? []) as string[],
    relatedResources: (a.related_resources ?? []) as ControlMetadata['relatedResources'],
    package: pkg,
    entrypoint: entrypointOf(pkg),
    ...(origin ? { origin } : {}),
    ...(Array.isArray(custom.shards) ? { shards: custom.shards as string[] } : {}),
    ...(custom.countsPartition === true ? { countsPartition: true as const } : {}),
    ...(isReads(custom.reads) ? { reads: { users: [...custom.reads.users] } } : {}),
  };
}

/**
 * METADATA custom.reads as the manifest takes it: `users` mapped to a list of field names (the only
 * collection a shard gives in part today, see ControlMetadata.reads).
 */
export function isReads(value: unknown): value is { users: string[] } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const users = (value as Record<string, unknown>).users;
  return keys.length === 1 && keys[0] === 'users' && Array.isArray(users) && users.every((f) => typeof f === 'string' && f.length > 0);
}

/** custom.reads of the views rule (shareguard.views.result), when its METADATA declares it. */
export function viewsReads(inspection: Inspection): { users: string[] } | undefined {
  for (const entry of inspection.annotations ?? []) {
    if (pathOf(entry) !== 'shareguard.views.result') continue;
    const reads = entry.annotations?.custom?.reads;
    if (isReads(reads)) return { users: [...reads.users] };
  }
  return undefined;
}

/** Controls in the order of their ids (SG-FLOW-2 before SG-FLOW-10). */
export function byId(x: { id: string }, y: { id: string }): number {
  return x.id.localeCompare(y.id, 'en', { numeric: true });
}

/** The built-in controls' METADATA (package annotations under shareguard.controls carrying custom.id), in id order. */
export function builtinControls(inspection: Inspection): ControlMetadata[] {
  const controls: ControlMetadata[] = [];
  for (const entries of packageAnnotations(inspection, BUILTIN_PREFIX).values()) {
    for (const entry of entries) if (entry.annotations?.custom?.id) controls.push(controlMetadata(entry));
  }
  return controls.sort(byId);
}

/** The platform rules' METADATA, in id order. */
export function platformRules(inspection: Inspection): PlatformRuleMetadata[] {
  const rules: PlatformRuleMetadata[] = [];
  for (const entries of packageAnnotations(inspection, 'shareguard.platform.').values()) {
    for (const entry of entries) {
      const a = entry.annotations ?? {};
      if (!a.custom?.id) continue;
      rules.push({ id: a.custom.id as string, title: a.title as string, description: a.description as string, effect: a.custom.effect as string, package: pathOf(entry) });
    }
  }
  return rules.sort(byId);
}

/** The packages under shareguard.custom, from the namespaces opa found. */
export function customPackages(inspection: Inspection): string[] {
  return Object.keys(inspection.namespaces ?? {})
    .map((ns) => ns.replace(/^data\./, ''))
    .filter((pkg) => pkg.startsWith(CUSTOM_PREFIX));
}
