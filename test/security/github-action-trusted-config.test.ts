import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, ROOT } from '../helpers/cli.js';
import { GitHubStandin } from '../helpers/github-standin.js';

// Attack: a pull request that introduces a finding also edits shareguard.yaml to turn the control off and adds
// a waiver for it. If the action read both from the pull request's checkout, the change under review would
// pass its own gate. The action's scan step (scripts/action/scan.sh, run here as the action runs it, with the
// real CLI, in a throwaway git repository) reads them from the base commit instead, and names the change.

/* eslint-disable @typescript-eslint/no-explicit-any */

const TOKEN = 'ghs_actionToken0123456789abcdefABCDEFGHI';
let origin: string;
let baseSha: string;
let prSha: string;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const BASE_CONFIG = ['schemaVersion: 1', 'controls:', '  SG-GUEST-07:', '    enabled: false', ''].join('\n');
// The pull request's edit: SG-FLOW-01 (external owners of flows, high) off as well.
const PR_CONFIG = ['schemaVersion: 1', 'controls:', '  SG-GUEST-07:', '    enabled: false', '  SG-FLOW-01:', '    enabled: false', ''].join('\n');

beforeAll(() => {
  origin = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-origin-'));
  git(origin, 'init', '-q');
  fs.cpSync(path.join(ROOT, 'examples/contoso'), path.join(origin, 'exports'), { recursive: true });
  fs.writeFileSync(path.join(origin, 'shareguard.yaml'), BASE_CONFIG);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-qm', 'base');
  baseSha = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '-qb', 'pr');
  fs.writeFileSync(path.join(origin, 'shareguard.yaml'), PR_CONFIG);
  fs.mkdirSync(path.join(origin, '.shareguard'));
  fs.copyFileSync(path.join(ROOT, 'examples/waivers.yaml'), path.join(origin, '.shareguard/waivers.yaml'));
  git(origin, 'add', '-A');
  git(origin, 'commit', '-qm', 'pull request: switch SG-FLOW-01 off and waive four findings');
  prSha = git(origin, 'rev-parse', 'HEAD');
});

/** Runs the action's scan step in `workspace` as GitHub runs it on a pull_request event. */
function scanStep(workspace: string, env: Record<string, string>) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-temp-'));
  const output = path.join(temp, 'github-output');
  const summary = path.join(temp, 'step-summary');
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/action/scan.sh')], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: temp,
      GITHUB_EVENT_NAME: 'pull_request',
      SG_PATHS: 'exports',
      SG_FAIL_ON: 'high',
      SG_SARIF: 'shareguard.sarif',
      SG_AS_OF: AS_OF,
      ...env,
    },
  });
  const outputs: Record<string, string> = fs.existsSync(output)
    ? Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/).slice(0, 2) as [string, string]))
    : {};
  const result = outputs['json-file'] ? (JSON.parse(fs.readFileSync(outputs['json-file'], 'utf8')) as ScanResult) : undefined;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, result, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '' };
}

const count = (result: ScanResult | undefined, control: string) => result!.findings.filter((f) => f.controlId === control).length;

/** A checkout of the pull request, as actions/checkout leaves it: the pull request's commit, depth 1. */
function checkout(): string {
  const ws = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-ws-')), 'repo');
  git(path.dirname(ws), 'clone', '-q', '--depth=1', '--branch', 'pr', `file://${origin}`, 'repo');
  return ws;
}

describe("the action's scan step on a pull request that edits its own gate", () => {
  it("applies the base commit's shareguard.yaml and no waivers: the pull request's are not applied, and it says so", () => {
    const ws = checkout();
    // actions/checkout's depth-1 checkout lacks the base commit: the step fetches it from origin.
    expect(spawnSync('git', ['cat-file', '-e', `${baseSha}^{commit}`], { cwd: ws }).status).not.toBe(0);
    const r = scanStep(ws, { SG_TRUSTED_REF: baseSha });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs['exit-code']).toBe('1'); // fails the gate: SG-FLOW-01 is high
    // The base's configuration applies (SG-GUEST-07 off there); the pull request's edit does not (SG-FLOW-01 stays on).
    expect(count(r.result, 'SG-FLOW-01')).toBe(4);
    expect(count(r.result, 'SG-GUEST-07')).toBe(0);
    // The pull request's waivers do not apply: not one finding is waived.
    expect(r.result!.findings.filter((f) => f.waiver)).toEqual([]);
    expect(r.result!.waivers?.applied ?? 0).toBe(0);
    expect(r.result!.gate?.failing).toBeGreaterThan(0);
    // And it is said: an annotation, the job summary, the output the comment step reads.
    expect(r.outputs['not-applied']).toBe('shareguard.yaml .shareguard/waivers.yaml');
    const notice = `This pull request changes shareguard.yaml, .shareguard/waivers.yaml: NOT applied; the scan used the versions in the base commit (${baseSha})`;
    expect(r.stdout).toContain(`::warning title=shareguard::${notice}`);
    expect(r.summary.startsWith(`> [!WARNING]\n> ${notice}`)).toBe(true);
    // The files the scan read are the base's copies, outside the workspace.
    expect(r.stdout).toMatch(new RegExp(`--config \\S+/base-${baseSha.slice(0, 12)}/shareguard\\.yaml`));
    expect(r.stdout).toMatch(/--waivers \S+\/base-has-no-waivers\.yaml/);
  }, 60_000);

  it('the same pull request scanned with its own files (trusted-config-ref emptied) gets SG-FLOW-01 switched off and its waivers applied: the attack the default stops', () => {
    const r = scanStep(checkout(), { SG_TRUSTED_REF: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("::warning title=shareguard::trusted-config-ref is empty on a pull request: the pull request's own configuration, waivers and policies apply");
    expect(count(r.result, 'SG-FLOW-01')).toBe(0);
    expect(r.result!.waivers?.applied).toBeGreaterThan(0);
  }, 60_000);

  it('a pull request that deletes the base configuration: the base one still applies, and the deletion is named', () => {
    const ws = checkout();
    fs.rmSync(path.join(ws, 'shareguard.yaml'));
    fs.rmSync(path.join(ws, '.shareguard'), { recursive: true });
    const r = scanStep(ws, { SG_TRUSTED_REF: baseSha });
    expect(r.status).toBe(0);
    expect(r.outputs['not-applied']).toBe('shareguard.yaml');
    expect(count(r.result, 'SG-GUEST-07')).toBe(0);
    expect(count(r.result, 'SG-FLOW-01')).toBe(4);
  }, 60_000);

  it('a pull request that changes neither: nothing is named, the base configuration applies', () => {
    const ws = checkout();
    fs.writeFileSync(path.join(ws, 'shareguard.yaml'), BASE_CONFIG);
    fs.rmSync(path.join(ws, '.shareguard'), { recursive: true });
    const r = scanStep(ws, { SG_TRUSTED_REF: baseSha });
    expect(r.status).toBe(0);
    expect(r.outputs['not-applied']).toBe('');
    expect(r.stdout).not.toContain('::warning');
    expect(r.summary).not.toContain('[!WARNING]');
  }, 60_000);

  it('refuses a ref that is not in the repository, a config path outside it, and a workspace that is not a checkout (exit 2, no scan)', () => {
    const ws = checkout();
    const unknown = scanStep(ws, { SG_TRUSTED_REF: '0123456789abcdef0123456789abcdef01234567' });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toContain('::error::shareguard: cannot read the trusted configuration: commit 0123456789abcdef0123456789abcdef01234567 is not in the checkout and could not be fetched');
    expect(unknown.outputs['exit-code']).toBeUndefined();
    const option = scanStep(ws, { SG_TRUSTED_REF: '--upload-pack=touch /tmp/x' });
    expect(option.status).toBe(2);
    expect(option.stdout).toContain('is not a commit, branch or tag name');
    const outside = scanStep(ws, { SG_TRUSTED_REF: baseSha, SG_CONFIG: '../elsewhere/shareguard.yaml' });
    expect(outside.status).toBe(2);
    expect(outside.stdout).toContain("::error::shareguard: config '../elsewhere/shareguard.yaml' must be a path inside the repository");
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-plain-'));
    const notGit = scanStep(plain, { SG_TRUSTED_REF: baseSha });
    expect(notGit.status).toBe(2);
    expect(notGit.stdout).toContain('the workspace is not a git checkout');
  }, 60_000);
});

describe("the action's scan step takes your own policies and the bundle from the base commit too", () => {
  /** A GITHUB_ACTION_PATH whose dist/cli/main.js records its arguments and the policy files it was given, and exits 1. */
  function fakeCli(): { dir: string; seen: () => { args: string[]; files: Record<string, string> } } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-fake-'));
    fs.mkdirSync(path.join(dir, 'dist/cli'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'dist/cli/main.js'),
      `const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const files = {};
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--policy') for (const f of fs.readdirSync(args[i + 1])) files[path.join(args[i + 1], f)] = fs.readFileSync(path.join(args[i + 1], f), 'utf8');
  if (args[i] === '--bundle') files[args[i + 1]] = fs.readFileSync(args[i + 1], 'utf8');
}
fs.writeFileSync(${JSON.stringify(path.join(dir, 'seen.json'))}, JSON.stringify({ args, files }));
process.exit(1);
`,
    );
    return { dir, seen: () => JSON.parse(fs.readFileSync(path.join(dir, 'seen.json'), 'utf8')) };
  }

  function repoWithPolicies(): { ws: string; base: string } {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-pol-'));
    git(ws, 'init', '-q');
    fs.mkdirSync(path.join(ws, 'policies/contoso'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'policies/contoso/flows.rego'), 'package base_version\n');
    fs.writeFileSync(path.join(ws, 'policies.tar.gz'), 'base bundle');
    fs.mkdirSync(path.join(ws, 'exports'));
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'base');
    const base = git(ws, 'rev-parse', 'HEAD');
    // The pull request guts the policy, replaces the bundle and brings a policy directory of its own.
    fs.writeFileSync(path.join(ws, 'policies/contoso/flows.rego'), 'package pr_version_that_never_fires\n');
    fs.writeFileSync(path.join(ws, 'policies.tar.gz'), 'pull request bundle');
    fs.mkdirSync(path.join(ws, 'policies/mine'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'policies/mine/x.rego'), 'package mine\n');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'pull request');
    return { ws, base };
  }

  it('policy directories as the base has them (one the pull request adds is skipped), the base bundle; all named', () => {
    const { ws, base } = repoWithPolicies();
    const cli = fakeCli();
    const r = scanStep(ws, { SG_TRUSTED_REF: base, GITHUB_ACTION_PATH: cli.dir, SG_POLICIES: 'policies/contoso policies/mine', SG_BUNDLE: 'policies.tar.gz' });
    expect(r.status).toBe(0);
    const seen = cli.seen();
    const policyDirs = seen.args.filter((_a, i) => seen.args[i - 1] === '--policy');
    expect(policyDirs).toHaveLength(1);
    expect(policyDirs[0]).toMatch(new RegExp(`/base-${base.slice(0, 12)}/policies/contoso$`));
    expect(Object.values(seen.files)).toEqual(['package base_version\n', 'base bundle']);
    expect(r.outputs['not-applied']).toBe('policies/contoso policies/mine policies.tar.gz');
  });

  it('a bundle the base commit lacks: exit 2 before scanning (it is merged first)', () => {
    const { ws, base } = repoWithPolicies();
    const cli = fakeCli();
    const r = scanStep(ws, { SG_TRUSTED_REF: base, GITHUB_ACTION_PATH: cli.dir, SG_BUNDLE: 'new-bundle.tar.gz' });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("::error::shareguard: bundle 'new-bundle.tar.gz' is not in " + base);
    expect(fs.existsSync(path.join(cli.dir, 'seen.json'))).toBe(false);
  });
});

describe("the action's comment step names the files it did not apply", () => {
  let github: GitHubStandin;
  beforeAll(async () => {
    github = await new GitHubStandin({ token: TOKEN, repos: { 'contoso/tenant-config': [42] } }).start();
  });
  afterAll(async () => {
    await github.stop();
  });

  it('runs the step from action.yml: the comment carries the warning right under its heading', async () => {
    const scan = scanStep(checkout(), { SG_TRUSTED_REF: baseSha });
    const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as any;
    const step = action.runs.steps.find((s: any) => /github comment/.test(s.run ?? ''));
    const env = {
      PATH: process.env.PATH,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'contoso/tenant-config',
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
      SG_PR: '42',
      SG_JSON: scan.outputs['json-file']!,
      SG_NOT_APPLIED: scan.outputs['not-applied']!,
      SG_AUTHOR: '',
    };
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // As GitHub runs a `shell: bash` step: bash --noprofile --norc -eo pipefail FILE.
      const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sec-action-step-')), 'step.sh');
      fs.writeFileSync(script, step.run);
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env, cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const body = github.comments.get('contoso/tenant-config#42')![0]!.body;
    const lines = body.split('\n');
    expect(lines[0]).toBe('<!-- shareguard-report -->');
    expect(lines[1]).toMatch(/^## shareguard: Contoso Ltd/);
    expect(lines.slice(2, 5).join('\n')).toBe(
      "\n> [!WARNING]\n> This pull request changes `shareguard.yaml`, `.shareguard/waivers.yaml`: they were NOT applied; the base branch's versions were. " +
        'Changes to the configuration and the waivers take effect once they are reviewed and merged.',
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
  }, 60_000);
});
