import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { walkthroughSteps } from '../helpers/walkthrough.js';

// docs/writing-policies.md is followed step by step, as a reader would: in an empty repository whose export
// is in exports/, each marked command is run (npx shareguard is this build's CLI), each file written, and
// each output shown is checked.
describe('docs/writing-policies.md walkthrough', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/writing-policies.md'), 'utf8');
  const steps = walkthroughSteps(doc);

  it('has the steps the issue asks for: scaffold, edit, policy test, scan', () => {
    const scripts = steps.flatMap((s) => (s.kind === 'run' ? [s.script] : []));
    const first = (needle: string) => scripts.findIndex((s) => s.includes(needle));
    expect(first('policy new')).toBeGreaterThanOrEqual(0);
    expect(steps.some((s) => s.kind === 'write' && s.path.endsWith('.rego'))).toBe(true);
    expect(first('policy test')).toBeGreaterThan(first('policy new'));
    expect(first('scan exports --policy')).toBeGreaterThan(first('policy test'));
    expect(first('--bundle')).toBeGreaterThan(first('policy build'));
  });

  it('works as written', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-walkthrough-'));
    const repo = path.join(work, 'repo');
    const bin = path.join(work, 'bin');
    fs.mkdirSync(repo);
    fs.mkdirSync(bin);
    fs.symlinkSync(path.join(ROOT, 'examples/contoso'), path.join(repo, 'exports'));
    // `npx shareguard …` runs this build's CLI.
    fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\n[ "$1" = shareguard ] || { echo "npx: only shareguard here" >&2; exit 127; }\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, XDG_CACHE_HOME: path.join(work, 'cache'), NO_COLOR: '1' };

    let last = { stdout: '', stderr: '' };
    for (const step of steps) {
      const where = `docs/writing-policies.md:${step.line}`;
      if (step.kind === 'write') {
        const file = path.join(repo, step.path);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, step.text);
      } else if (step.kind === 'run') {
        const r = spawnSync('bash', ['-c', step.script], { cwd: repo, env, encoding: 'utf8' });
        last = { stdout: r.stdout, stderr: r.stderr };
        expect(r.status, `${where}: ${step.script}\n${r.stdout}${r.stderr}`).toBe(step.exitCode);
      } else {
        for (const line of step.lines) expect(last.stdout, `${where}: "${line}"`).toContain(line);
      }
    }
    expect(fs.existsSync(path.join(repo, 'policies.tar.gz'))).toBe(true);
    const results = JSON.parse(fs.readFileSync(path.join(repo, 'results.json'), 'utf8')) as { findings: { controlId: string }[] };
    expect(results.findings.some((f) => f.controlId === 'CONTOSO-CONN-01')).toBe(true);
    expect(results.findings.some((f) => f.controlId.startsWith('SG-'))).toBe(true);
  });
});
