import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The WASM runtime lacks time.*, http.send and others; a policy calling them must fail to build rather
// than fail in a user's scan. The build uses this capabilities file (scripts/policies.mjs).
describe('policy build capabilities', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-caps-'));
  const caps = path.join(dir, 'capabilities.json');
  fs.writeFileSync(caps, execFileSync('node', ['scripts/policies.mjs', 'capabilities'], { cwd: ROOT, encoding: 'utf8' }));
  const opa = path.join(ROOT, '.tools/bin/opa');

  const build = (rule: string) => {
    const src = path.join(dir, `p${Math.random().toString(36).slice(2)}`);
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'p.rego'), `package probe\n\n${rule}\n`);
    return spawnSync(opa, ['build', '-t', 'wasm', '-e', 'probe/x', '--capabilities', caps, '-o', path.join(src, 'b.tar.gz'), src], { encoding: 'utf8' });
  };

  it('refuses builtins the WASM runtime does not provide', () => {
    for (const call of ['time.now_ns()', 'http.send({"method": "get", "url": "http://127.0.0.1"})', 'units.parse("10K")']) {
      const r = build(`x := ${call}`);
      expect(r.status, call).not.toBe(0);
      expect(`${r.stderr}${r.stdout}`).toMatch(/undefined function/);
    }
  });

  it('accepts the builtins the controls use', () => {
    const r = build('x := [sprintf("%s", ["a"]), regex.match("(?i)^a$", "A"), object.get({}, "k", 1), lower("A")]');
    expect(r.status, r.stderr).toBe(0);
  });
});
