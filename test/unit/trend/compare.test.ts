import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../../src/errors.js';
import { applyGate } from '../../../src/gate/gate.js';
import { compareWithEarlier, tenantMismatch } from '../../../src/trend/compare.js';
import { loadEarlierResult, type EarlierResult } from '../../../src/trend/earlier-result.js';
import { finding, result } from '../gate/fixtures.js';

const kept = finding('SG-FLOW-01', 'f1', 'u1');
const added = finding('SG-FLOW-01', 'f1', 'u2');
const gone = finding('SG-FLOW-02', 'f2', undefined, { severity: 'critical' });

function earlier(findings = [kept, gone], tenant: EarlierResult['tenant'] = { id: 't1', displayName: 'Contoso Ltd' }): EarlierResult {
  return { source: 'audit-2026-10.json', findings, asOf: '2026-10-31T00:00:00.000Z', tenant, tenantLocation: { file: 'audit-2026-10.json', line: 4, column: 3 } };
}

describe('compareWithEarlier (scan --compare)', () => {
  it('marks each finding new or unchanged as trend, keeps the earlier counts and lists resolved findings', () => {
    const out = compareWithEarlier(result([kept, added]), earlier());
    expect(out.findings.map((f) => [f.principal?.id, f.trend])).toEqual([
      ['u1', 'unchanged'],
      ['u2', 'new'],
    ]);
    expect(out.comparison).toEqual({
      source: 'audit-2026-10.json',
      asOf: '2026-10-31T00:00:00.000Z',
      counts: { critical: 1, high: 1, medium: 0, low: 0, info: 0 },
      resolved: [gone],
    });
  });

  it('leaves the gate alone: no baselineState, and the verdict is the same as without the comparison', () => {
    const plain = applyGate(result([kept, added]), { failOn: 'high' });
    const compared = compareWithEarlier(plain, earlier());
    expect(compared.findings.every((f) => f.baselineState === undefined)).toBe(true);
    expect(compared.gate).toEqual({ failOn: 'high', failing: 2 });
    expect(applyGate(compared, { failOn: 'high' }).gate.failing).toBe(2);
    // A baseline with the same findings would have let the unchanged one through: the difference is the point.
    expect(applyGate(result([kept, added]), { failOn: 'high', baseline: { source: 'b', findings: [kept, gone] } }).gate.failing).toBe(1);
  });

  it('keeps a baseline comparison made before it as it was', () => {
    const gated = applyGate(result([kept, added]), { failOn: 'high', baseline: { source: 'b', findings: [added] } });
    const out = compareWithEarlier(gated, earlier());
    expect(out.findings.map((f) => [f.baselineState, f.trend])).toEqual([
      ['new', 'unchanged'],
      ['unchanged', 'new'],
    ]);
    expect(out.baseline?.resolved).toEqual([]);
    expect(out.gate).toEqual(gated.gate);
  });

  it('resolved findings drop what the earlier run added to them (its trend, baseline state and waiver)', () => {
    const old = { ...gone, trend: 'new' as const, baselineState: 'new' as const, waiver: { controlId: 'SG-FLOW-02', resource: 'f2', reason: 'r', owner: 'o', expires: '2027-01-01' } };
    expect(compareWithEarlier(result([]), earlier([old])).comparison?.resolved).toEqual([gone]);
  });

  it('refuses the result of another tenant with an InputError at its tenant', () => {
    const other = earlier([kept], { id: 'T2', displayName: 'Fabrikam' });
    expect(() => compareWithEarlier(result([kept]), other)).toThrow(InputError);
    expect(() => compareWithEarlier(result([kept]), other)).toThrow(
      'audit-2026-10.json:4:3: the earlier result is of tenant "Fabrikam" (id T2), not of this export\'s tenant "Contoso Ltd" (id t1): a trend compares two audits of one tenant',
    );
  });
});

describe('tenantMismatch', () => {
  const t = (id: string | null, displayName: string | null) => ({ id, displayName });
  it('compares ids when both are known, without regard to case (a renamed tenant is the same tenant)', () => {
    expect(tenantMismatch(t('ABC', 'Contoso'), t('abc', 'Contoso Ltd (old name)'))).toBeUndefined();
    expect(tenantMismatch(t('abc', 'Contoso'), t('abd', 'Contoso'))).toMatch(/another tenant|of tenant/);
  });
  it('falls back to display names, and takes a result that names no tenant on trust', () => {
    expect(tenantMismatch(t(null, 'Contoso'), t('abc', 'Fabrikam'))).toBeDefined();
    expect(tenantMismatch(t(null, 'Contoso'), t('abc', 'contoso'))).toBeUndefined();
    expect(tenantMismatch(t(null, null), t('abc', 'Fabrikam'))).toBeUndefined();
    expect(tenantMismatch(t('abc', 'Contoso'), t(null, null))).toBeUndefined();
  });
});

describe('loadEarlierResult', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-earlier-')), 'audit.json');
    fs.writeFileSync(file, content);
    return file;
  };
  const doc = (extra: Record<string, unknown> = {}) => ({ schemaVersion: 1, tool: { name: 'shareguard', version: '0.1.0' }, findings: [kept], ...extra });

  it('reads findings, as-of and tenant, with where the tenant id is written', () => {
    const header = { schemaVersion: 1, tool: { name: 'shareguard', version: '0.1.0' }, tenant: { id: 't1', displayName: 'Contoso Ltd' }, asOf: '2026-10-31T00:00:00.000Z' };
    const file = write(JSON.stringify({ ...header, findings: [kept] }, null, 2));
    const e = loadEarlierResult(file);
    expect(e).toMatchObject({ source: file, asOf: '2026-10-31T00:00:00.000Z', tenant: { id: 't1', displayName: 'Contoso Ltd' } });
    expect(e.findings).toEqual([kept]);
    expect(e.tenantLocation).toEqual({ file, line: 8, column: 11 }); // "id": "t1", under "tenant"

  });

  it('a result without tenant or as-of reads as unknown ones', () => {
    const e = loadEarlierResult(write(JSON.stringify(doc())));
    expect(e.asOf).toBeNull();
    expect(e.tenant).toEqual({ id: null, displayName: null });
  });

  it('is checked as a baseline is, and its errors call it the earlier result', () => {
    expect(() => loadEarlierResult(write('{"schemaVersion":1,"tool":{"name":"other"},"findings":[]}'))).toThrow(/not a shareguard scan result \(tool.name is "other"\); the earlier result is the JSON document written by `shareguard scan --output json`/);
    expect(() => loadEarlierResult(write(JSON.stringify(doc({ schemaVersion: 2 }))))).toThrow(/the earlier result has result schemaVersion 2, newer than/);
    try {
      loadEarlierResult(write(JSON.stringify(doc({ findings: [{ controlId: 'SG-X' }] }))));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputErrors);
      expect((e as InputErrors).message).toMatch(/fingerprint/);
    }
  });
});
