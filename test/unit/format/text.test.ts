import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { formatJson } from '../../../src/format/json.js';
import { formatText } from '../../../src/format/text.js';

const result: ScanResult = {
  schemaVersion: 1,
  tool: { name: 'shareguard', version: '0.1.0' },
  tenant: { id: 't1', displayName: 'Contoso Ltd' },
  asOf: '2026-11-30T00:00:00.000Z',
  summary: {
    total: 2,
    counts: { critical: 0, high: 1, medium: 1, low: 0, info: 0 },
    notEvaluated: [{ section: 'flows', controls: ['SG-FLOW-01', 'SG-FLOW-02'], reason: 'section absent from the export' }],
    controls: 7,
    objects: { users: 3 },
    unknownPrincipals: 1,
    danglingDlpEnvironmentRefs: 0,
    files: 2,
  },
  findings: [
    {
      controlId: 'SG-COLLAB-01', severity: 'high', title: 'Guests have member access', message: 'Guest user access is "sameAsMember".',
      resource: { kind: 'tenant', id: 't1', displayName: 'Contoso Ltd' }, remediation: 'Restrict it.', fingerprint: 'a'.repeat(32),
      location: { file: 'tenant.yaml', line: 4, column: 20 }, references: [],
    },
    {
      controlId: 'SG-GUEST-01', severity: 'medium', title: 'Invitation pending', message: 'Ana was invited 45 days ago.',
      resource: { kind: 'user', id: 'u1', displayName: 'Ana' }, remediation: 'Resend or delete.', fingerprint: 'b'.repeat(32), references: [],
    },
  ],
};

describe('text format', () => {
  it('groups by severity, most severe first, with locations, not-evaluated sections and a closing count', () => {
    const text = formatText(result, { color: false });
    expect(text).not.toContain('\u001b[');
    expect(text.indexOf('HIGH (1)')).toBeLessThan(text.indexOf('MEDIUM (1)'));
    expect(text).toContain('  SG-COLLAB-01  Guests have member access\n    Guest user access is "sameAsMember".\n    at tenant.yaml:4:20\n');
    expect(text).toContain('Not evaluated\n  flows (SG-FLOW-01, SG-FLOW-02): section absent from the export');
    expect(text).toContain('1 referenced principal id(s) match no user or group');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '2 finding(s): 0 critical, 1 high, 1 medium, 0 low, 0 info; 2 control(s) could not look at everything (see Not evaluated)',
    );
  });

  it('uses ANSI colour only when asked', () => {
    expect(formatText(result, { color: true })).toContain('\u001b[1;31mHIGH (1)\u001b[0m');
  });

  it('says so when there is nothing to report', () => {
    const clean = { ...result, findings: [], summary: { ...result.summary, total: 0, notEvaluated: [], counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } } };
    expect(formatText(clean, { color: false })).toMatch(/No findings\.\n$/);
    const partial = { ...clean, summary: { ...clean.summary, notEvaluated: result.summary.notEvaluated } };
    expect(formatText(partial, { color: false })).toMatch(/No findings; 2 control\(s\) could not look at everything \(see Not evaluated\)\.\n$/);
  });
});

describe('json format', () => {
  it('is the result document, parseable and complete', () => {
    expect(JSON.parse(formatJson(result, { color: false }))).toEqual(result);
  });
});
