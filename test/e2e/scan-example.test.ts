import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, runCli } from '../helpers/cli.js';

let result: ScanResult;
let code: number;

beforeAll(() => {
  const run = runCli(['scan', EXAMPLE, '--output', 'json', '--as-of', AS_OF]);
  code = run.code;
  expect(run.stderr).toBe('');
  result = JSON.parse(run.stdout) as ScanResult;
});

const of = (id: string): Finding[] => result.findings.filter((f) => f.controlId === id);
const names = (fs: Finding[], pick: (f: Finding) => string | undefined) => fs.map(pick).sort();

describe('scan of the example tenant (end to end, through the WASM bundle)', () => {
  it('exits 1 because there are findings, and describes the tenant', () => {
    expect(code).toBe(1);
    expect(result.schemaVersion).toBe(1);
    expect(result.tool.name).toBe('shareguard');
    expect(result.tenant.displayName).toBe('Contoso Ltd');
    expect(result.asOf).toBe('2026-11-30T00:00:00.000Z');
    expect(result.summary.total).toBe(result.findings.length);
    expect(result.summary.unknownPrincipals).toBe(2);
    expect(result.summary.danglingDlpEnvironmentRefs).toBe(1);
  });

  it('gives every finding the documented fields, a location in the export and a unique fingerprint', () => {
    for (const f of result.findings) {
      expect(Object.keys(f).sort()).toEqual(
        ['controlId', 'severity', 'title', 'message', 'resource', 'remediation', 'fingerprint', 'location', 'references', ...(f.principal ? ['principal'] : [])].sort(),
      );
      expect(f.location?.file).toMatch(/^examples\/contoso\/.+\.(yaml|json)$/);
      expect(f.location?.line).toBeGreaterThan(1);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(result.findings.length);
  });

  it('SG-COLLAB-01: guest access same as members, located at the setting', () => {
    const [f, ...rest] = of('SG-COLLAB-01');
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ severity: 'high', resource: { kind: 'tenant', displayName: 'Contoso Ltd' } });
    expect(f!.location?.file).toBe('examples/contoso/entra/external-collaboration.yaml');
  });

  it('SG-COLLAB-02: everyone (guests included) may invite, at high severity', () => {
    expect(of('SG-COLLAB-02').map((f) => f.severity)).toEqual(['high']);
  });

  it('SG-COLLAB-03: invitations limited only by a block list', () => {
    const [f] = of('SG-COLLAB-03');
    expect(f?.message).toContain('blockList');
  });

  it('SG-GUEST-01: the two invitations pending for weeks, not the recent one', () => {
    expect(names(of('SG-GUEST-01'), (f) => f.resource.displayName)).toEqual(['George Miller', 'Nadia Petrova']);
  });

  it('SG-FLOW-01: external owners, directly and through a co-owning group', () => {
    const found = of('SG-FLOW-01').map((f) => `${f.resource.displayName} / ${f.principal?.displayName}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Expense Approval \/ Ravi/),
        expect.stringMatching(/^Vendor onboarding intake \/ Marta/),
        expect.stringMatching(/^Sync product catalogue to partner API \/ Daniel/),
        expect.stringMatching(/^Weekly sales digest \/ Tariq/),
      ]),
    );
    const viaGroup = of('SG-FLOW-01').find((f) => f.resource.displayName === 'Weekly sales digest');
    expect(viaGroup?.message).toContain('through group "Sales Operations"');
  });

  it('SG-FLOW-02: flows whose creator is disabled or deleted with no active owner, not one kept alive by a group', () => {
    const flows = names(of('SG-FLOW-02'), (f) => f.resource.displayName);
    expect(flows).toEqual(['Monthly stock reconciliation', 'Quarterly vendor statement reminder']);
    expect(flows).not.toContain('Payroll change approval');
  });

  it('SG-ENV-01: guests with maker roles, directly and through a group', () => {
    const found = of('SG-ENV-01').map((f) => `${f.resource.displayName} / ${f.principal?.displayName}`);
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Contoso Production \/ Lucia Romero/), expect.stringMatching(/^Contoso Dev Sandbox \/ Daniel Okafor/)]),
    );
    expect(of('SG-ENV-01').find((f) => f.principal?.displayName.startsWith('Daniel'))?.message).toContain('through group "Power Platform Makers"');
  });

  it('counts by severity agree with the findings', () => {
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const f of result.findings) counts[f.severity] += 1;
    expect(result.summary.counts).toEqual(counts);
  });
});
