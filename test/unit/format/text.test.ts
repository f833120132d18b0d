import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../../../src/findings/types.js';
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

describe('text format with a baseline, waivers and a gate', () => {
  const [collab, guest] = result.findings as [Finding, Finding];
  const waiver = {
    controlId: 'SG-GUEST-01', resource: 'u1', reason: 'Onboarding in progress', owner: 'hr-it@contoso.com', expires: '2027-01-31',
    location: { file: '.shareguard/waivers.yaml', line: 4, column: 5 },
  };
  const stale = { ...waiver, controlId: 'SG-FLOW-02', resource: 'f9', location: { file: '.shareguard/waivers.yaml', line: 10, column: 5 } };
  const gone: Finding = { ...guest, controlId: 'SG-GROUP-02', title: 'Guest owns a group', resource: { kind: 'group', id: 'g1', displayName: 'Vendor Portal Owners' }, principal: { kind: 'user', id: 'u9', displayName: 'Sipho Dlamini' }, fingerprint: 'c'.repeat(32) };
  const gated: ScanResult = {
    ...result,
    findings: [{ ...collab, baselineState: 'new' }, { ...guest, baselineState: 'unchanged', waiver }],
    baseline: { source: 'main/tenant', resolved: [gone] },
    waivers: { source: '.shareguard/waivers.yaml', applied: 1, problems: [{ kind: 'stale', waiver: stale, message: 'waiver for SG-FLOW-02 on f9 (owner hr-it@contoso.com) matches no finding' }] },
    gate: { failOn: 'high', failing: 1 },
  };
  const text = formatText(gated, { color: false });

  it('marks new findings, and lists waived ones apart with owner, expiry, reason and where the waiver is', () => {
    expect(text).toContain('HIGH (1)\n  SG-COLLAB-01  Guests have member access  [new]\n');
    expect(text).not.toContain('MEDIUM (');
    expect(text).toContain(
      'Waived (1)\n  SG-GUEST-01  Invitation pending\n    Ana was invited 45 days ago.\n    waived until 2027-01-31 by hr-it@contoso.com (.shareguard/waivers.yaml:4:5): Onboarding in progress\n',
    );
  });

  it('lists what was resolved and the waiver problems, each at its place in the waivers file', () => {
    expect(text).toContain('Resolved since main/tenant (1)\n  SG-GROUP-02  Guest owns a group: Vendor Portal Owners (Sipho Dlamini)\n');
    expect(text).toContain('Waiver problems (1)\n  stale  waiver for SG-FLOW-02 on f9 (owner hr-it@contoso.com) matches no finding\n    at .shareguard/waivers.yaml:10:5\n');
  });

  it('ends with the counts, what the baseline and waivers changed, and the verdict', () => {
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      'Since main/tenant: 1 new, 1 unchanged, 1 resolved.',
      'Waivers (.shareguard/waivers.yaml): 1 finding(s) waived, 0 expired, 1 stale.',
      'Gate fails: 1 new, unwaived finding(s) at or above high.',
    ]);
    expect(formatText({ ...gated, gate: { failOn: 'critical', failing: 0 } }, { color: false }).trimEnd().split('\n').at(-1)).toBe('Gate passes: no new, unwaived finding at or above critical.');
    expect(formatText({ ...result, gate: { failOn: 'none', failing: 0 } }, { color: false }).trimEnd().split('\n').at(-1)).toBe('Gate never fails (--fail-on none).');
  });
});

describe('json format with the gate fields', () => {
  it('carries baselineState, waiver, baseline, waivers and gate as they are', () => {
    const withGate: ScanResult = {
      ...result,
      findings: [{ ...result.findings[0]!, baselineState: 'new' }],
      baseline: { source: 'main.json', resolved: [] },
      waivers: { source: 'w.yaml', applied: 0, problems: [] },
      gate: { failOn: 'low', failing: 1 },
    };
    const parsed = JSON.parse(formatJson(withGate, { color: false })) as ScanResult;
    expect(parsed.findings[0]?.baselineState).toBe('new');
    expect(parsed.gate).toEqual({ failOn: 'low', failing: 1 });
    expect(parsed.baseline).toEqual({ source: 'main.json', resolved: [] });
    expect(parsed.waivers).toEqual({ source: 'w.yaml', applied: 0, problems: [] });
  });
});

describe('text format with a trend (scan --compare)', () => {
  it('marks the new findings, lists the resolved ones and says the direction since the earlier audit', async () => {
    const { asCompared, contosoResult } = await import('../../helpers/results.js');
    const compared = asCompared(await contosoResult());
    const text = formatText(compared, { color: false });
    const added = compared.findings.filter((f) => f.trend === 'new');
    expect(added).toHaveLength(3);
    expect(text.match(/\[new\]/g)).toHaveLength(3);
    expect(text).toContain(`Resolved since ${compared.comparison!.source} (2)`);
    expect(text).toMatch(/^Since \S+ \(.+\): 3 new, 62 unchanged, 2 resolved; ▲ 1 more finding than \S+\.$/m);
  });
});
