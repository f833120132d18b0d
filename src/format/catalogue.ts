import type { ControlMetadata } from '../engine/bundle.js';
import { isSeverity, type Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { oneLine, unwrap } from './prose.js';

/** One control as the reports that list every control (sarif rules, junit test cases) describe it. */
export interface CatalogueEntry {
  id: string;
  /** A short identifier in PascalCase, from the Rego package name (e.g. SharedTooWidely). */
  name: string;
  title: string;
  description: string;
  /** The severity its findings get: the configured one when findings show it, else the METADATA's. */
  severity: Severity;
  area: string;
  remediation: string;
  /** Related public controls, e.g. "CIS M365 5.1.6.2". */
  references: string[];
  /** The first web page among the control's related resources and references. */
  helpUri?: string;
  /** False for a control known only from findings (no METADATA was given). */
  described: boolean;
}

/**
 * Every control of the catalogue (the controls the scan ran), plus any control that has findings but is not in
 * it, sorted by id. Without a catalogue only controls with findings (current or resolved) appear.
 */
export function catalogue(result: ScanResult, controls: readonly ControlMetadata[] = []): CatalogueEntry[] {
  const findings = [...result.findings, ...(result.baseline?.resolved ?? [])];
  const firstFinding = new Map<string, Finding>();
  for (const f of findings) if (!firstFinding.has(f.controlId)) firstFinding.set(f.controlId, f);

  const entries = new Map<string, CatalogueEntry>();
  for (const c of controls) {
    const finding = firstFinding.get(c.id);
    entries.set(c.id, {
      id: c.id,
      name: pascalCase(c.package.split('.').pop() ?? c.id),
      title: oneLine(c.title),
      description: unwrap(c.description),
      severity: finding?.severity ?? (isSeverity(c.severity) ? c.severity : 'medium'),
      area: c.area,
      remediation: unwrap(c.remediation),
      references: [...c.references],
      ...helpUri([...c.relatedResources.map((r) => r.ref), ...c.references]),
      described: true,
    });
  }
  for (const [id, f] of firstFinding) {
    if (entries.has(id)) continue;
    entries.set(id, {
      id,
      name: pascalCase(f.title),
      title: oneLine(f.title),
      description: oneLine(f.title),
      severity: f.severity,
      area: areaOf(id),
      remediation: unwrap(f.remediation),
      references: [...f.references],
      ...helpUri(f.references),
      described: false,
    });
  }
  return [...entries.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** SG-GUEST-04 → guest: the area a control id names, for controls without METADATA. */
export function areaOf(controlId: string): string {
  const m = /^[A-Za-z]+-([A-Za-z]+)-/.exec(controlId);
  return m ? m[1]!.toLowerCase() : 'other';
}

function pascalCase(text: string): string {
  const name = text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return name || 'Control';
}

function helpUri(candidates: readonly string[]): { helpUri?: string } {
  const uri = candidates.find((r) => /^https?:\/\/\S+$/.test(r));
  return uri ? { helpUri: uri } : {};
}
