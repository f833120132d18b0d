import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { formatJunit } from '../../../src/format/junit.js';
import { builtinBundle } from '../../../src/scan.js';
import { asDiff, contosoResult } from '../../helpers/results.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Node = any;

const controls = builtinBundle().manifest.controls;
let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

/** Checks well-formedness (fast-xml-parser's validator, plus the characters XML 1.0 forbids) and parses. */
function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name), parseAttributeValue: false, trimValues: false });
  return parser.parse(xml).testsuites;
}

const cases = (doc: Node): Node[] => doc.testsuite.flatMap((s: Node) => s.testcase);
const junit = (result: ScanResult) => parse(formatJunit(result, { color: false, controls }));

describe('junit format', () => {
  it('one suite per area and one test case per control, named "SG-… title", classname the area', () => {
    const doc = junit(contoso);
    expect(doc.testsuite.map((s: Node) => s.name)).toEqual([
      'shareguard.collab: External collaboration settings',
      'shareguard.guest: Guest accounts',
      'shareguard.group: Groups',
      'shareguard.flow: Power Automate flows',
      'shareguard.env: Power Platform environments',
      'shareguard.dlp: Data loss prevention',
      'shareguard.app: Power Apps',
      'shareguard.spo: SharePoint and OneDrive',
      'shareguard.teams: Microsoft Teams',
    ]);
    const all = cases(doc);
    expect(all.map((t) => t.name.split(' ')[0]).sort()).toEqual(controls.map((c) => c.id).sort());
    const flow03 = all.find((t) => t.name.startsWith('SG-FLOW-03 '));
    expect(flow03.name).toBe("SG-FLOW-03 Guest runs a flow on an employee's embedded connections");
    expect(flow03.classname).toBe('flow');
  });

  it('suite and root counts add up to the test cases and their outcomes', () => {
    const doc = junit(asDiff(contoso));
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const s of doc.testsuite) {
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(Number(s.failures)).toBe(s.testcase.filter((t: Node) => t.failure).length);
      expect(Number(s.skipped)).toBe(s.testcase.filter((t: Node) => t.skipped !== undefined).length);
      expect(s.timestamp).toBe('2026-11-30T00:00:00');
      tests += Number(s.tests);
      failures += Number(s.failures);
      skipped += Number(s.skipped);
    }
    expect([Number(doc.tests), Number(doc.failures), Number(doc.skipped), Number(doc.errors)]).toEqual([tests, failures, skipped, 0]);
  });

  it('a control with findings fails once: type the most severe, message the first, body every finding with resource, principal and place', () => {
    const dlp02 = contoso.findings.filter((f) => f.controlId === 'SG-DLP-02');
    expect(dlp02.length).toBeGreaterThan(1);
    const t = cases(junit(contoso)).find((c) => c.name.startsWith('SG-DLP-02 '));
    expect(t.failure.type).toBe('high');
    expect(t.failure.message).toBe(`${dlp02.length} findings; first: ${dlp02[0]!.message}`);
    const body: string = t.failure['#text'];
    for (const f of dlp02) {
      expect(body).toContain(`[high] SG-DLP-02: ${f.message}`);
      expect(body).toContain(`resource: ${f.resource.kind} "${f.resource.displayName}" (${f.resource.id})`);
      expect(body).toContain(`at ${f.location!.file}:${f.location!.line}:${f.location!.column}`);
    }
    const withPrincipal = contoso.findings.find((f) => f.principal)!;
    const tp = cases(junit(contoso)).find((c) => c.name.startsWith(`${withPrincipal.controlId} `));
    expect(tp.failure['#text']).toContain(`principal: ${withPrincipal.principal!.kind} "${withPrincipal.principal!.displayName}" (${withPrincipal.principal!.id})`);
  });

  it('escapes markup and carries characters XML 1.0 cannot hold as visible \\uXXXX', () => {
    const r = structuredClone(contoso);
    const nasty = 'Flow "<script>alert(1)</script>" & co\'s ]]> \u0001bell\u001b[31m \uD800 end';
    r.findings[0]!.message = nasty;
    r.findings[0]!.resource.displayName = 'A & B <Team>\u0007';
    const xml = formatJunit(r, { color: false, controls });
    const t = cases(parse(xml)).find((c) => c.name.startsWith(`${r.findings[0]!.controlId} `));
    const shown = 'Flow "<script>alert(1)</script>" & co\'s ]]> \\u0001bell\\u001B[31m \\uD800 end';
    expect(t.failure.message).toBe(shown);
    expect(t.failure['#text']).toContain(`[critical] ${r.findings[0]!.controlId}: ${shown}`);
    expect(t.failure['#text']).toContain('"A & B <Team>\\u0007"');
    expect(xml).not.toContain('<script>');
  });

  it('with a gate only new, unwaived findings at or above --fail-on fail; the rest are noted in system-out', () => {
    const diff = asDiff(contoso);
    const newMedium = diff.findings.find((f) => f.severity === 'medium' && !f.waiver)!;
    newMedium.baselineState = 'new';
    const all = cases(junit(diff));
    const failing = all.filter((c) => c.failure);
    expect(failing.map((c) => c.name.split(' ')[0]).sort()).toEqual([...new Set(diff.findings.filter((f) => f.baselineState === 'new' && !f.waiver && f.severity !== 'medium').map((f) => f.controlId))].sort());
    expect(new Set(failing.map((c) => c.failure.type))).toEqual(new Set(['critical', 'high']));

    const medium = all.find((c) => c.name.startsWith(`${newMedium.controlId} `));
    expect(medium.failure).toBeUndefined();
    expect(medium['system-out']).toContain(`Below the --fail-on threshold (high):\n[medium] ${newMedium.controlId}: ${newMedium.message}`);

    const onlyUnchanged = diff.findings.find((f) => diff.findings.filter((g) => g.controlId === f.controlId).every((g) => g.baselineState === 'unchanged' && !g.waiver))!;
    const t = all.find((c) => c.name.startsWith(`${onlyUnchanged.controlId} `));
    expect(t.failure).toBeUndefined();
    expect(t.skipped).toBeUndefined();
    expect(t['system-out']).toMatch(/^Already in the baseline \(not counted\):\n\[/);

    const resolvedId = diff.baseline!.resolved[0]!.controlId;
    expect(all.find((c) => c.name.startsWith(`${resolvedId} `))['system-out']).toContain('Resolved since the baseline:');
  });

  it('a control whose findings are all waived is skipped, with the reasons', () => {
    const diff = asDiff(contoso);
    expect(diff.findings.filter((f) => f.controlId === 'SG-COLLAB-04').map((f) => Boolean(f.waiver))).toEqual([true]);
    const t = cases(junit(diff)).find((c) => c.name.startsWith('SG-COLLAB-04 '));
    expect(t.skipped).toEqual({ message: 'waived: Partner portal registration depends on it until access packages go live (project SEC-412)' });
    expect(t['system-out']).toMatch(/^Waived:\n\[medium\] SG-COLLAB-04: .*\n(.*\n)*  waived: Partner portal registration .* \(owner: identity-team@contoso.com; expires 2027-01-31\)/);
  });

  it('a control that could not look at everything and found nothing is skipped, not passed', () => {
    const r = structuredClone(contoso);
    r.findings = r.findings.filter((f) => !f.controlId.startsWith('SG-FLOW-'));
    r.summary.notEvaluated = [{ section: 'flows', controls: ['SG-FLOW-01', 'SG-FLOW-02'], reason: 'section absent from the export' }];
    const all = cases(junit(r));
    expect(all.find((c) => c.name.startsWith('SG-FLOW-01 ')).skipped).toEqual({ message: 'not evaluated: flows: section absent from the export' });
    const flow03 = all.find((c) => c.name.startsWith('SG-FLOW-03 '));
    expect(flow03.skipped).toBeUndefined();
    expect(flow03.failure).toBeUndefined();
  });

  it('without the catalogue, lists only controls with findings', () => {
    const doc = parse(formatJunit(contoso, { color: false }));
    expect(cases(doc).length).toBe(new Set(contoso.findings.map((f) => f.controlId)).size);
  });
});
