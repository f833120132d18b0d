import { formatPosition } from '../errors.js';
import { AREA_NAMES, compareAreas } from '../engine/areas.js';
import { atOrAbove, severityRank } from '../findings/severity.js';
import { judgedByGate } from '../gate/gate.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { catalogue, type CatalogueEntry } from './catalogue.js';
import { clip } from './prose.js';
import type { Formatter } from './types.js';
import { forXmlLineValue as v } from './neutralise.js';
import { openTag, xmlText } from './xml.js';

/**
 * JUnit XML for CI test tabs (Azure DevOps "Publish Test Results", GitLab `artifacts:reports:junit`, Jenkins).
 *
 * - One `<testsuite>` per control area, one `<testcase>` per control (classname = area, name = "SG-… title"),
 *   so every control the scan ran shows up, passed or not.
 * - A control with findings that count (not waived, not unchanged since a baseline, and at or above the gate's
 *   --fail-on when the result has one)
 *   gets ONE `<failure>`: type = the most severe of them, message = the first (and how many more), body = every
 *   such finding with its resource, principal and location. One failure per test case because Azure DevOps,
 *   GitLab and Jenkins show only the first of several.
 * - A control whose only findings are waived is `<skipped>` with the waivers' reasons; a control with no finding
 *   that could not look at everything (a section missing from the export) is `<skipped>` too: missing data is
 *   never a pass. Findings below the threshold, unchanged since the baseline, waived or resolved go in
 *   `<system-out>`.
 */
export const formatJunit: Formatter = (result, options) => {
  const counts = (f: Finding) => judgedByGate(f) && (!result.gate || (result.gate.failOn !== 'none' && atOrAbove(f.severity, result.gate.failOn)));
  const notEvaluated = new Map<string, string[]>();
  for (const n of result.summary.notEvaluated) {
    for (const id of n.controls) notEvaluated.set(id, [...(notEvaluated.get(id) ?? []), `${n.section}: ${n.reason}`]);
  }
  const cases = catalogue(result, options.controls).map((c) =>
    testCase(c, result.findings.filter((f) => f.controlId === c.id), result.baseline?.resolved.filter((f) => f.controlId === c.id) ?? [], counts, notEvaluated.get(c.id) ?? [], result),
  );

  const areas = [...new Set(cases.map((t) => t.area))].sort(compareAreas);
  const timestamp = result.asOf.replace(/(\.\d+)?Z$/, '');
  const total = tally(cases);
  const tenant = result.tenant.displayName ?? result.tenant.id ?? 'tenant';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `${openTag('testsuites', { name: `shareguard ${result.tool.version}: ${tenant}, as of ${result.asOf}`, tests: total.tests, failures: total.failures, errors: 0, skipped: total.skipped, time: 0 })}>`,
  ];
  for (const area of areas) {
    const inArea = cases.filter((t) => t.area === area);
    const n = tally(inArea);
    lines.push(`  ${openTag('testsuite', { name: `shareguard.${area}: ${AREA_NAMES[area] ?? area}`, tests: n.tests, failures: n.failures, errors: 0, skipped: n.skipped, time: 0, timestamp })}>`);
    for (const t of inArea) lines.push(...t.xml.map((l) => `    ${l}`));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};

interface TestCase {
  area: string;
  outcome: 'passed' | 'failed' | 'skipped';
  xml: string[];
}

function testCase(
  c: CatalogueEntry,
  findings: Finding[],
  resolved: Finding[],
  counts: (f: Finding) => boolean,
  notEvaluated: string[],
  result: ScanResult,
): TestCase {
  const failing = findings.filter(counts).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const waived = findings.filter((f) => f.waiver);
  const unchanged = findings.filter((f) => !f.waiver && f.baselineState === 'unchanged');
  const below = findings.filter((f) => judgedByGate(f) && !counts(f));
  const out: string[] = [];
  let outcome: TestCase['outcome'] = 'passed';
  if (failing.length > 0) {
    outcome = 'failed';
    const first = failing[0]!;
    const message = failing.length === 1 ? first.message : `${failing.length} findings; first: ${first.message}`;
    out.push(`${openTag('failure', { message: clip(message, 1000), type: first.severity })}>${xmlText(failing.map(describe).join('\n\n'))}</failure>`);
  } else if (waived.length > 0 && below.length === 0 && unchanged.length === 0) {
    outcome = 'skipped';
    out.push(`${openTag('skipped', { message: `waived: ${[...new Set(waived.map((f) => f.waiver!.reason))].join('; ')}` })}/>`);
  } else if (findings.length === 0 && notEvaluated.length > 0) {
    outcome = 'skipped';
    out.push(`${openTag('skipped', { message: `not evaluated: ${notEvaluated.join('; ')}` })}/>`);
  }

  const notes: string[] = [];
  if (below.length > 0 && result.gate) notes.push(`Below the --fail-on threshold (${result.gate.failOn}):`, ...below.map(describe), '');
  if (unchanged.length > 0) notes.push('Already in the baseline (not counted):', ...unchanged.map(describe), '');
  if (waived.length > 0) notes.push('Waived:', ...waived.map(describe), '');
  if (resolved.length > 0) notes.push('Resolved since the baseline:', ...resolved.map(describe), '');
  if (notEvaluated.length > 0 && outcome !== 'skipped') notes.push('Not evaluated:', ...notEvaluated.map((n) => `  ${v(n)}`), '');
  if (notes.length > 0) out.push(`<system-out>${xmlText(notes.join('\n').trimEnd())}</system-out>`);

  const open = openTag('testcase', { classname: c.area, name: `${c.id} ${c.title}`, time: 0 });
  const xml = out.length === 0 ? [`${open}/>`] : [`${open}>`, ...out.map((l) => `  ${l}`), '</testcase>'];
  return { area: c.area, outcome, xml };
}

/**
 * A finding as lines of plain text: what, on what, for whom, where. Each value goes through forXmlLineValue
 * (`v`): one line, whatever a name holds.
 */
function describe(f: Finding): string {
  const lines = [`[${f.severity}] ${f.controlId}: ${v(f.message)}`, `  resource: ${f.resource.kind} "${v(f.resource.displayName)}" (${v(f.resource.id)})`];
  if (f.principal) lines.push(`  principal: ${f.principal.kind} "${v(f.principal.displayName)}" (${v(f.principal.id)})`);
  if (f.location) lines.push(`  at ${v(formatPosition(f.location))}`);
  if (f.baselineState) lines.push(`  ${f.baselineState === 'new' ? 'new since the baseline' : 'already in the baseline'}`);
  if (f.waiver) lines.push(`  waived: ${v(f.waiver.reason)} (owner: ${v(f.waiver.owner)}; expires ${v(f.waiver.expires)})`);
  lines.push(`  fingerprint: ${f.fingerprint}`);
  return lines.join('\n');
}

function tally(cases: TestCase[]) {
  return {
    tests: cases.length,
    failures: cases.filter((t) => t.outcome === 'failed').length,
    skipped: cases.filter((t) => t.outcome === 'skipped').length,
  };
}

