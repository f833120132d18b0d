#!/usr/bin/env node
// Builds, checks and tests the built-in Rego policies with the pinned opa CLI.
//   build  compile policies/ to bundle/shareguard.tar.gz (WASM) and write bundle/manifest.json
//   check  fail when the committed bundle does not match policies/ (source hashes, opa version, a rebuild)
//   test   opa fmt --fail, opa check --strict, opa test; prints "opa: N passed, N failed"
//   capabilities  print the capabilities file the build uses (builtins the WASM runtime provides)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const policiesDir = 'policies';
const bundleDir = path.join(root, 'bundle');
const bundleFile = path.join(bundleDir, 'shareguard.tar.gz');
const manifestFile = path.join(bundleDir, 'manifest.json');
const ENTRYPOINT = 'shareguard/main/result';
const PLATFORM_ENTRYPOINT = 'shareguard/platform/main/result';
// Every control's findings in one evaluation, for simulations that pass input.scope: one call per change
// instead of one per control keeps a scoped evaluation to a fraction of a millisecond of overhead.
const SCOPED_ENTRYPOINT = 'shareguard/entrypoints/scoped/findings';
// Per-object facts whole-environment controls aggregate (policies/views): stored as data.derived.
const VIEWS_ENTRYPOINT = 'shareguard/views/result';
// One small wrapper module per control, generated at build time, so that the engine can evaluate one control
// at a time: the WASM heap is reset after each evaluation, which bounds memory on large tenants, and a
// disabled control costs nothing. Kept in build/ (git-ignored) so paths inside the bundle are stable.
const entrypointsDir = 'build/entrypoints';

function fail(message) {
  console.error(`policies: ${message}`);
  process.exit(1);
}

function ensureOpa() {
  const result = spawnSync('bash', [path.join(root, 'scripts/ensure-opa.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) fail('the opa CLI is needed (see scripts/ensure-opa.sh)');
  return result.stdout.trim();
}

function opa(bin, args, options = {}) {
  const result = spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return result;
}

function opaVersion(bin) {
  const out = execFileSync(bin, ['version'], { encoding: 'utf8' });
  return /^Version: (.+)$/m.exec(out)?.[1] ?? 'unknown';
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** Every .rego file under policies/ that goes into the bundle (tests excluded), sorted, with its hash. */
function sourceHashes() {
  const out = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.rego') && !entry.name.endsWith('_test.rego')) {
        out[rel] = sha256(fs.readFileSync(path.join(root, rel)));
      }
    }
  };
  walk(policiesDir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** `opa capabilities --current` restricted to the builtins the WASM runtime really provides. */
function wasmCapabilities(bin) {
  const allowed = JSON.parse(fs.readFileSync(path.join(root, 'scripts/wasm-builtins.json'), 'utf8'));
  const names = new Set([...allowed.nativeWasm, ...allowed.javascriptSdk, ...allowed.compileTime]);
  const caps = JSON.parse(execFileSync(bin, ['capabilities', '--current'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  caps.builtins = caps.builtins.filter((b) => names.has(b.name));
  return caps;
}

/** Control packages: every non-test module under policies/controls, by its package line. */
function controlPackages() {
  const packages = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.rego') && !entry.name.endsWith('_test.rego')) {
        const m = /^package\s+([\w.]+)/m.exec(fs.readFileSync(path.join(root, rel), 'utf8'));
        if (m) packages.add(m[1]);
      }
    }
  };
  walk(path.posix.join(policiesDir, 'controls'));
  return [...packages].sort();
}

/** The entrypoint of a control package: shareguard.controls.a.b → shareguard/entrypoints/a/b/result. */
function entrypointOf(pkg) {
  return `${pkg.replace(/^shareguard\.controls\./, 'shareguard.entrypoints.').replace(/\./g, '/')}/result`;
}

function writeEntrypoints() {
  const dir = path.join(root, entrypointsDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const pkg of controlPackages()) {
    const wrapper = pkg.replace(/^shareguard\.controls\./, 'shareguard.entrypoints.');
    const text = `# Generated by scripts/policies.mjs: evaluates one control.\npackage ${wrapper}\n\nimport data.${pkg} as control\n\nresult := {\n\t"findings": [f | some f in control.findings],\n\t"notEvaluated": [n | some n in control.not_evaluated],\n}\n`;
    fs.writeFileSync(path.join(dir, `${wrapper.replace(/^shareguard\.entrypoints\./, '').replace(/\./g, '_')}.rego`), text);
  }
  // Each control named: iterating data.shareguard.controls[area][name] would make the WASM evaluate every
  // rule of every control package (not_evaluated and its whole-tenant helpers included), not just findings.
  const bodies = controlPackages().map((pkg) => `findings contains f if some f in data.${pkg}.findings\n`).join('\n');
  const scoped = `# Generated by scripts/policies.mjs: the findings of every control, for scoped evaluations.\npackage shareguard.entrypoints.scoped\n\n${bodies}`;
  fs.writeFileSync(path.join(dir, 'scoped.rego'), scoped);
}

/** Compiles policies/ into outFile; returns the bytes of policy.wasm and the annotations. */
function compile(bin, outFile) {
  writeEntrypoints();
  const entrypoints = controlPackages().flatMap((pkg) => ['-e', entrypointOf(pkg)]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-build-'));
  try {
    const capsFile = path.join(tmp, 'capabilities.json');
    fs.writeFileSync(capsFile, JSON.stringify(wasmCapabilities(bin)));
    const build = opa(bin, ['build', '-t', 'wasm', '-e', ENTRYPOINT, '-e', PLATFORM_ENTRYPOINT, '-e', SCOPED_ENTRYPOINT, '-e', VIEWS_ENTRYPOINT, ...entrypoints, '--capabilities', capsFile,
      '--ignore', '*_test.rego', '-o', outFile, policiesDir, entrypointsDir]);
    if (build.status !== 0) fail(`opa build failed:\n${build.stderr}${build.stdout}`);
    execFileSync('tar', ['-xzf', outFile, '-C', tmp, '/policy.wasm'], { stdio: 'ignore' });
    const wasm = fs.readFileSync(path.join(tmp, 'policy.wasm'));
    const inspect = opa(bin, ['inspect', '-a', '-f', 'json', outFile]);
    if (inspect.status !== 0) fail(`opa inspect failed:\n${inspect.stderr}`);
    return { wasm, inspected: JSON.parse(inspect.stdout) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The controls' METADATA (package-scoped annotations carrying custom.id), in id order. */
function controlsFrom(inspected) {
  const controls = [];
  for (const entry of inspected.annotations ?? []) {
    const a = entry.annotations ?? {};
    if (entry.annotations?.scope !== 'package' || !a.custom?.id) continue;
    // Platform rules (policies/platform, PLT-*) are simulation rules, listed apart by platformRulesFrom.
    if (!entry.path.map((p) => p.value).slice(1).join('.').startsWith('shareguard.controls.')) continue;
    controls.push({
      id: a.custom.id,
      title: a.title,
      description: a.description,
      severity: a.custom.severity,
      area: a.custom.area,
      sections: a.custom.sections ?? [],
      params: a.custom.params ?? {},
      ...(a.custom.paramSchema ? { paramSchema: a.custom.paramSchema } : {}),
      remediation: a.custom.remediation,
      references: a.custom.references ?? [],
      relatedResources: a.related_resources ?? [],
      package: entry.path.map((p) => p.value).slice(1).join('.'),
      entrypoint: entrypointOf(entry.path.map((p) => p.value).slice(1).join('.')),
    });
  }
  return controls.sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }));
}

/** The platform rules' METADATA (PLT-*, policies/platform), in id order. */
function platformRulesFrom(inspected) {
  const rules = [];
  for (const entry of inspected.annotations ?? []) {
    const a = entry.annotations ?? {};
    const pkg = entry.path.map((p) => p.value).slice(1).join('.');
    if (a.scope !== 'package' || !a.custom?.id || !pkg.startsWith('shareguard.platform.')) continue;
    rules.push({ id: a.custom.id, title: a.title, description: a.description, effect: a.custom.effect, package: pkg });
  }
  return rules.sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }));
}

function writeAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function build() {
  const bin = ensureOpa();
  fs.mkdirSync(bundleDir, { recursive: true });
  const tmpBundle = `${bundleFile}.tmp-${process.pid}`;
  const { wasm, inspected } = compile(bin, tmpBundle);
  fs.renameSync(tmpBundle, bundleFile);
  const manifest = {
    note: 'Generated by `npm run policies:build`; do not edit. `npm run policies:check` fails when it is stale.',
    opaVersion: opaVersion(bin),
    entrypoint: ENTRYPOINT,
    platformEntrypoint: PLATFORM_ENTRYPOINT,
    scopedEntrypoint: SCOPED_ENTRYPOINT,
    viewsEntrypoint: VIEWS_ENTRYPOINT,
    wasmSha256: sha256(wasm),
    sources: sourceHashes(),
    controls: controlsFrom(inspected),
    platformRules: platformRulesFrom(inspected),
  };
  writeAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`policies: built ${path.relative(root, bundleFile)} (${manifest.controls.length} controls, opa ${manifest.opaVersion})`);
}

function check() {
  if (!fs.existsSync(manifestFile) || !fs.existsSync(bundleFile)) fail('bundle/ is missing: run `npm run policies:build`');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const current = sourceHashes();
  const problems = [];
  for (const [file, hash] of Object.entries(current)) {
    if (!(file in manifest.sources)) problems.push(`${file} is new`);
    else if (manifest.sources[file] !== hash) problems.push(`${file} changed`);
  }
  for (const file of Object.keys(manifest.sources)) if (!(file in current)) problems.push(`${file} was removed`);
  const bin = ensureOpa();
  const version = opaVersion(bin);
  if (version !== manifest.opaVersion) problems.push(`built with opa ${manifest.opaVersion}, the pinned opa is ${version}`);
  if (problems.length === 0) {
    // Same sources and compiler: a rebuild must give the same module and the same metadata.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-check-'));
    try {
      const { wasm, inspected } = compile(bin, path.join(tmp, 'bundle.tar.gz'));
      if (sha256(wasm) !== manifest.wasmSha256) problems.push('a rebuild gives a different policy.wasm');
      if (JSON.stringify(controlsFrom(inspected)) !== JSON.stringify(manifest.controls)) problems.push('control METADATA differs from the manifest');
      if (JSON.stringify(platformRulesFrom(inspected)) !== JSON.stringify(manifest.platformRules ?? [])) problems.push('platform rule METADATA differs from the manifest');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const committed = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-committed-'));
    try {
      execFileSync('tar', ['-xzf', bundleFile, '-C', committed, '/policy.wasm'], { stdio: 'ignore' });
      if (sha256(fs.readFileSync(path.join(committed, 'policy.wasm'))) !== manifest.wasmSha256) problems.push('bundle/shareguard.tar.gz does not match the manifest');
    } finally {
      fs.rmSync(committed, { recursive: true, force: true });
    }
  }
  if (problems.length > 0) fail(`the committed bundle is stale (${problems.join('; ')}): run \`npm run policies:build\` and commit bundle/`);
  console.log(`policies: bundle is up to date (${Object.keys(current).length} sources, opa ${version})`);
}

function test() {
  const bin = ensureOpa();
  const steps = [
    ['fmt', ['fmt', '--list', '--fail', policiesDir]],
    ['check', ['check', '--strict', policiesDir]],
  ];
  for (const [name, args] of steps) {
    const r = opa(bin, args);
    if (r.status !== 0) {
      const detail = name === 'fmt' ? `files need \`opa fmt -w\`:\n${r.stdout}` : `${r.stderr}${r.stdout}`;
      fail(`opa ${name} failed: ${detail}`);
    }
  }
  const r = opa(bin, ['test', '--format', 'json', policiesDir]);
  let results;
  try {
    results = JSON.parse(r.stdout);
  } catch {
    fail(`opa test failed:\n${r.stderr}${r.stdout}`);
  }
  const failed = results.filter((t) => t.fail || t.error);
  for (const t of failed) console.error(`FAIL ${t.package}.${t.name}${t.error ? `: ${JSON.stringify(t.error)}` : ''}`);
  const passed = results.length - failed.length;
  console.log(`opa: ${passed} passed, ${failed.length} failed`);
  if (failed.length > 0 || r.status !== 0) process.exit(1);
}

const command = process.argv[2];
if (command === 'capabilities') process.stdout.write(`${JSON.stringify(wasmCapabilities(ensureOpa()))}\n`);
else if (command === 'build') build();
else if (command === 'check') check();
else if (command === 'test') test();
else fail('usage: node scripts/policies.mjs build|check|test|capabilities');
