import { beforeAll, describe, expect, it } from 'vitest';
import { builtinBundle } from '../../../src/scan.js';
import type { ScanResult } from '../../../src/findings/types.js';
import { artifactUri, FINGERPRINT_KEY, formatSarif } from '../../../src/format/sarif.js';
import type { FormatOptions } from '../../../src/format/types.js';
import { asDiff, contosoResult } from '../../helpers/results.js';
import { sarifErrors } from '../../helpers/sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Sarif = any;

const controls = builtinBundle().manifest.controls;
const options: FormatOptions = { color: false, controls, cwd: process.cwd(), fallbackFile: 'examples/contoso/tenant.yaml' };
let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

const sarif = (result: ScanResult, o: FormatOptions = options): Sarif => JSON.parse(formatSarif(result, o));

describe('sarif format', () => {
  it('is valid against the SARIF 2.1.0 schema, for a scan and for a diff with waivers', () => {
    expect(sarifErrors(sarif(contoso))).toEqual([]);
    expect(sarifErrors(sarif(asDiff(contoso)))).toEqual([]);
    expect(sarifErrors(sarif(contoso, { color: false }))).toEqual([]);
  });

  it('the schema check can fail: a wrong level or a missing message is refused', () => {
    const doc = sarif(contoso);
    doc.runs[0].results[0].level = 'fatal';
    delete doc.runs[0].results[1].message;
    doc.runs[0].results[2].suppressions = [{ kind: 'external', state: 'accepted' }]; // pre-standard spelling of status
    const errors = sarifErrors(doc);
    expect(errors.some((e) => e.startsWith('/runs/0/results/0/level'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/runs/0/results/1') && e.includes('message'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/runs/0/results/2/suppressions/0') && e.includes('state'))).toBe(true);
  });

  it('has one run with the version, the tool and one rule per control, findings or not', () => {
    const doc = sarif(contoso);
    expect(doc.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs).toHaveLength(1);
    const driver = doc.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'shareguard', version: contoso.tool.version, semanticVersion: contoso.tool.version });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: Sarif) => r.id)).toEqual(controls.map((c) => c.id));
  });

  it('a rule carries what GitHub shows: descriptions, help with the remediation, security-severity, tags, precision, level', () => {
    const rules = sarif(contoso).runs[0].tool.driver.rules as Sarif[];
    const flow03 = rules.find((r) => r.id === 'SG-FLOW-03');
    expect(flow03.shortDescription.text).toBe("Guest runs a flow on an employee's embedded connections");
    expect(flow03.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(flow03.fullDescription.text).not.toMatch(/\n(?!\n)/); // hard wraps joined; paragraphs kept
    expect(flow03.help.text).toContain('How to fix: On the flow\'s details page');
    expect(flow03.help.markdown).toContain('**How to fix.** On the flow\'s details page');
    expect(flow03.properties).toMatchObject({ 'security-severity': '9.5', precision: 'high' });
    expect(flow03.properties.tags).toEqual(expect.arrayContaining(['security', 'flow']));
    expect(flow03.defaultConfiguration.level).toBe('error');
    const bySeverity = (id: string) => rules.find((r) => r.id === id).properties['security-severity'];
    expect([bySeverity('SG-COLLAB-01'), bySeverity('SG-APP-01'), bySeverity('SG-COLLAB-06')]).toEqual(['8.0', '5.5', '3.0']);
    const collab01 = rules.find((r) => r.id === 'SG-COLLAB-01');
    expect(collab01.helpUri).toBe('https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure');
    expect(collab01.properties.tags).toEqual(expect.arrayContaining(['CIS M365 5.1.6.2']));
  });

  it('results point at their rule and their place in the export, relative, with forward slashes, and carry the fingerprint', () => {
    const doc = sarif(contoso);
    const { rules } = doc.runs[0].tool.driver;
    const results = doc.runs[0].results as Sarif[];
    expect(results).toHaveLength(contoso.findings.length);
    for (const [i, r] of results.entries()) {
      const f = contoso.findings[i]!;
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.ruleId).toBe(f.controlId);
      expect(r.message.text).toBe(f.message);
      expect(r.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: f.fingerprint });
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(f.location!.file);
      expect(loc.artifactLocation.uri).toMatch(/^examples\/contoso\/[\w/.-]+$/);
      expect(loc.region).toEqual({ startLine: f.location!.line, startColumn: f.location!.column });
      expect(r.locations[0].logicalLocations[0]).toEqual({ name: f.resource.displayName, fullyQualifiedName: `${f.resource.kind}/${f.resource.id}`, kind: f.resource.kind });
      expect(r).not.toHaveProperty('baselineState');
      expect(r).not.toHaveProperty('suppressions');
    }
    const levels = new Set(results.map((r) => `${contoso.findings[results.indexOf(r)]!.severity}:${r.level}`));
    expect([...levels].sort()).toEqual(['critical:error', 'high:error', 'low:note', 'medium:warning']);
  });

  it('a diff gives baselineState new / unchanged, resolved findings as absent passes, waived findings as accepted external suppressions', () => {
    const diff = asDiff(contoso);
    const results = sarif(diff).runs[0].results as Sarif[];
    const current = results.slice(0, diff.findings.length);
    expect(current.map((r) => r.baselineState)).toEqual(diff.findings.map((f) => f.baselineState));
    const absent = results.slice(diff.findings.length);
    expect(absent).toHaveLength(2);
    for (const [i, r] of absent.entries()) {
      expect(r).toMatchObject({ kind: 'pass', level: 'none', baselineState: 'absent', ruleId: diff.baseline!.resolved[i]!.controlId });
      expect(r.message.text).toMatch(/^Resolved since the baseline: /);
    }
    const waived = current.filter((r) => r.suppressions);
    expect(waived).toHaveLength(diff.findings.filter((f) => f.waiver).length);
    expect(waived).toHaveLength(4);
    const flow01 = waived.find((r) => r.ruleId === 'SG-FLOW-01');
    expect(flow01.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification:
          'Fabrikam maintains expense processing under contract FAB-2025-014 until the flow moves to a Finance-owned solution (owner: isaiah.langer@contoso.com; expires 2027-03-31)',
        location: { physicalLocation: { artifactLocation: { uri: 'examples/waivers.yaml' }, region: { startLine: expect.any(Number), startColumn: expect.any(Number) } } },
        properties: { owner: 'isaiah.langer@contoso.com', expires: '2027-03-31', resource: '42178ac7-5a76-43d4-907b-a9fb0c5f4626' },
      },
    ]);
    const notes = sarif(diff).runs[0].invocations[0].toolExecutionNotifications as Sarif[];
    expect(notes.map((n) => n.message.text)).toEqual([
      expect.stringMatching(/^Waiver expired: waiver for SG-GUEST-04 on 06c750eb-0c4f-4426-b95f-9264926d91d7 .*expired on 2026-10-31/),
      expect.stringMatching(/^Waiver stale: waiver for SG-FLOW-02 /),
    ]);
  });

  it('a finding without a location points at line 1 of the fallback file; without a fallback it has no location', () => {
    const r = structuredClone(contoso);
    delete r.findings[0]!.location;
    const withFallback = sarif(r).runs[0].results[0];
    expect(withFallback.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'examples/contoso/tenant.yaml' }, region: { startLine: 1, startColumn: 1 } });
    const without = sarif(r, { color: false, controls }).runs[0].results[0];
    expect(without).not.toHaveProperty('locations');
    expect(sarifErrors(sarif(r, { color: false, controls }))).toEqual([]);
  });

  it('without the control catalogue, rules come from the findings; a configured severity shows in the rule', () => {
    const r = structuredClone(contoso);
    for (const f of r.findings) if (f.controlId === 'SG-APP-01') f.severity = 'critical';
    const doc = sarif(r, { color: false });
    const rules = doc.runs[0].tool.driver.rules as Sarif[];
    expect(rules.map((x) => x.id)).toEqual([...new Set(r.findings.map((f) => f.controlId))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(rules.find((x) => x.id === 'SG-APP-01').properties['security-severity']).toBe('9.5');
    const withCatalogue = sarif(r).runs[0].tool.driver.rules.find((x: Sarif) => x.id === 'SG-APP-01');
    expect(withCatalogue.properties['security-severity']).toBe('9.5');
    expect(withCatalogue.defaultConfiguration.level).toBe('error');
  });

  it('notes what was not evaluated as tool execution notifications', () => {
    const r = structuredClone(contoso);
    r.summary.notEvaluated = [{ section: 'flows', controls: ['SG-FLOW-01'], reason: 'section absent from the export' }];
    const notes = sarif(r).runs[0].invocations[0].toolExecutionNotifications;
    expect(notes).toEqual([{ level: 'warning', message: { text: 'Not evaluated (SG-FLOW-01): flows: section absent from the export' } }]);
  });
});

describe('artifactUri: file paths as code scanning matches them', () => {
  it('keeps relative paths relative, with forward slashes, without ./', () => {
    expect(artifactUri('examples/contoso/tenant.yaml', '/repo')).toBe('examples/contoso/tenant.yaml');
    expect(artifactUri('./exports/a.yaml')).toBe('exports/a.yaml');
    expect(artifactUri('exports\\flows\\a.yaml')).toBe('exports/flows/a.yaml');
  });
  it('makes absolute paths inside the working directory relative; outside it, a file:// URI', () => {
    expect(artifactUri('/repo/exports/a.yaml', '/repo')).toBe('exports/a.yaml');
    expect(artifactUri('/elsewhere/a.yaml', '/repo')).toBe('file:///elsewhere/a.yaml');
    expect(artifactUri('C:\\work\\repo\\exports\\a.yaml', 'C:\\work\\repo')).toBe('exports/a.yaml');
    expect(artifactUri('D:\\other\\a.yaml', 'C:\\work\\repo')).toBe('file:///D:/other/a.yaml');
  });
  it('percent-encodes what a URI cannot hold', () => {
    expect(artifactUri('exports/Power Platform/flows #1.yaml')).toBe('exports/Power%20Platform/flows%20%231.yaml');
  });
});
