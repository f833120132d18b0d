#!/usr/bin/env node
// Builds, checks and tests the built-in Rego policies with the pinned opa CLI.
//   build  compile policies/ to bundle/shareguard.tar.gz (WASM) and write bundle/manifest.json
//   check  fail when the committed bundle does not match policies/ (source hashes, opa version, a rebuild)
//   test   opa fmt --fail, opa check --strict, opa test (check and test with the WASM capabilities, as
//          policy test runs user tests, so the built-in tests cannot use a builtin a scan lacks, and with the
//          data.tenant schema, so a control reading a field data.tenant does not have fails to compile); prints "opa: N passed, N failed"
//   capabilities  print the capabilities file the build uses (builtins the WASM runtime provides)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The build itself is src/policy/build.ts (the same code compiles custom policies for scan --policy and
// policy build), so this script needs the TypeScript build (dist/): npm ci and npm test make it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { buildPolicies, buildSources } = await import(path.join(root, 'dist/policy/build.js'));
const { opaEnvironment, opaVersion, wasmCapabilities, writeWasmCapabilities } = await import(path.join(root, 'dist/policy/opa.js'));
const { sha256, sourceHashes } = await import(path.join(root, 'dist/policy/sources.js'));
const { writeSchemaDir } = await import(path.join(root, 'dist/policy/schemas.js'));
const { readWasmFromBundle } = await import(path.join(root, 'dist/engine/bundle.js'));

const policiesDir = 'policies';
const bundleDir = path.join(root, 'bundle');
const bundleFile = path.join(bundleDir, 'shareguard.tar.gz');
const manifestFile = path.join(bundleDir, 'manifest.json');
const BUILTIN = { builtinControls: true, policyDirs: [] };

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
  return spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: opaEnvironment(), ...options });
}

/** Compiles policies/ (src/policy/build.ts); a policy problem ends the script with what opa or the contract said. */
function compile(bin) {
  try {
    return buildPolicies({ opa: bin, opaVersion: opaVersion(bin), ...BUILTIN });
  } catch (e) {
    fail(`build failed:\n${e.message}`);
  }
}

function writeAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function build() {
  const bin = ensureOpa();
  fs.mkdirSync(bundleDir, { recursive: true });
  const { tarball, manifest } = compile(bin);
  writeAtomic(bundleFile, tarball);
  writeAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`policies: built ${path.relative(root, bundleFile)} (${manifest.controls.length} controls, opa ${manifest.opaVersion})`);
}

function check() {
  if (!fs.existsSync(manifestFile) || !fs.existsSync(bundleFile)) fail('bundle/ is missing: run `npm run policies:build`');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const current = sourceHashes(buildSources(BUILTIN));
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
    // Same sources and compiler: a rebuild must give the same bundle, byte for byte, and the same manifest.
    const rebuilt = compile(bin);
    if (sha256(rebuilt.wasm) !== manifest.wasmSha256) problems.push('a rebuild gives a different policy.wasm');
    if (JSON.stringify(rebuilt.manifest.controls) !== JSON.stringify(manifest.controls)) problems.push('control METADATA differs from the manifest');
    if (JSON.stringify(rebuilt.manifest.platformRules) !== JSON.stringify(manifest.platformRules ?? [])) problems.push('platform rule METADATA differs from the manifest');
    if (`${JSON.stringify(rebuilt.manifest, null, 2)}\n` !== fs.readFileSync(manifestFile, 'utf8')) problems.push('bundle/manifest.json differs from a rebuild');
    if (sha256(Buffer.from(readWasmFromBundle(bundleFile))) !== manifest.wasmSha256) problems.push('bundle/shareguard.tar.gz does not match the manifest');
    else if (!rebuilt.tarball.equals(fs.readFileSync(bundleFile))) problems.push('bundle/shareguard.tar.gz differs from a rebuild');
  }
  if (problems.length > 0) fail(`the committed bundle is stale (${problems.join('; ')}): run \`npm run policies:build\` and commit bundle/`);
  console.log(`policies: bundle is up to date (${Object.keys(current).length} sources, opa ${version})`);
}

function test() {
  const bin = ensureOpa();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-caps-'));
  process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  // json.patch is pure (no network, clock or environment); two platform tests build their fixtures with it.
  const caps = writeWasmCapabilities(bin, scratch, ['json.patch']).file;
  // The controls declare schema["data-tenant"] in METADATA (schemas/data-tenant.schema.json); the build
  // (src/policy/build.ts) checks with the same folder.
  const schemaDir = writeSchemaDir(scratch);
  const steps = [
    ['fmt', ['fmt', '--list', '--fail', policiesDir]],
    ['check', ['check', '--strict', '--capabilities', caps, '--schema', schemaDir, policiesDir]],
  ];
  for (const [name, args] of steps) {
    const r = opa(bin, args);
    if (r.status !== 0) {
      const detail = name === 'fmt' ? `files need \`opa fmt -w\`:\n${r.stdout}` : `${r.stderr}${r.stdout}`;
      fail(`opa ${name} failed: ${detail}`);
    }
  }
  const r = opa(bin, ['test', '--capabilities', caps, '--schema', schemaDir, '--format', 'json', policiesDir]);
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
if (command === 'capabilities') process.stdout.write(`${wasmCapabilities(ensureOpa()).json}\n`);
else if (command === 'build') build();
else if (command === 'check') check();
else if (command === 'test') test();
else fail('usage: node scripts/policies.mjs build|check|test|capabilities');
