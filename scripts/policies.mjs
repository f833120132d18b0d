#!/usr/bin/env node
// Builds, checks and tests the built-in Rego policies with the pinned opa CLI.
//   build  regenerate policies/platform/main.rego, compile policies/ to bundle/shareguard.tar.gz (WASM) and
//          write bundle/manifest.json
//   check  fail when the committed bundle does not match policies/ (source hashes, opa version, a rebuild), or
//          policies/platform/main.rego is not what the platform rule folders give
//   test   opa fmt --fail, opa check --strict, the lint of .regal/config.yaml (scripts/rego-lint.mjs), opa test
//          (check and test with the WASM capabilities, as policy test runs user tests, so the built-in tests
//          cannot use a builtin a scan lacks, and with the data.tenant schema, so a control reading a field
//          data.tenant does not have fails to compile); prints "opa: N passed, N failed"
//   fixtures [dir]  validate the tenants the opa tests (of policies/, or dir) put in place of data.tenant
//          (`with data.tenant as X`) against schemas/data-tenant.schema.json as opa's type checker reads it
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
const { platformMainProblem, writePlatformMain } = await import('./platform-main.mjs');
const { runLint } = await import('./rego-lint.mjs');

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

/** policies/platform/main.rego is generated from the platform rule folders (scripts/platform-main.mjs). */
function generatePlatformMain() {
  if (writePlatformMain(path.join(root, policiesDir, 'platform'))) console.log('policies: wrote policies/platform/main.rego');
}

function platformMainStale() {
  return platformMainProblem(path.join(root, policiesDir, 'platform'));
}

/** The rules of .regal/config.yaml that opa fmt and opa check do not enforce (scripts/rego-lint.mjs). */
function lintPolicies() {
  if (runLint(path.join(root, policiesDir)) > 0) fail('rego-lint found problems (listed above)');
}

function build() {
  generatePlatformMain();
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
  const platformMain = platformMainStale();
  if (platformMain) problems.push(platformMain);
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
  lintPolicies();
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

/** Every `with data.tenant as X` in a parsed module: where the expression starts and X's source text. */
function tenantWiths(ast) {
  const found = [];
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const w of node.with ?? []) {
      const target = w.target?.value;
      if (Array.isArray(target) && target.length === 2 && target[0].value === 'data' && target[1].value === 'tenant') {
        found.push({ row: node.location.row, col: node.location.col, value: Buffer.from(w.value.location.text, 'base64').toString('utf8') });
      }
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(ast.rules ?? []);
  return found;
}

/**
 * The opa tests write tenants by hand (often through lib.testing.with_indexes). To see them, the test files
 * are copied to a scratch folder with `print(json.marshal(X))` put on a line of its own before each
 * expression that says `with data.tenant as X` (an expression that does not start its line, e.g. inside a
 * one-line comprehension, is skipped and counted), and opa test runs them, printing every tenant.
 * Each distinct tenant is validated against the schema as opa's type checker reads it: nothing required
 * (a test writes only what its control reads) and every object that lists properties closed (as opa
 * treats it), so a field a fixture misspells, or that the schema does not know, is reported.
 */
// Ways the hand-written fixtures differ from what the normaliser writes that are known, each with why it is
// harmless for now. Any other problem fails the command.
const KNOWN_FIXTURE_DIVERGENCES = {
  // A test marks a section absent with false (object.union cannot remove a key); the normaliser leaves the
  // key out. Rules test sections[name] for truth, so both read as absent.
  '/sections/<key>: must be equal to constant': 'tests write sections.<name>: false where the normaliser leaves the section out',
};

async function fixtures(dir = policiesDir) {
  const bin = ensureOpa();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-fixtures-'));
  process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  const copy = path.join(scratch, 'policies');
  fs.cpSync(path.resolve(root, dir), copy, { recursive: true });
  const MARK = 'SGFIXTURE';
  let expressions = 0;
  let skipped = 0;
  const files = fs.readdirSync(copy, { recursive: true }).filter((f) => String(f).endsWith('_test.rego'));
  for (const rel of files) {
    const file = path.join(copy, rel);
    const parsed = opa(bin, ['parse', '--format', 'json', '--json-include', 'locations', file]);
    if (parsed.status !== 0) fail(`opa parse ${rel} failed:\n${parsed.stderr}`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const withs = tenantWiths(JSON.parse(parsed.stdout)).sort((a, b) => b.row - a.row);
    const done = new Set();
    for (const w of withs) {
      expressions += 1;
      const line = lines[w.row - 1];
      if (line.slice(0, w.col - 1).trim() !== '' || w.value.includes('\n')) {
        skipped += 1;
        continue;
      }
      const key = `${w.row}:${w.value}`;
      if (done.has(key)) continue;
      done.add(key);
      lines.splice(w.row - 1, 0, `${line.slice(0, w.col - 1)}print(${JSON.stringify(`${MARK} ${rel}:${w.row}`)}, json.marshal(${w.value}))`);
    }
    fs.writeFileSync(file, lines.join('\n'));
  }
  const caps = writeWasmCapabilities(bin, scratch, ['json.patch']).file;
  const r = opa(bin, ['test', '--capabilities', caps, '--format', 'json', copy]);
  let results;
  try {
    results = JSON.parse(r.stdout);
  } catch {
    fail(`opa test on the instrumented tests failed:\n${r.stderr}${r.stdout}`);
  }
  const tenants = new Map();
  for (const t of results) {
    for (const line of Buffer.from(t.output ?? '', 'base64').toString('utf8').split('\n')) {
      const m = new RegExp(`^${MARK} (\\S+) (.*)$`).exec(line);
      if (!m || m[2] === '<undefined>') continue;
      if (!tenants.has(m[2])) tenants.set(m[2], m[1]);
    }
  }
  const { default: Ajv } = await import('ajv');
  const schema = asOpaReadsIt(JSON.parse(fs.readFileSync(path.join(root, 'schemas/data-tenant.schema.json'), 'utf8')));
  const validate = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);
  const problems = new Map();
  for (const [text, at] of tenants) {
    if (validate(JSON.parse(text))) continue;
    for (const e of validate.errors) {
      // One line per kind of problem: the keys of id-keyed maps and of sections, and array positions, generalised.
      const where = e.instancePath
        .replace(/^\/(users|groups|environments|dlpPolicies|flows|apps|sections|domains|notCollected|unknownPrincipals)\/[^/]+/, '/$1/<key>')
        .replace(/^\/index\/(\w+)\/[^/]+/, '/index/$1/<key>')
        .replace(/\/\d+(?=\/|$)/g, '/<n>');
      const what = `${where}: ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`;
      if (!problems.has(what)) problems.set(what, new Set());
      problems.get(what).add(at);
    }
  }
  const known = [...problems.keys()].filter((what) => what in KNOWN_FIXTURE_DIVERGENCES);
  const unknown = [...problems.keys()].filter((what) => !(what in KNOWN_FIXTURE_DIVERGENCES));
  for (const what of known) console.log(`known: ${KNOWN_FIXTURE_DIVERGENCES[what]} (at ${problems.get(what).size} test lines)`);
  for (const what of unknown) {
    const where = [...problems.get(what)];
    console.error(`${what}\n    at ${where.slice(0, 3).join(', ')}${where.length > 3 ? ` and ${where.length - 3} more` : ''}`);
  }
  console.log(`fixtures: ${tenants.size} distinct data.tenant fixtures from ${expressions - skipped} of ${expressions} \`with data.tenant as\` expressions in ${files.length} test files (${skipped} not at the start of a line, skipped); ${known.length} known divergences, ${unknown.length} problems`);
  if (unknown.length > 0) process.exit(1);
}

/** The schema as opa's type checker reads it, for fixtures: no required keys, every object with properties closed. */
function asOpaReadsIt(node) {
  if (Array.isArray(node)) return node.map(asOpaReadsIt);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required') continue;
    out[key] = key === 'properties' || key === 'definitions' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asOpaReadsIt(v)])) : asOpaReadsIt(value);
  }
  if (out.properties && out.additionalProperties === true) out.additionalProperties = false;
  return out;
}

const command = process.argv[2];
if (command === 'capabilities') process.stdout.write(`${wasmCapabilities(ensureOpa()).json}\n`);
else if (command === 'build') build();
else if (command === 'check') check();
else if (command === 'test') test();
else if (command === 'fixtures') await fixtures(process.argv[3]);
else fail('usage: node scripts/policies.mjs build|check|test|fixtures [policies dir]|capabilities');
