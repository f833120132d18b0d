import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../../../src/findings/types.js';
import { escapeData, escapeProperty, formatGithub } from '../../../src/format/github.js';
import { formatters } from '../../../src/format/index.js';
import { ROOT } from '../../helpers/cli.js';
import { CONTROL_COUNT } from '../../helpers/manifest.js';

const GOLDEN = path.join(ROOT, 'test/fixtures/format/github.golden.txt');

const base = { resource: { kind: 'flow', id: 'f1', displayName: 'Expense Approval' }, remediation: 'Remove the owner.', references: [] };
const findings: Finding[] = [
  {
    ...base, controlId: 'SG-FLOW-03', severity: 'critical', title: 'Guest runs a flow on an employee\'s connections', fingerprint: '1'.repeat(32),
    message: 'Flow "Request vendor quote" can be run by guest Wei Chen: each run acts as Isaiah.',
    remediation: 'Share it run-only with connections the\n  guest provides, or stop sharing it.',
    location: { file: 'tenant/flows/operations.yaml', line: 27, column: 5 }, baselineState: 'new',
  },
  {
    ...base, controlId: 'SG-FLOW-01', severity: 'high', title: 'Flow has an external co-owner', fingerprint: '2'.repeat(32),
    message: 'Flow "Expense Approval" is owned by Ravi Patel.', location: { file: 'tenant/flows/finance.yaml', line: 67, column: 5 }, baselineState: 'unchanged',
  },
  {
    ...base, controlId: 'SG-GUEST-09', severity: 'low', title: 'Guest owns flows without a licence', fingerprint: '3'.repeat(32),
    message: 'Marta owns "Vendor intake".', location: { file: 'tenant/users/guests.json', line: 30, column: 5 }, baselineState: 'new',
    waiver: { controlId: 'SG-GUEST-09', resource: 'u1', reason: 'Licensed at home', owner: 'procurement-it@contoso.com', expires: '2027-06-30' },
  },
  {
    ...base, controlId: 'SG-DLP-03', severity: 'medium', title: 'Policy: 100% of connectors, "business"', fingerprint: '4'.repeat(32),
    message: 'Line one: 100% open,\r\nline two.', location: { file: 'tenant\\power-platform\\dlp, 2026.json', line: 66, column: 7 }, baselineState: 'new',
  },
  {
    ...base, controlId: 'SG-COLLAB-06', severity: 'low', title: 'Open cross-tenant default', fingerprint: '5'.repeat(32),
    message: 'Every Entra organisation is let in.', baselineState: 'new',
  },
  {
    ...base, controlId: 'SG-X-01', severity: 'info', title: 'For information', fingerprint: '6'.repeat(32),
    message: 'Noted.', location: { file: 'tenant/tenant.yaml', line: 1, column: 1 }, baselineState: 'new',
  },
];

const result: ScanResult = {
  schemaVersion: 1,
  tool: { name: 'shareguard', version: '0.1.0' },
  tenant: { id: 't1', displayName: 'Contoso Ltd' },
  asOf: '2026-11-30T00:00:00.000Z',
  summary: {
    total: 6, counts: { critical: 1, high: 1, medium: 1, low: 2, info: 1 }, notEvaluated: [], controls: CONTROL_COUNT,
    objects: {}, unknownPrincipals: 0, danglingDlpEnvironmentRefs: 0, files: 4,
  },
  findings,
  baseline: { source: 'main/tenant', resolved: [] },
  waivers: { source: '.shareguard/waivers.yaml', applied: 1, problems: [] },
  gate: { failOn: 'medium', failing: 2 },
};

describe('github format', () => {
  it('matches the golden file: one command per new, unwaived finding by severity, escaped, then a summary', () => {
    const golden = fs.readFileSync(GOLDEN, 'utf8');
    expect(formatGithub(result, { color: false })).toBe(golden);
  });

  it('is registered under the name "github"', () => {
    expect(formatters.github).toBe(formatGithub);
  });

  it('without a baseline annotates every unwaived finding and says the gate passes when nothing fails', () => {
    const { baseline: _b, waivers: _w, ...plain } = result;
    const text = formatGithub({ ...plain, findings: findings.map(({ baselineState: _s, ...f }) => f), gate: { failOn: 'critical', failing: 0 } }, { color: false });
    expect(text.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(5);
    expect(text).toMatch(/^::error file=tenant\/flows\/finance\.yaml,line=67,col=5,title=SG-FLOW-01 /m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('shareguard: 5 finding(s) annotated; gate passes: none at or above critical');
  });

  it('escapes as GitHub\'s toolkit does: %, CR, LF in data; also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext%3A a%2C b');
  });
});
