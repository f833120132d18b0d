import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { ControlMetadata } from '../../src/engine/bundle.js';
import type { ScanResult } from '../../src/findings/types.js';
import type { SimulationResult } from '../../src/simulate/simulate.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';
import { COMPETITOR_CASE, EXAMPLE_POLICIES, EXAMPLE_POLICIES_CONFIG, HTTP_CASE, tempDir } from '../helpers/policies.js';
import { CONTROL_COUNT } from '../helpers/manifest.js';

// Custom policies (examples/policies) compiled beside the built-in ones go everywhere a built-in control goes:
// findings, every report format, baselines and diff, waivers, configuration, the controls listing, simulate.
const cache = tempDir('custom-cache');
const env = { XDG_CACHE_HOME: cache };
const cli = (args: string[]) => runCli(args, env);
const POLICY = ['--policy', EXAMPLE_POLICIES];
const PARAMS = ['--config', EXAMPLE_POLICIES_CONFIG];

const RAVI = '8f615da4-4fc2-4c13-b7d1-4bf15a916eb0'; // Fabrikam guest
const WEI = '8691705e-9486-4a80-9fee-bb165e79e28d'; // Northwind guest
const INVOICE_FLOW = '5847c290-6ff9-4417-8b35-c29da535043d';
const PAYMENT_RUN = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

const json = (stdout: string) => JSON.parse(stdout) as ScanResult;
const keyOf = (f: { controlId: string; resource: { id: string }; principal?: { id: string } }) => `${f.controlId} ${f.resource.id} ${f.principal?.id ?? '-'}`;

let competitorScan: ScanResult;
beforeAll(() => {
  // The first run compiles (and fills the cache the other tests use).
  const r = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'json']);
  expect(r.code, r.stderr).toBe(1);
  competitorScan = json(r.stdout);
});

describe('scan --policy', () => {
  it('compiles the directory and reports its findings beside the built-in ones', () => {
    const custom = competitorScan.findings.filter((f) => f.controlId === 'CONTOSO-FIN-01').map(keyOf).sort();
    expect(custom).toEqual([`CONTOSO-FIN-01 ${INVOICE_FLOW} ${RAVI}`, `CONTOSO-FIN-01 ${PAYMENT_RUN} ${WEI}`].sort());
    // The built-in external-owner control fires on the same export in the same run.
    expect(competitorScan.findings.map(keyOf)).toContain(`SG-FLOW-01 ${INVOICE_FLOW} ${RAVI}`);
    expect(competitorScan.summary.controls).toBeGreaterThan(CONTROL_COUNT);
    const finding = competitorScan.findings.find((f) => f.controlId === 'CONTOSO-FIN-01' && f.principal?.id === RAVI)!;
    expect(finding.severity).toBe('critical');
    expect(finding.title).toBe('Guest from a competitor owns or runs a Finance flow');
    expect(finding.remediation).toMatch(/^Remove the guest from the flow's owners/);
    expect(finding.references).toEqual(['Contoso security standard FIN-3']);
    expect(finding.location).toEqual({ file: path.join(COMPETITOR_CASE, 'tenant.yaml'), line: 74, column: 5 });
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shows custom findings in the text report, by severity', () => {
    const r = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CRITICAL \(\d+\)\n {2}CONTOSO-FIN-01 {2}Guest from a competitor owns or runs a Finance flow\n {4}Flow "Invoice approval routing" in Finance environment "Finance Automation" can be owned by Ravi Patel/);
  });

  it('uses the custom control\'s parameters from shareguard.yaml, and checks them against its METADATA', () => {
    const without = json(cli(['scan', COMPETITOR_CASE, ...POLICY, '--as-of', AS_OF, '--output', 'json']).stdout);
    expect(without.findings.filter((f) => f.controlId === 'CONTOSO-FIN-01')).toEqual([]);
    const dir = tempDir('custom-config');
    const config = path.join(dir, 'shareguard.yaml');
    fs.writeFileSync(config, 'schemaVersion: 1\ncontrols:\n  CONTOSO-FIN-01:\n    params:\n      competitorDomains: ["Not a domain"]\n');
    const bad = cli(['scan', COMPETITOR_CASE, ...POLICY, '--config', config, '--as-of', AS_OF]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${config}:5:27: controls["CONTOSO-FIN-01"].params.competitorDomains[0] must match pattern`);
  });

  it('--no-builtin runs the custom controls alone', () => {
    const r = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--no-builtin', '--as-of', AS_OF, '--output', 'json']);
    expect(r.code).toBe(1);
    const result = json(r.stdout);
    expect(new Set(result.findings.map((f) => f.controlId))).toEqual(new Set(['CONTOSO-FIN-01']));
    expect(result.summary.controls).toBe(2);
  });

  it('--no-builtin without --policy is a usage error', () => {
    const r = cli(['scan', EXAMPLE, '--no-builtin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-builtin leaves no controls to run');
  });

  it('runs both example policies on their example exports', () => {
    const r = cli(['scan', HTTP_CASE, ...POLICY, '--as-of', AS_OF, '--output', 'json', '--config', path.join(ROOT, 'test/fixtures/policies-config/http.yaml')]);
    expect(r.code, r.stderr).toBe(1);
    expect(json(r.stdout).findings.filter((f) => f.controlId === 'CONTOSO-FLOW-01').map((f) => f.principal?.displayName).sort()).toEqual(['Megan Bowen', 'Wei Chen']);
  });
});

describe('controls --policy', () => {
  it('lists the custom controls with their METADATA, marked custom', () => {
    const r = cli(['controls', ...POLICY, '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const controls = JSON.parse(r.stdout) as ControlMetadata[];
    const fin = controls.find((c) => c.id === 'CONTOSO-FIN-01')!;
    expect(fin).toMatchObject({
      origin: 'custom',
      severity: 'critical',
      area: 'finance',
      package: 'shareguard.custom.competitor_guest_finance',
      entrypoint: 'shareguard/entrypoints/custom/competitor_guest_finance/result',
      params: { competitorDomains: [], financeEnvironmentPatterns: ['\\bfinance\\b'] },
    });
    expect(controls.filter((c) => c.origin === 'custom').map((c) => c.id).sort()).toEqual(['CONTOSO-FIN-01', 'CONTOSO-FLOW-01']);
    expect(controls.filter((c) => c.id.startsWith('SG-')).every((c) => c.origin === undefined)).toBe(true);
    const text = cli(['controls', ...POLICY]);
    expect(text.stdout).toMatch(/^CONTOSO-FLOW-01 +high +Flow calling HTTP can be run by someone outside the approved group {2}\(custom: shareguard\.custom\.http_flow_run_only\)$/m);
    expect(text.stdout).toMatch(/\d+ built-in and 2 custom controls/);
    const alone = JSON.parse(cli(['controls', ...POLICY, '--no-builtin', '--output', 'json']).stdout) as ControlMetadata[];
    expect(alone.map((c) => c.id)).toEqual(['CONTOSO-FIN-01', 'CONTOSO-FLOW-01']);
  });
});

describe('report formats', () => {
  it('sarif has a rule for each custom control, with its help, and results pointing at it', () => {
    const r = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'sarif']);
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    const rules = run.tool.driver.rules as { id: string; name: string; fullDescription: { text: string }; help: { text: string }; properties: Record<string, unknown> }[];
    const rule = rules.find((x) => x.id === 'CONTOSO-FIN-01')!;
    expect(rule.name).toBe('CompetitorGuestFinance');
    expect(rule.fullDescription.text).toMatch(/^Flows in the Finance environments move invoices/);
    expect(rule.help.text).toContain('How to fix: Remove the guest');
    expect(rule.properties['security-severity']).toBe('9.5');
    expect(rules.find((x) => x.id === 'CONTOSO-FLOW-01')).toBeDefined();
    const index = rules.indexOf(rule);
    const results = (run.results as { ruleId: string; ruleIndex: number }[]).filter((x) => x.ruleId === 'CONTOSO-FIN-01');
    expect(results).toHaveLength(2);
    expect(results.every((x) => x.ruleIndex === index)).toBe(true);
  });

  it('junit has a test case per custom control, failing with its findings', () => {
    const r = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'junit']);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(r.stdout);
    const suites = [doc.testsuites.testsuite].flat() as { '@_name': string; testcase: unknown }[];
    const cases = suites.flatMap((s) => [s.testcase].flat() as { '@_name': string; failure?: { '@_type': string } }[]);
    const fin = cases.find((c) => c['@_name'].startsWith('CONTOSO-FIN-01'))!;
    expect(fin.failure?.['@_type']).toBe('critical');
    expect(suites.map((s) => s['@_name'])).toContain('shareguard.finance: finance');
    expect(cases.find((c) => c['@_name'].startsWith('CONTOSO-FLOW-01'))).toBeDefined();
  });

  it('markdown and github annotations carry the custom findings', () => {
    const md = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'markdown']).stdout;
    expect(md).toContain('CONTOSO-FIN-01');
    const gh = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'github']).stdout;
    expect(gh).toMatch(new RegExp(`^::error file=${COMPETITOR_CASE}/tenant.yaml,line=74,col=5,title=CONTOSO-FIN-01 Guest from a competitor owns or runs a Finance flow::`, 'm'));
  });
});

describe('baselines, diff and waivers', () => {
  it('a baseline from an earlier scan makes custom findings unchanged; diff marks a new one', () => {
    const dir = tempDir('custom-baseline');
    const baseline = path.join(dir, 'baseline.json');
    fs.writeFileSync(baseline, JSON.stringify(competitorScan));
    const again = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--baseline', baseline, '--output', 'json']);
    expect(again.code).toBe(0);
    const custom = json(again.stdout).findings.filter((f) => f.controlId === 'CONTOSO-FIN-01');
    expect(custom.map((f) => f.baselineState)).toEqual(['unchanged', 'unchanged']);

    // The base: the same export before the Fabrikam consultant was made a co-owner of the invoice flow.
    const base = path.join(dir, 'base');
    fs.cpSync(path.join(ROOT, COMPETITOR_CASE), base, { recursive: true });
    fs.rmSync(path.join(base, 'expected.yaml'));
    const tenant = path.join(base, 'tenant.yaml');
    const text = fs.readFileSync(tenant, 'utf8');
    const edited = text.replace(/\n {6}- \{ principalId: 8f615da4-4fc2-4c13-b7d1-4bf15a916eb0, principalType: User \} +# Fabrikam consultant/, '');
    expect(edited).not.toBe(text);
    fs.writeFileSync(tenant, edited);
    const head = path.join(dir, 'head');
    fs.cpSync(path.join(ROOT, COMPETITOR_CASE), head, { recursive: true });
    fs.rmSync(path.join(head, 'expected.yaml'));
    const diff = cli(['diff', base, head, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'json', '--fail-on', 'critical']);
    expect(diff.code, diff.stderr).toBe(1);
    const result = json(diff.stdout);
    const states = Object.fromEntries(result.findings.filter((f) => f.controlId === 'CONTOSO-FIN-01').map((f) => [f.principal!.id, f.baselineState]));
    expect(states).toEqual({ [RAVI]: 'new', [WEI]: 'unchanged' });
    expect(result.gate).toEqual({ failOn: 'critical', failing: 1 });
  });

  it('a waiver on a custom control id applies; without the policy the id is unknown', () => {
    const dir = tempDir('custom-waivers');
    const waivers = path.join(dir, 'waivers.yaml');
    fs.writeFileSync(
      waivers,
      [
        'schemaVersion: 1',
        'waivers:',
        '  - control: CONTOSO-FIN-01',
        `    resource: ${INVOICE_FLOW}`,
        `    principal: ${RAVI}`,
        '    reason: Fabrikam audits the invoice flow under contract AUD-7 until the end of the quarter',
        '    owner: ciso@contoso.com',
        '    expires: "2026-12-31"',
        '',
      ].join('\n'),
    );
    const r = cli(['scan', COMPETITOR_CASE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--waivers', waivers, '--fail-on', 'critical', '--output', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const result = json(r.stdout);
    const waived = result.findings.find((f) => f.controlId === 'CONTOSO-FIN-01' && f.principal?.id === RAVI)!;
    expect(waived.waiver).toMatchObject({ controlId: 'CONTOSO-FIN-01', owner: 'ciso@contoso.com' });
    expect(result.waivers).toMatchObject({ applied: 1, problems: [] });
    expect(result.gate).toEqual({ failOn: 'critical', failing: 1 });

    const unknown = runCli(['scan', COMPETITOR_CASE, '--waivers', waivers]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`${waivers}:3:14: waivers[0].control "CONTOSO-FIN-01" is not a shareguard control`);
  });
});

describe('simulate --policy', () => {
  it('a change that would introduce a custom finding is reported and denied', () => {
    const r = cli([
      'simulate', '--tenant', EXAMPLE, ...POLICY, ...PARAMS, '--as-of', AS_OF, '--output', 'json',
      'share', '--as', 'adele.vance@contoso.com', '--flow', 'Invoice approval routing', '--with', 'ravi.patel@fabrikam.com', '--role', 'owner',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout) as SimulationResult;
    const [change] = result.results;
    expect(change!.platform.allowed).toBe(true);
    expect(change!.introduced.map((f) => f.controlId).sort()).toEqual(['CONTOSO-FIN-01', 'SG-FLOW-01']);
    expect(change!.decision).toBe('deny');
  });

  it('without the policy the same change introduces only the built-in finding', () => {
    const r = runCli([
      'simulate', '--tenant', EXAMPLE, '--as-of', AS_OF, '--output', 'json',
      'share', '--as', 'adele.vance@contoso.com', '--flow', 'Invoice approval routing', '--with', 'ravi.patel@fabrikam.com', '--role', 'owner',
    ]);
    expect((JSON.parse(r.stdout) as SimulationResult).results[0]!.introduced.map((f) => f.controlId)).toEqual(['SG-FLOW-01']);
  });
});
