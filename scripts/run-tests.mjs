#!/usr/bin/env node
// `npm test`: every test, in order, and one closing line "total: N passed, N failed".
//   1. build (tsc)          2. policies: opa fmt --fail, opa check --strict, opa test
//   3. bundle and generated docs are not stale  4. vitest (unit and end-to-end CLI runs)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;

function run(label, cmd, args) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  return r;
}

const build = run('build', 'npm', ['run', '--silent', 'build']);
if (build.status !== 0) {
  console.log('\ntotal: 0 passed, 1 failed');
  process.exit(1);
}

const opa = run('policies: opa fmt, opa check --strict, opa test', 'node', ['scripts/policies.mjs', 'test']);
const opaCounts = /opa: (\d+) passed, (\d+) failed/.exec(opa.stdout ?? '');
if (opaCounts) {
  passed += Number(opaCounts[1]);
  failed += Number(opaCounts[2]);
}
if (opa.status !== 0 && !(opaCounts && Number(opaCounts[2]) > 0)) failed += 1;

const check = run('policies: committed bundle is up to date', 'node', ['scripts/policies.mjs', 'check']);
if (check.status === 0) passed += 1;
else failed += 1;

const docs = run('docs: controls.md and config schema match the METADATA', 'node', ['scripts/docs.mjs', 'check']);
if (docs.status === 0) passed += 1;
else failed += 1;

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-vitest-')), 'report.json');
const vitest = run('vitest: unit and end-to-end', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  if (r.numTotalTests === 0) failed += 1;
} catch {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed += 1;

console.log(`\ntotal: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
