import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Finding, ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-gate-'));
const json = (stdout: string) => JSON.parse(stdout) as ScanResult;
const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.controlId} ${f.resource.displayName}${f.principal ? ` / ${f.principal.displayName}` : ''}`).sort();

/** A copy of examples/contoso to change: the "pull request" side of a comparison. */
function copyExample(): string {
  const dir = path.join(tmp(), 'contoso');
  fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
  return dir;
}

function edit(file: string, change: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  fs.writeFileSync(file, after);
}

/** Every export file under dir, relative. */
function exportFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

const EMMA = 'eaef3eea-5fc9-4d80-b0ac-f2bd198ac37c'; // Emma Larsen, a Woodgrove Bank guest
const CONTRACT_RENEWALS = '4250dab2-c18f-43bc-8455-060718bed809'; // flow "Contract renewal reminders"

/** The PR: a Finance analyst adds the Woodgrove guest Emma Larsen as a co-owner of "Contract renewal reminders". */
function pullRequestExport(): string {
  const dir = copyExample();
  edit(path.join(dir, 'power-platform/flows/finance.yaml'), (text) =>
    text.replace(
      /(displayName: Contract renewal reminders[\s\S]*?owners:\n(?:\s+- \{[^\n]*\n)+)/,
      `$1      - { principalId: ${EMMA}, principalType: User }      # Woodgrove Bank guest, added in the PR\n`,
    ),
  );
  return dir;
}

const INTRODUCED = [
  'SG-FLOW-01 Contract renewal reminders / Emma Larsen',
  'SG-GUEST-09 Emma Larsen',
];

let pr: string;
beforeAll(() => {
  pr = pullRequestExport();
});

describe('fingerprints are stable across changes that do not touch a finding', () => {
  /** Adds an employee and a security group nobody uses. */
  function withUnrelatedObjects(): string {
    const dir = copyExample();
    fs.writeFileSync(
      path.join(dir, 'users/new-starters.yaml'),
      stringify({
        schemaVersion: 1,
        users: [
          {
            id: '0f6c2a9e-51b4-4c8e-9a3d-7b2e41d5c8f0', userPrincipalName: 'maya.singh@contoso.com', displayName: 'Maya Singh',
            mail: 'maya.singh@contoso.com', userType: 'Member', accountEnabled: true, creationType: null,
            identities: [{ signInType: 'userPrincipalName', issuer: 'contoso.onmicrosoft.com' }],
            createdDateTime: '2026-11-16T08:00:00Z', lastSignInDateTime: '2026-11-26T09:12:00Z', licenses: ['SPE_E3'], directoryRoles: [],
          },
        ],
        groups: [
          { id: '6d1e9b57-2c4a-4f0b-8e3d-95a7c1b2e4f6', displayName: 'Facilities Rota', groupTypes: [], securityEnabled: true, members: ['0f6c2a9e-51b4-4c8e-9a3d-7b2e41d5c8f0'], owners: ['0f6c2a9e-51b4-4c8e-9a3d-7b2e41d5c8f0'] },
        ],
      }),
    );
    return dir;
  }

  /** All flows in one JSON file instead of five YAML files; members split over a YAML and a JSON file. */
  function splitDifferently(): string {
    const dir = copyExample();
    const flowsDir = path.join(dir, 'power-platform/flows');
    const flows = fs.readdirSync(flowsDir).flatMap((f) => (parse(fs.readFileSync(path.join(flowsDir, f), 'utf8')) as { flows: unknown[] }).flows);
    fs.rmSync(flowsDir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'power-platform/all-flows.json'), JSON.stringify({ schemaVersion: 1, flows }, null, 2));
    const members = (parse(fs.readFileSync(path.join(dir, 'users/members.yaml'), 'utf8')) as { users: unknown[] }).users;
    fs.rmSync(path.join(dir, 'users/members.yaml'));
    const half = Math.floor(members.length / 2);
    fs.writeFileSync(path.join(dir, 'users/members-a.yaml'), stringify({ schemaVersion: 1, users: members.slice(0, half) }));
    fs.mkdirSync(path.join(dir, 'users/more'));
    fs.writeFileSync(path.join(dir, 'users/more/members-b.json'), JSON.stringify({ schemaVersion: 1, users: members.slice(half) }));
    return dir;
  }

  /** Every object's keys in reverse order, and every section's objects in reverse order. */
  function reordered(): string {
    const dir = copyExample();
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    for (const f of exportFiles(dir)) {
      const file = path.join(dir, f);
      const doc = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(doc)) if (Array.isArray(v)) doc[k] = [...v].reverse();
      const out = reverseKeys(doc);
      fs.writeFileSync(file, f.endsWith('.json') ? JSON.stringify(out, null, 2) : stringify(out));
    }
    return dir;
  }

  /** Where each finding is, by fingerprint, relative to its export directory. */
  const places = (result: ScanResult, dir: string) =>
    new Map(result.findings.map((f) => [f.fingerprint, f.location ? `${path.relative(dir, f.location.file)}:${f.location.line}` : '']));
  let base: ScanResult;
  beforeAll(() => {
    base = json(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '-o', 'json']).stdout);
  });

  // Each variant also checks that it really changed the export the way it says (or the test proves nothing).
  const variants: [string, () => string, (head: ScanResult, dir: string) => void][] = [
    ['unrelated objects added', withUnrelatedObjects, (head) => {
      expect(head.summary.objects.users).toBe(base.summary.objects.users! + 1);
      expect(head.summary.objects.groups).toBe(base.summary.objects.groups! + 1);
    }],
    ['files split differently (and YAML turned into JSON)', splitDifferently, (head, dir) => {
      expect(head.summary.files).toBe(base.summary.files - 5 + 1 + 1);
      expect([...places(head, dir).values()].some((p) => p.startsWith('power-platform/all-flows.json:'))).toBe(true);
    }],
    ['keys and objects reordered', reordered, (head, dir) => {
      const before = places(base, path.join(ROOT, EXAMPLE));
      const moved = [...places(head, dir)].filter(([fp, p]) => before.get(fp) !== p);
      expect(moved.length).toBeGreaterThan(head.findings.length / 2);
    }],
  ];

  it.each(variants)('%s: diff finds every finding unchanged, none new, none resolved', (_name, build, check) => {
    const head = build();
    const r = runCli(['diff', EXAMPLE, head, '--as-of', AS_OF, '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = json(r.stdout);
    check(result, head);
    expect(result.findings.map((f) => f.fingerprint).sort()).toEqual(base.findings.map((f) => f.fingerprint).sort());
    expect(result.findings.filter((f) => f.baselineState !== 'unchanged').map((f) => f.controlId)).toEqual([]);
    expect(result.baseline).toEqual({ source: EXAMPLE, resolved: [] });
    expect(result.gate).toEqual({ failOn: 'low', failing: 0 });
  });
});

describe('shareguard diff BASE HEAD: the pull request gate', () => {
  it('reports HEAD with what the change introduced marked new, and fails on it at or above --fail-on', () => {
    const r = runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'high', '-o', 'json']);
    expect(r.code).toBe(1);
    const result = json(r.stdout);
    expect(ids(result.findings.filter((f) => f.baselineState === 'new'))).toEqual(INTRODUCED);
    expect(result.findings.filter((f) => f.baselineState === 'unchanged').length).toBe(result.findings.length - 2);
    expect(result.baseline).toEqual({ source: EXAMPLE, resolved: [] });
    expect(result.gate).toEqual({ failOn: 'high', failing: 1 });
  });

  it('passes when what was introduced is below --fail-on, though HEAD has older findings above it', () => {
    const r = runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'critical', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary.counts.critical).toBeGreaterThan(0);
    expect(runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'none']).code).toBe(0);
  });

  it('the other way round, the same findings are resolved and nothing is new', () => {
    const r = runCli(['diff', pr, EXAMPLE, '--as-of', AS_OF, '-o', 'json']);
    expect(r.code).toBe(0);
    const result = json(r.stdout);
    expect(ids(result.baseline?.resolved ?? [])).toEqual(INTRODUCED);
    expect(result.findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
  });

  it('text output marks the new findings and says what changed since BASE', () => {
    const r = runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/\[new\]/g)).toHaveLength(2);
    expect(r.stdout).toContain('  SG-FLOW-01  Flow has an external co-owner  [new]\n    Flow "Contract renewal reminders" is owned by external Emma Larsen');
    expect(r.stdout).toContain(`Since ${EXAMPLE}: 2 new, `);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Gate fails: 1 new, unwaived finding(s) at or above high.');
  });

  it('github output annotates only the introduced findings, at their place in HEAD', () => {
    const r = runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'high', '-o', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^::error file=${pr}/power-platform/flows/finance\\.yaml,line=\\d+,col=5,title=SG-FLOW-01 Flow has an external co-owner::Flow "Contract renewal reminders"`));
    expect(lines[1]).toMatch(/^::notice file=.*\/users\/guests\.json,line=\d+,col=5,title=SG-GUEST-09 /);
    expect(lines[2]).toMatch(/^shareguard: 2 finding\(s\) annotated \(new, not waived\); \d+ unchanged and 0 resolved since examples\/contoso; gate fails: 1 at or above high$/);
  });

  it('an input error in either export, or a missing HEAD, exits 2', () => {
    const broken = copyExample();
    edit(path.join(broken, 'tenant.yaml'), (t) => t.replace('schemaVersion: 1', 'schemaVersion: 7'));
    const r = runCli(['diff', broken, pr]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tenant\.yaml:\d+:\d+: unsupported schemaVersion 7/);
    expect(r.stdout).toBe('');
    expect(runCli(['diff', EXAMPLE, broken]).code).toBe(2);
    expect(runCli(['diff', EXAMPLE]).code).toBe(2);
  });
});

describe('shareguard scan --baseline', () => {
  let dir: string;
  let mainResults: string;
  beforeAll(() => {
    dir = tmp();
    mainResults = path.join(dir, 'main.json');
    expect(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '-o', 'json', '--out', mainResults]).code).toBe(1);
  });

  it('counts only findings not in the baseline: the unchanged export passes, the pull request fails', () => {
    const same = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--baseline', mainResults, '-o', 'json']);
    expect(same.code).toBe(0);
    const result = json(same.stdout);
    expect(result.summary.total).toBeGreaterThan(40);
    expect(result.findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
    expect(result.baseline).toEqual({ source: mainResults, resolved: [] });

    const changed = runCli(['scan', pr, '--as-of', AS_OF, '--baseline', mainResults, '--fail-on', 'high', '-o', 'json']);
    expect(changed.code).toBe(1);
    expect(ids(json(changed.stdout).findings.filter((f) => f.baselineState === 'new'))).toEqual(INTRODUCED);
    expect(runCli(['scan', pr, '--as-of', AS_OF, '--baseline', mainResults, '--fail-on', 'critical']).code).toBe(0);
  });

  it('lists the baseline\'s findings that are gone as resolved', () => {
    const prResults = path.join(dir, 'pr.json');
    runCli(['scan', pr, '--as-of', AS_OF, '-o', 'json', '--out', prResults]);
    const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--baseline', prResults]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Resolved since ${prResults} (2)\n  SG-FLOW-01  Flow has an external co-owner: Contract renewal reminders (Emma Larsen)\n`);
    expect(r.stdout).toContain(`Since ${prResults}: 0 new, `);
  });

  it('a baseline file that is not a scan result, or is malformed, exits 2 naming file:line:column', () => {
    const sim = path.join(dir, 'simulation.json');
    runCli(['simulate', 'examples/changes/refused.yaml', '--tenant', EXAMPLE, '--as-of', AS_OF, '-o', 'json', '--out', sim]);
    const r = runCli(['scan', EXAMPLE, '--baseline', sim]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${sim}:1:1: the baseline is missing required property "findings"\n`);
    expect(r.stdout).toBe('');

    const truncated = path.join(dir, 'truncated.json');
    fs.writeFileSync(truncated, fs.readFileSync(mainResults, 'utf8').slice(0, 400));
    const t = runCli(['scan', EXAMPLE, '--baseline', truncated]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(new RegExp(`^${truncated}:\\d+:\\d+: invalid JSON`));

    const missing = runCli(['scan', EXAMPLE, '--baseline', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the file/);
  });
});

describe('waivers', () => {
  /** A waiver for the finding the pull request introduces at high: the Woodgrove guest on the flow. */
  function prWaiver(dir: string, expires: string): string {
    const file = path.join(dir, `waivers-${expires}.yaml`);
    fs.writeFileSync(
      file,
      [
        'schemaVersion: 1',
        'waivers:',
        '  - control: SG-FLOW-01',
        `    resource: ${CONTRACT_RENEWALS}`,
        `    principal: ${EMMA}`,
        '    reason: Woodgrove Bank maintains the renewal reminders during the 2026 contract migration (FIN-3310)',
        '    owner: finance-systems@contoso.com',
        `    expires: "${expires}"`,
        '',
      ].join('\n'),
    );
    return file;
  }

  it('a waiver clears a finding until it expires; from the next day the finding fails the gate again', () => {
    const dir = tmp();
    const waivers = prWaiver(dir, '2026-12-31');
    const run = (asOf: string) => runCli(['diff', EXAMPLE, pr, '--as-of', asOf, '--fail-on', 'high', '--waivers', waivers, '-o', 'json']);

    const before = run(AS_OF);
    expect(before.code).toBe(0);
    const waived = json(before.stdout);
    const flow01 = waived.findings.find((f) => f.resource.id === CONTRACT_RENEWALS && f.controlId === 'SG-FLOW-01');
    expect(flow01?.baselineState).toBe('new');
    expect(flow01?.waiver).toMatchObject({ owner: 'finance-systems@contoso.com', expires: '2026-12-31', location: { file: waivers, line: 3, column: 5 } });
    expect(waived.waivers).toEqual({ source: waivers, applied: 1, problems: [] });
    expect(waived.gate).toEqual({ failOn: 'high', failing: 0 });

    expect(run('2026-12-31T23:00:00Z').code).toBe(0);

    const after = run('2027-01-01T00:00:00Z');
    expect(after.code).toBe(1);
    const expired = json(after.stdout);
    expect(expired.findings.filter((f) => f.waiver)).toEqual([]);
    expect(expired.waivers?.problems).toEqual([
      expect.objectContaining({ kind: 'expired', message: expect.stringContaining('expired on 2026-12-31; 1 finding(s) it covered count again') }),
    ]);
  });

  it('a waived finding is still reported, apart, with its owner and expiry', () => {
    const waivers = prWaiver(tmp(), '2027-03-31');
    const r = runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'high', '--waivers', waivers]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\nWaived \(1\)\n  SG-FLOW-01  Flow has an external co-owner  \[new\]\n    Flow "Contract renewal reminders" [^\n]+\n    waived until 2027-03-31 by finance-systems@contoso\.com \([^)]+:3:5\): Woodgrove Bank maintains/,
    );
    const github = runCli(['diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'high', '--waivers', waivers, '-o', 'github']);
    expect(github.stdout).not.toContain('SG-FLOW-01');
    expect(github.stdout).toMatch(/1 waived; gate passes: none at or above high\n$/);
  });

  it('the example waivers file: four apply, an expired and a stale one are reported where they are written', () => {
    const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--waivers', 'examples/waivers.yaml', '-o', 'json']);
    expect(r.code).toBe(1);
    const result = json(r.stdout);
    expect(ids(result.findings.filter((f) => f.waiver))).toEqual([
      'SG-COLLAB-04 Contoso Ltd',
      'SG-DLP-02 Contoso Ltd (default)',
      'SG-FLOW-01 Expense Approval / Ravi Patel',
      'SG-GUEST-09 Marta Kowalska',
    ]);
    expect(result.findings.find((f) => f.controlId === 'SG-GUEST-04')?.waiver).toBeUndefined();
    expect(result.waivers?.applied).toBe(4);
    expect(result.waivers?.problems.map((p) => [p.kind, p.waiver.controlId, p.waiver.location?.file])).toEqual([
      ['expired', 'SG-GUEST-04', 'examples/waivers.yaml'],
      ['stale', 'SG-FLOW-02', 'examples/waivers.yaml'],
    ]);
    expect(result.gate?.failing).toBe(result.summary.total - 4);
    const text = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--waivers', 'examples/waivers.yaml']).stdout;
    expect(text).toMatch(/\nWaiver problems \(2\)\n  expired  waiver for SG-GUEST-04 [^\n]+\n    at examples\/waivers\.yaml:\d+:5\n  stale  waiver for SG-FLOW-02 /);
  });

  it('.shareguard/waivers.yaml in the working directory is read without --waivers', () => {
    const cwd = tmp();
    fs.mkdirSync(path.join(cwd, '.shareguard'));
    fs.copyFileSync(prWaiver(tmp(), '2027-03-31'), path.join(cwd, '.shareguard/waivers.yaml'));
    const r = runCli(['diff', path.join(ROOT, EXAMPLE), pr, '--as-of', AS_OF, '--fail-on', 'high', '-o', 'json'], {}, cwd);
    expect(r.code).toBe(0);
    expect(json(r.stdout).waivers).toMatchObject({ source: path.join('.shareguard', 'waivers.yaml'), applied: 1 });
  });

  it('a bad waivers file exits 2 naming file:line:column, and nothing is scanned or written', () => {
    const dir = tmp();
    const out = path.join(dir, 'r.json');
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'schemaVersion: 1\nwaivers:\n  - control: SG-FLOW-01\n    resource: "*"\n    reason: Legacy\n    owner: ops\n    expires: next year\n');
    const r = runCli(['scan', EXAMPLE, '--waivers', bad, '-o', 'json', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${bad}:7:14: waivers[0].expires must be a date YYYY-MM-DD, e.g. 2027-03-31 (got "next year")\n`);
    expect(fs.existsSync(out)).toBe(false);

    const workflow = path.join(dir, 'ci.yml');
    fs.writeFileSync(workflow, 'name: CI\non: [pull_request]\njobs:\n  gate:\n    runs-on: ubuntu-latest\n');
    const other = runCli(['diff', EXAMPLE, pr, '--waivers', workflow]);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(`${workflow}:1:1: not a shareguard waivers file (it has "name", "on", "jobs" and no waivers list); a waivers file has schemaVersion: 1 and a waivers list\n`);

    const newer = path.join(dir, 'v2.yaml');
    fs.writeFileSync(newer, 'schemaVersion: 2\nwaivers: []\n');
    expect(runCli(['scan', EXAMPLE, '--waivers', newer]).stderr).toMatch(/v2\.yaml:1:16: waivers file schemaVersion 2 is newer/);
    expect(runCli(['scan', EXAMPLE, '--waivers', path.join(dir, 'none.yaml')]).stderr).toMatch(/--waivers .*none\.yaml: no such file/);
  });
});

describe('several reports at once', () => {
  it('pairs each --output with an --out in order, "-" being stdout, and writes each file whole', () => {
    const dir = tmp();
    const r = runCli([
      'diff', EXAMPLE, pr, '--as-of', AS_OF, '--fail-on', 'high',
      '--output', 'json', '--out', path.join(dir, 'diff.json'),
      '--output', 'github', '--out', path.join(dir, 'annotations.txt'),
      '--output', 'text', '--out', '-',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^shareguard \d+\.\d+\.\d+: Contoso Ltd\n/);
    expect(json(fs.readFileSync(path.join(dir, 'diff.json'), 'utf8')).gate).toEqual({ failOn: 'high', failing: 1 });
    expect(fs.readFileSync(path.join(dir, 'annotations.txt'), 'utf8')).toMatch(/^::error file=/);
    expect(fs.readdirSync(dir).sort()).toEqual(['annotations.txt', 'diff.json']);
  });

  it('keeps the single forms: --out alone writes text, --output alone writes to stdout', () => {
    const dir = tmp();
    const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--out', path.join(dir, 'report.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8')).toMatch(/finding\(s\): \d+ critical/);
    expect(runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'github']).stdout).toMatch(/^::error /);
  });

  it('flags that do not pair up, or a file inside the export, are usage errors and nothing is written', () => {
    const dir = tmp();
    const unpaired = runCli(['scan', EXAMPLE, '--output', 'json', '--output', 'github', '--out', path.join(dir, 'a.json')]);
    expect(unpaired.code).toBe(2);
    expect(unpaired.stderr).toMatch(/--output is given 2 time\(s\) and --out 1 time\(s\)/);
    expect(runCli(['scan', EXAMPLE, '--output', 'json', '--output', 'github']).code).toBe(2);
    expect(runCli(['scan', EXAMPLE, '--output', 'xml']).code).toBe(2);

    const inside = runCli(['diff', EXAMPLE, pr, '--output', 'json', '--out', path.join(dir, 'ok.json'), '--output', 'github', '--out', path.join(pr, 'gh.txt')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/inside the export being scanned/);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.existsSync(path.join(pr, 'gh.txt'))).toBe(false);
  });
});

describe('what a baseline can and cannot tell', () => {
  it('findings gone because their section is missing from HEAD are not re-checked, not resolved', () => {
    const head = copyExample();
    fs.rmSync(path.join(head, 'power-platform/flows'), { recursive: true });
    const r = runCli(['diff', EXAMPLE, head, '--as-of', AS_OF, '--fail-on', 'high', '-o', 'json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.baseline?.resolved).toEqual([]);
    expect(out.baseline?.unverified?.length).toBeGreaterThan(0);
    expect(new Set(out.baseline?.unverified?.map((f) => f.controlId.split('-')[1]))).toEqual(new Set(['FLOW', 'GUEST', 'DLP']));
    const text = runCli(['diff', EXAMPLE, head, '--as-of', AS_OF, '--fail-on', 'high']).stdout;
    expect(text).toMatch(/0 resolved, \d+ not re-checked\./);
    const markdown = runCli(['diff', EXAMPLE, head, '--as-of', AS_OF, '--fail-on', 'high', '-o', 'markdown']).stdout;
    expect(markdown).toMatch(/0 resolved, \d+ not re-checked \(gone, but their control could not look at everything\)\./);
    const html = runCli(['diff', EXAMPLE, head, '--as-of', AS_OF, '--fail-on', 'high', '-o', 'html']).stdout;
    expect(html).toContain(`data-count="unverified">${out.baseline?.unverified?.length}</strong> not re-checked`);
  });

  it("another tenant's result as a baseline, or another tenant's export as BASE, exits 2", () => {
    const dir = tmp();
    const fabrikam = path.join(dir, 'fabrikam.json');
    expect(runCli(['scan', 'examples/clean', '--as-of', AS_OF, '-o', 'json', '--out', fabrikam]).code).toBe(0);
    const scan = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--baseline', fabrikam]);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(new RegExp(`^${fabrikam.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: the baseline is of tenant "Fabrikam Inc\\."`));
    const diff = runCli(['diff', 'examples/clean', EXAMPLE, '--as-of', AS_OF]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('not of this export\'s tenant "Contoso Ltd"');
  });
});
