import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, ROOT } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { GitHubStandin } from '../helpers/github-standin.js';
import { sarifErrors } from '../helpers/sarif-schema.js';

// One pull request through the whole gate, as a CI job runs it: the base branch's export and the PR's,
// `shareguard diff` writing SARIF and JSON, a waiver for what the PR introduces, and the PR comment
// posted to a GitHub stand-in on 127.0.0.1, created on the first run and updated on the second.

const TOKEN = 'ghs_scenarioToken0123456789abcdefABCDEF';
const EMMA = 'eaef3eea-5fc9-4d80-b0ac-f2bd198ac37c'; // Emma Larsen, a Woodgrove Bank guest
const CONTRACT_RENEWALS = '4250dab2-c18f-43bc-8455-060718bed809'; // flow "Contract renewal reminders"

let work: string;
let head: string;
let github: GitHubStandin;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-pr-gate-'));
  head = path.join(work, 'head');
  fs.cpSync(path.join(ROOT, EXAMPLE), head, { recursive: true });
  // The PR: a Finance analyst adds the Woodgrove guest as a co-owner of "Contract renewal reminders".
  const file = path.join(head, 'power-platform/flows/finance.yaml');
  const before = fs.readFileSync(file, 'utf8');
  const after = before.replace(
    /(displayName: Contract renewal reminders[\s\S]*?owners:\n(?:\s+- \{[^\n]*\n)+)/,
    `$1      - { principalId: ${EMMA}, principalType: User }\n`,
  );
  expect(after).not.toBe(before);
  fs.writeFileSync(file, after);
  github = await new GitHubStandin({ token: TOKEN, repos: { 'contoso/tenant-config': [42] } }).start();
});

afterAll(async () => {
  await github.stop();
});

/** The CI job's gate step: diff BASE HEAD with SARIF and JSON written at once. */
function gate(asOf: string, extra: string[] = []) {
  const sarif = path.join(work, `gate-${asOf.slice(0, 10)}.sarif`);
  const results = path.join(work, `gate-${asOf.slice(0, 10)}.json`);
  return runCliAsync(['diff', EXAMPLE, head, '--as-of', asOf, '--fail-on', 'high', '--output', 'sarif', '--out', sarif, '--output', 'json', '--out', results, ...extra]).then(
    (run) => ({ ...run, sarif, results }),
  );
}

describe('a pull request through the CI gate', () => {
  it('fails on what the PR introduces only, writes valid SARIF, and a waiver clears it until it expires', async () => {
    // Contoso has 67 findings already; only the PR's two are new, and one of them is high.
    const failing = await gate(AS_OF);
    expect(failing.stderr).toBe('');
    expect(failing.code).toBe(1);
    const result = JSON.parse(fs.readFileSync(failing.results, 'utf8')) as ScanResult;
    const introduced = result.findings.filter((f) => f.baselineState === 'new').map((f) => `${f.controlId} ${f.severity}`).sort();
    expect(introduced).toEqual(['SG-FLOW-01 high', 'SG-GUEST-09 low']);
    expect(result.findings.filter((f) => f.baselineState === 'unchanged').length).toBe(67);
    expect(result.gate).toEqual({ failOn: 'high', failing: 1 });

    const sarif = JSON.parse(fs.readFileSync(failing.sarif, 'utf8')) as { runs: { results: { ruleId: string; baselineState?: string }[] }[] };
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.filter((r) => r.baselineState === 'new').map((r) => r.ruleId).sort()).toEqual(['SG-FLOW-01', 'SG-GUEST-09']);

    // The owner of the finance flows waives the high one until the end of the year.
    const waivers = path.join(work, 'waivers.yaml');
    fs.writeFileSync(
      waivers,
      [
        'schemaVersion: 1',
        'waivers:',
        '  - control: SG-FLOW-01',
        `    resource: ${CONTRACT_RENEWALS}`,
        `    principal: ${EMMA}`,
        '    reason: Woodgrove Bank maintains the renewal reminders during the contract migration (FIN-3310)',
        '    owner: finance-systems@contoso.com',
        '    expires: "2026-12-31"',
        '',
      ].join('\n'),
    );
    const waived = await gate(AS_OF, ['--waivers', waivers]);
    expect(waived.code).toBe(0);
    expect(sarifErrors(JSON.parse(fs.readFileSync(waived.sarif, 'utf8')))).toEqual([]);

    // The day after it expires, the same PR fails the gate again.
    const expired = await gate('2027-01-01T00:00:00Z', ['--waivers', waivers]);
    expect(expired.code).toBe(1);
    const again = JSON.parse(fs.readFileSync(expired.results, 'utf8')) as ScanResult;
    expect(again.waivers?.problems.map((p) => p.kind)).toEqual(['expired']);
  }, 60_000);

  it('posts the result as one PR comment, created on the first run and updated on the next', async () => {
    const failing = await gate(AS_OF);
    expect(failing.code).toBe(1);
    const comment = () =>
      runCliAsync(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '42', '--from', failing.results], {
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: github.url,
        GITHUB_ACTIONS: 'true', // as in the CI job: the comment is github-actions[bot]'s
      });
    const first = await comment();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^created comment \d+ on contoso\/tenant-config#42/);
    const second = await comment();
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^updated comment \d+ on contoso\/tenant-config#42/);

    const comments = github.comments.get('contoso/tenant-config#42')!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('SG-FLOW-01');
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    for (const run of [first, second]) expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  }, 60_000);
});
