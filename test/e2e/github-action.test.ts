import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';
import { sarifErrors } from '../helpers/sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const actionText = read('action.yml');
const action = parse(actionText) as any;
const exampleText = read('.github/workflows/shareguard-pr-gate.example.yml');
const example = parse(exampleText) as any;
const scanScript = read('scripts/action/scan.sh');
const all = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);

describe('action.yml', () => {
  it('is a composite action whose run steps all name a shell', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) if (step.run) expect(step.shell, step.name).toBe('bash');
  });

  it('uses only inputs it declares, and every input it declares', () => {
    const declared = Object.keys(action.inputs).sort();
    expect(declared).toEqual([
      'as-of', 'baseline-paths', 'bundle', 'comment', 'comment-author', 'config', 'fail-on', 'github-token', 'output-sarif', 'paths', 'policies', 'trusted-config-ref', 'waivers',
    ]);
    const used = new Set(all(actionText, /\binputs\.([A-Za-z0-9_-]+)/g));
    for (const name of used) expect(declared, `inputs.${name}`).toContain(name);
    for (const name of declared) expect(used.has(name), `input ${name} is never used`).toBe(true);
    expect(action.inputs.paths.required).toBe(true);
  });

  it('reads only step outputs that its steps set, and its outputs come from them', () => {
    const ids = new Set(action.runs.steps.map((s: any) => s.id).filter(Boolean));
    const refs = [...actionText.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)];
    expect(refs.length).toBeGreaterThan(0);
    const written = new Set(all(scanScript, /echo "([a-z-]+)=[^"]*" >> "\$GITHUB_OUTPUT"/g));
    expect([...written].sort()).toEqual(['exit-code', 'json-file', 'not-applied', 'sarif-file']);
    for (const [, id, name] of refs) {
      expect(ids.has(id), `steps.${id}`).toBe(true);
      expect(id).toBe('scan');
      expect(written.has(name!), `steps.scan.outputs.${name}`).toBe(true);
    }
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'not-applied', 'sarif-file']);
    expect(action.runs.steps.find((s: any) => s.id === 'scan').run).toContain('scripts/action/scan.sh');
  });

  it('passes inputs to scripts through env, never spliced into a run script', () => {
    for (const step of action.runs.steps) {
      if (step.run) expect(step.run, step.name).not.toMatch(/\$\{\{/);
    }
  });

  it('the comment step reads the token from GITHUB_TOKEN and runs only on a pull request with comment: true', () => {
    const step = action.runs.steps.find((s: any) => /github comment/.test(s.run ?? ''));
    expect(step.env.GITHUB_TOKEN).toBe('${{ inputs.github-token }}');
    expect(step.if).toMatch(/inputs\.comment == 'true'/);
    expect(step.if).toMatch(/github\.event\.pull_request/);
    expect(step.env.SG_NOT_APPLIED).toBe('${{ steps.scan.outputs.not-applied }}');
    expect(step.run).toContain('--not-applied');
  });

  it('on a pull request, reads the configuration and the waivers from the base commit by default', () => {
    expect(action.inputs['trusted-config-ref'].default).toBe('${{ github.event.pull_request.base.sha }}');
    const scan = action.runs.steps.find((s: any) => s.id === 'scan');
    expect(scan.env.SG_TRUSTED_REF).toBe('${{ inputs.trusted-config-ref }}');
    expect(scan.env.SG_WAIVERS).toBe('${{ inputs.waivers }}');
  });
});

describe('the example PR gate workflow', () => {
  const steps = example.jobs.shareguard.steps as any[];
  const ours = steps.find((s) => typeof s.uses === 'string' && /\/shareguard@/.test(s.uses));

  it('gives the action only inputs it has, and every required one', () => {
    expect(ours).toBeDefined();
    for (const key of Object.keys(ours.with)) expect(Object.keys(action.inputs), key).toContain(key);
    for (const [name, input] of Object.entries<any>(action.inputs)) if (input.required) expect(ours.with, name).toHaveProperty(name);
    expect(ours.with['baseline-paths']).toBeTruthy();
  });

  it('reads only outputs the action has', () => {
    const refs = [...exampleText.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, id, name] of refs) {
      expect(id).toBe(ours.id);
      expect(Object.keys(action.outputs)).toContain(name);
    }
  });

  it('checks out the base beside the head, uploads SARIF even when the gate fails, and has the permissions it needs', () => {
    const checkouts = steps.filter((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(2);
    expect(checkouts[1].with.ref).toBe('${{ github.event.pull_request.base.sha }}');
    expect(ours.with['baseline-paths'].startsWith(`${checkouts[1].with.path}/`)).toBe(true);
    const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(upload.if).toMatch(/^always\(\)/);
    expect(upload.with.sarif_file).toBe(`\${{ steps.${ours.id}.outputs.sarif-file }}`);
    expect(example.permissions).toMatchObject({ 'pull-requests': 'write', 'security-events': 'write', contents: 'read' });
  });

  it('never runs in this repository: its paths filter names only what this repository has not', () => {
    const filters: string[] = example.on.pull_request.paths;
    for (const filter of filters) expect(fs.existsSync(path.join(ROOT, filter.replace(/\/\*\*$/, ''))), filter).toBe(false);
  });

  it("the project's own CI workflow still runs the tests", () => {
    const ci = parse(read('.github/workflows/ci.yml')) as any;
    expect(ci.jobs.test.steps.map((s: any) => s.run).filter(Boolean)).toContain('npm test');
  });
});

describe('scripts/action/scan.sh (the action\'s scan step) with a stand-in CLI', () => {
  /** A GITHUB_ACTION_PATH whose dist/cli/main.js records its arguments, writes each --out and exits with `code`. */
  function fakeActionPath(code: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-action-'));
    fs.mkdirSync(path.join(dir, 'dist/cli'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'dist/cli/main.js'),
      `const fs = require('node:fs');
const args = process.argv.slice(2);
fs.writeFileSync(${JSON.stringify(path.join(dir, 'args.json'))}, JSON.stringify(args));
for (let i = 0; i < args.length; i++) if (args[i] === '--output') fs.writeFileSync(args[i + 3], 'report as ' + args[i + 1] + '\\n');
process.exit(${code});
`,
    );
    return dir;
  }

  function runStep(env: Record<string, string>, code = 1) {
    const actionPath = fakeActionPath(code);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-workspace-'));
    const output = path.join(work, 'github-output');
    const summary = path.join(work, 'step-summary');
    fs.writeFileSync(summary, '# earlier step\n');
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/action/scan.sh')], {
      cwd: work,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: work, ...env },
    });
    const args = fs.existsSync(path.join(actionPath, 'args.json')) ? (JSON.parse(fs.readFileSync(path.join(actionPath, 'args.json'), 'utf8')) as string[]) : undefined;
    const outputs = fs.existsSync(output) ? Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/).slice(0, 2))) : {};
    return { status: r.status, stdout: r.stdout, args, outputs, summary: fs.readFileSync(summary, 'utf8'), work };
  }

  it('scans the paths with every option, writes SARIF, JSON and Markdown at once, and sets the outputs', () => {
    const r = runStep({ SG_PATHS: 'exports/tenant.yaml\nexports/flows', SG_FAIL_ON: 'high', SG_SARIF: 'out/sg.sarif', SG_AS_OF: '2026-11-30T00:00:00Z', SG_CONFIG: 'ci/shareguard.yaml' });
    expect(r.status).toBe(0);
    expect(r.args).toEqual([
      'scan', 'exports/tenant.yaml', 'exports/flows',
      '--fail-on', 'high',
      '--output', 'sarif', '--out', 'out/sg.sarif',
      '--output', 'json', '--out', path.join(r.work, 'shareguard/results.json'),
      '--output', 'markdown', '--out', path.join(r.work, 'shareguard/report.md'),
      '--as-of', '2026-11-30T00:00:00Z',
      '--config', 'ci/shareguard.yaml',
    ]);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'out/sg.sarif', 'json-file': path.join(r.work, 'shareguard/results.json'), 'not-applied': '' });
    expect(fs.readFileSync(path.join(r.work, 'out/sg.sarif'), 'utf8')).toBe('report as sarif\n');
    expect(r.summary).toBe('# earlier step\nreport as markdown\n');
  });

  it('passes your own policy directories, or a prebuilt bundle, to shareguard', () => {
    const withPolicies = runStep({ SG_PATHS: 'exports', SG_POLICIES: 'security/policies\nsecurity/finance' });
    expect(withPolicies.status).toBe(0);
    expect(withPolicies.args!.slice(-4)).toEqual(['--policy', 'security/policies', '--policy', 'security/finance']);
    const withBundle = runStep({ SG_PATHS: 'exports', SG_BUNDLE: 'ci/policies.tar.gz' });
    expect(withBundle.args!.slice(-2)).toEqual(['--bundle', 'ci/policies.tar.gz']);
    expect(withBundle.args).not.toContain('--policy');
  });

  it('with baseline-paths runs diff BASE HEAD, and reports the SARIF file it wrote', () => {
    const r = runStep({ SG_PATHS: 'exports', SG_BASELINE_PATHS: '.shareguard-base/exports', SG_FAIL_ON: 'low', SG_SARIF: 'shareguard.sarif' }, 0);
    expect(r.status).toBe(0);
    expect(r.args!.slice(0, 5)).toEqual(['diff', '.shareguard-base/exports', 'exports', '--fail-on', 'low']);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.outputs['sarif-file']).toBe('shareguard.sarif');
  });

  it('stops the job when shareguard cannot run (exit 2), after recording the exit code', () => {
    const r = runStep({ SG_PATHS: 'exports', SG_SARIF: 'shareguard.sarif' }, 2);
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.stdout).toContain('::error::shareguard could not complete (exit code 2)');
  });

  it('refuses several paths with a baseline, and no paths at all, without running shareguard', () => {
    const several = runStep({ SG_PATHS: 'a b', SG_BASELINE_PATHS: 'base' });
    expect(several.status).toBe(2);
    expect(several.args).toBeUndefined();
    expect(several.stdout).toMatch(/::error::shareguard: with 'baseline-paths', give one export/);
    const none = runStep({ SG_PATHS: ' \n ' });
    expect(none.status).toBe(2);
    expect(none.args).toBeUndefined();
  });
});

describe('scripts/action/scan.sh with the real CLI (what the action runs)', () => {
  function runReal(env: Record<string, string>) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-action-real-'));
    const output = path.join(work, 'github-output');
    const summary = path.join(work, 'step-summary');
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/action/scan.sh')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: work, ...env },
    });
    const outputs = Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/).slice(0, 2)));
    return { ...r, outputs, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '', work };
  }

  it('diff against a base export: one run writes SARIF with baseline states, the JSON the comment reads and the job summary', () => {
    const sarifFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-action-sarif-')), 'out', 'shareguard.sarif');
    // The base branch had no flows yet: the pull request adds them, with their findings.
    const base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-action-base-')), 'contoso');
    fs.cpSync(path.join(ROOT, 'examples/contoso'), base, { recursive: true });
    fs.rmSync(path.join(base, 'power-platform/flows'), { recursive: true });
    const r = runReal({ SG_PATHS: 'examples/contoso', SG_BASELINE_PATHS: base, SG_FAIL_ON: 'high', SG_SARIF: sarifFile, SG_AS_OF: '2026-11-30T00:00:00Z' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.outputs['sarif-file']).toBe(sarifFile);
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(new Set(sarif.runs[0].results.map((x: any) => x.baselineState))).toEqual(new Set(['new', 'unchanged']));
    expect(sarif.runs[0].results.filter((x: any) => x.baselineState === 'new').every((x: any) => /^SG-(FLOW|DLP|GUEST)-/.test(x.ruleId))).toBe(true);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\/contoso\//);
    expect(r.summary).toMatch(/^## shareguard: Contoso Ltd, as of 2026-11-30T00:00:00\.000Z\n/);
    expect(r.summary).toContain(`Compared with \`${base}\`: **`);
    const dry = runCli(['github', 'comment', '--repo', 'contoso/tenant-config', '--pr', '7', '--from', r.outputs['json-file']!, '--dry-run'], { GITHUB_TOKEN: undefined });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('<!-- shareguard-report -->\n## shareguard: Contoso Ltd');
  });

  it('a plain scan of a clean export: exit code 0, reports written', () => {
    const sarifFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-action-sarif-')), 'clean.sarif');
    const r = runReal({ SG_PATHS: 'examples/clean', SG_FAIL_ON: 'low', SG_SARIF: sarifFile, SG_AS_OF: '2026-11-30T00:00:00Z' });
    expect(r.status).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(JSON.parse(fs.readFileSync(sarifFile, 'utf8')).runs[0].results).toEqual([]);
    expect(r.summary).toContain('**No findings.**');
  });
});
