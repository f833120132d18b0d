import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../../src/errors.js';
import { compareWithBaseline } from '../../../src/gate/baseline.js';
import { loadBaseline } from '../../../src/gate/baseline-file.js';
import { finding, result } from './fixtures.js';

describe('compareWithBaseline', () => {
  const kept = finding('SG-FLOW-01', 'f1', 'u1');
  const added = finding('SG-FLOW-01', 'f1', 'u2');
  const gone = finding('SG-FLOW-02', 'f2');

  it('marks findings new or unchanged by fingerprint and lists what the baseline had that is gone', () => {
    const out = compareWithBaseline(result([kept, added]), { source: 'main.json', findings: [kept, gone] });
    expect(out.findings.map((f) => [f.principal?.id, f.baselineState])).toEqual([
      ['u1', 'unchanged'],
      ['u2', 'new'],
    ]);
    expect(out.baseline).toEqual({ source: 'main.json', resolved: [gone] });
  });

  it('does not count as resolved what a control that did not look at everything no longer reports', () => {
    const out = compareWithBaseline(result([kept]), { source: 'main.json', findings: [kept, gone] }, (id) => id !== 'SG-FLOW-02');
    expect(out.baseline).toEqual({ source: 'main.json', resolved: [], unverified: [gone] });
  });

  it("refuses another tenant's baseline, pointing at its tenant", () => {
    const now = result([kept]);
    const other = { id: 'f0e1d2c3-0000-4000-8000-000000000001', displayName: 'Fabrikam Inc.' };
    const at = { file: 'main.json', line: 5, column: 11 };
    expect(() => compareWithBaseline(now, { source: 'main.json', findings: [kept], tenant: other, tenantLocation: at })).toThrow(InputError);
    expect(() => compareWithBaseline(now, { source: 'main.json', findings: [kept], tenant: other, tenantLocation: at })).toThrow(/baseline is of tenant "Fabrikam Inc\."/);
    expect(compareWithBaseline(now, { source: 'main.json', findings: [kept], tenant: now.tenant }).baseline?.resolved).toEqual([]);
  });

  it('compares by fingerprint only: a finding that moved, reworded or changed severity is unchanged', () => {
    const moved = { ...kept, severity: 'low' as const, message: 'reworded', location: { file: 'other.yaml', line: 99, column: 1 } };
    const out = compareWithBaseline(result([moved]), { source: 'b', findings: [kept] });
    expect(out.findings[0]?.baselineState).toBe('unchanged');
    expect(out.baseline?.resolved).toEqual([]);
  });

  it('an empty baseline makes everything new; an empty result resolves everything, each once', () => {
    expect(compareWithBaseline(result([kept]), { source: 'b', findings: [] }).findings[0]?.baselineState).toBe('new');
    const out = compareWithBaseline(result([]), { source: 'b', findings: [kept, gone, gone] });
    expect(out.baseline?.resolved.map((f) => f.fingerprint)).toEqual([kept.fingerprint, gone.fingerprint]);
  });

  it('resolved findings drop what the baseline run added to them, and the inputs are left as they were', () => {
    const old = { ...gone, baselineState: 'new' as const, waiver: { controlId: 'SG-FLOW-02', resource: 'f2', reason: 'r', owner: 'o', expires: '2027-01-01' } };
    const input = result([kept]);
    const out = compareWithBaseline(input, { source: 'b', findings: [old] });
    expect(out.baseline?.resolved[0]).toEqual(gone);
    expect(input.findings[0]).not.toHaveProperty('baselineState');
    expect(input).not.toHaveProperty('baseline');
    expect(old.baselineState).toBe('new');
  });
});

describe('loadBaseline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-baseline-'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const errorsOf = (file: string): string[] => {
    try {
      loadBaseline(file);
    } catch (e) {
      if (e instanceof InputErrors) return e.errors.map((x) => x.message);
      if (e instanceof InputError) return [e.message];
      throw e;
    }
    throw new Error('expected an input error');
  };

  it('reads the findings of a scan result document, naming the file as the source', () => {
    const f = finding('SG-FLOW-01', 'f1', 'u1');
    const file = write('ok.json', JSON.stringify(result([f]), null, 2));
    expect(loadBaseline(file)).toEqual({
      source: file,
      findings: [f],
      tenant: { id: 't1', displayName: 'Contoso Ltd' },
      tenantLocation: { file, line: 8, column: 11 },
    });
  });

  it('malformed JSON is an error at file:line:column', () => {
    const file = write('trunc.json', '{\n  "schemaVersion": 1,\n  "findings": [\n');
    expect(errorsOf(file)).toEqual([expect.stringMatching(new RegExp(`^${escape(file)}:4:1: invalid JSON`))]);
  });

  it('a document of another tool is refused, pointing at its tool name', () => {
    const file = write('other.json', '{\n  "schemaVersion": 1,\n  "tool": { "name": "trivy" },\n  "findings": []\n}\n');
    expect(errorsOf(file)).toEqual([`${file}:3:21: not a shareguard scan result (tool.name is "trivy"); a baseline is the JSON document written by \`shareguard scan --output json\``]);
    expect(errorsOf(write('list.json', '[1, 2]\n'))[0]).toMatch(/:1:1: the file holds an array, not a shareguard scan result/);
  });

  it('a newer result version is refused, pointing at schemaVersion', () => {
    const file = write('v2.json', '{\n  "tool": { "name": "shareguard" },\n  "schemaVersion": 2,\n  "findings": []\n}\n');
    expect(errorsOf(file)).toEqual([expect.stringMatching(new RegExp(`^${escape(file)}:3:20: the baseline has result schemaVersion 2, newer than`))]);
  });

  it('a finding without a fingerprint, or a result without findings, is a schema error at its line', () => {
    const bad = result([finding('SG-FLOW-01', 'f1')]) as unknown as { findings: Record<string, unknown>[] };
    delete bad.findings[0]!.fingerprint;
    const file = write('nofp.json', JSON.stringify(bad, null, 2));
    // The finding's object opens on the line before its "controlId" (0-based index of that line = 1-based line of the brace).
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"controlId"'));
    expect(errorsOf(file)).toEqual([`${file}:${line}:5: findings[0] is missing required property "fingerprint"`]);
    const sim = write('sim.json', '{\n  "schemaVersion": 1,\n  "tool": { "name": "shareguard" },\n  "results": []\n}\n');
    expect(errorsOf(sim)).toEqual([`${sim}:1:1: the baseline is missing required property "findings"`]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
