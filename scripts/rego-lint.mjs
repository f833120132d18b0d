#!/usr/bin/env node
// Checks the rules .regal/config.yaml lists, with the pinned opa CLI and this script: Regal itself is not
// installable here (the Go module proxy refuses github.com/open-policy-agent/regal and
// github.com/styrainc/regal), so each rule the configuration enables that opa fmt / opa check do not
// already enforce is checked below, on the AST `opa parse --format json` gives. Project rules Regal has no
// name for come after the Regal ones.
//
//   node scripts/rego-lint.mjs [policies dir]   prints one line per problem (file:line: rule: message);
//                                               exit 1 when there is one, 2 when the lint itself failed
//
// Regal rules checked here (the rest of what the configuration enables is opa fmt --fail and
// opa check --strict, which scripts/policies.mjs test runs):
//   style/line-length             no line of a policy file longer than max-line-length (tests exempt, as configured)
//   style/prefer-snake-case       rule and function names in snake_case
//   bugs/leaked-internal-reference  a rule or function named _x is private: no other package's policy refers to it
//   testing/test-outside-test-package  test_ rules only in packages ending in _test
//   testing/file-missing-test-suffix   test_ rules only in files ending in _test.rego
//   testing/print-or-trace-call   no print or trace outside tests
// Project rules:
//   tenant-outside-lib   only policies/lib reads data.tenant: controls and platform rules go through its helpers
//   lib-without-test     every library file (lib/**, platform/helpers/**) has a <name>_test.rego next to it
//   control-metadata     every control file has a package METADATA block with custom.id
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SNAKE = /^_?[a-z][a-z0-9_]*$/;

/** Every .rego file under dir, relative to it with forward slashes, sorted (dot folders skipped). */
function regoFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.rego')) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

const isTest = (rel) => rel.endsWith('_test.rego');
const isLib = (rel) => rel.startsWith('lib/') || rel.startsWith('platform/helpers/');

/** The configuration the script shares with Regal: max-line-length from .regal/config.yaml. */
export function lintConfig(file = path.join(root, '.regal', 'config.yaml')) {
  const config = parseYaml(fs.readFileSync(file, 'utf8'));
  const max = config?.rules?.style?.['line-length']?.['max-line-length'];
  if (!Number.isInteger(max)) throw new Error(`${file}: rules.style.line-length.max-line-length is not set`);
  return { maxLineLength: max };
}

/** Every term of an AST value, depth first (objects and arrays of the JSON opa parse prints). */
function* walk(node) {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
  } else if (node && typeof node === 'object') {
    yield node;
    for (const value of Object.values(node)) yield* walk(value);
  }
}

/** The ref terms of a module: arrays of {type, value} whose first element is a var. */
function* refs(module) {
  for (const node of walk(module.rules ?? [])) {
    if (node.type === 'ref' && Array.isArray(node.value) && node.value[0]?.type === 'var') yield node;
  }
}

function ruleName(rule) {
  const ref = rule.head?.ref ?? [];
  return ref.map((t, i) => (i === 0 ? t.value : t.type === 'string' ? t.value : null)).filter((x) => typeof x === 'string');
}

function packagePath(module) {
  return (module.package?.path ?? []).slice(1).map((t) => t.value).join('.');
}

function parse(opa, file) {
  const r = spawnSync(opa, ['parse', '--format', 'json', '--json-include', 'locations,-comments', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`opa parse ${file} failed: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout);
}

/**
 * The problems in the policies under dir: [{ file, line, rule, message }], file relative to dir's parent
 * (policies/…), in file and line order.
 */
export function lintPolicies({ dir, opa, maxLineLength }) {
  const problems = [];
  const base = path.basename(dir);
  const add = (rel, line, rule, message) => problems.push({ file: `${base}/${rel}`, line, rule, message });
  const files = regoFiles(dir);
  const present = new Set(files);
  for (const rel of files) {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    const module = parse(opa, path.join(dir, rel));
    const pkg = packagePath(module);
    const test = isTest(rel);

    if (!test) {
      text.split('\n').forEach((line, i) => {
        if (line.length > maxLineLength) add(rel, i + 1, 'style/line-length', `${line.length} characters (at most ${maxLineLength})`);
      });
    }

    for (const rule of module.rules ?? []) {
      const line = rule.location?.row ?? 0;
      for (const name of ruleName(rule)) {
        if (!SNAKE.test(name)) add(rel, line, 'style/prefer-snake-case', `rule ${name} is not snake_case`);
        if (name.startsWith('test_')) {
          if (!pkg.endsWith('_test')) add(rel, line, 'testing/test-outside-test-package', `${name} is in package ${pkg}, not a _test package`);
          if (!test) add(rel, line, 'testing/file-missing-test-suffix', `${name} is in a file not ending in _test.rego`);
        }
      }
    }

    // Import aliases (the last path element unless `as` names one) that stand for another package.
    const aliases = new Map();
    for (const imp of module.imports ?? []) {
      const parts = imp.path.value.map((t) => t.value);
      if (parts[0] !== 'data') continue;
      aliases.set(imp.alias || parts[parts.length - 1], parts.slice(1).join('.'));
    }

    for (const ref of refs(module)) {
      const head = ref.value[0].value;
      const rest = ref.value.slice(1);
      const line = ref.location?.row ?? ref.value[0].location?.row ?? 0;
      if (!test && (head === 'print' || head === 'trace') && rest.length === 0) add(rel, line, 'testing/print-or-trace-call', `${head} outside a test`);
      // The path the ref names: its leading string parts (lib.users[id] names shareguard.lib.users).
      const named = [];
      for (const t of rest) {
        if (t.type !== 'string') break;
        named.push(t.value);
      }
      const target = head === 'data' ? named : aliases.has(head) ? [...aliases.get(head).split('.'), ...named] : null;
      if (!target) continue;
      if (!test && !isLib(rel) && target[0] === 'tenant') add(rel, line, 'tenant-outside-lib', 'reads data.tenant: go through a helper in policies/lib');
      const privateAt = target.findIndex((part) => typeof part === 'string' && part.startsWith('_'));
      if (!test && privateAt > 0 && target.slice(0, privateAt).join('.') !== pkg) {
        add(rel, line, 'bugs/leaked-internal-reference', `refers to ${target.slice(0, privateAt + 1).join('.')}, private to its package`);
      }
    }

    if (!test && isLib(rel) && !present.has(rel.replace(/\.rego$/, '_test.rego'))) {
      add(rel, 1, 'lib-without-test', `no ${path.posix.basename(rel, '.rego')}_test.rego next to it`);
    }

    if (!test && rel.startsWith('controls/')) {
      const id = (module.annotations ?? []).some((a) => a.scope === 'package' && a.custom?.id);
      if (!id) add(rel, 1, 'control-metadata', 'no package METADATA block with custom.id');
    }
  }
  return problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

function ensureOpa() {
  const r = spawnSync('bash', [path.join(root, 'scripts/ensure-opa.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('the opa CLI is needed (see scripts/ensure-opa.sh)');
  return r.stdout.trim();
}

/** Runs the lint and prints what it found; returns the number of problems. */
export function runLint(dir = path.join(root, 'policies')) {
  const problems = lintPolicies({ dir, opa: ensureOpa(), ...lintConfig() });
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.rule}: ${p.message}`);
  console.log(`rego-lint: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), dir) || '.'}`);
  return problems.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exit(runLint(process.argv[2] ? path.resolve(process.argv[2]) : undefined) > 0 ? 1 : 0);
  } catch (e) {
    console.error(`rego-lint: ${e.message}`);
    process.exit(2);
  }
}
