#!/usr/bin/env node
// Re-creates test/fixtures/sarif/sarif-schema-2.1.0.json, the SARIF 2.1.0 JSON Schema that the SARIF
// formatter's tests validate against, from the npm package of Microsoft's SARIF SDK multitool, which ships it as
// package/sarif-2.1.0.json. See test/fixtures/sarif/SOURCE.md for why this copy.
//
//   node scripts/vendor-sarif-schema.mjs        (downloads a ~45 MB tarball once, keeps one file)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@microsoft/sarif-multitool-linux@5.7.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-schema-'));
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir, 'package/sarif-2.1.0.json']);
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'package/sarif-2.1.0.json'), 'utf8'));
  if (!/SARIF\) Version 2\.1\.0 JSON Schema$/.test(schema.title) || schema.definitions?.suppression?.properties?.status === undefined) {
    throw new Error(`${PACKAGE}: package/sarif-2.1.0.json is not the SARIF 2.1.0 schema this script expects`);
  }
  fs.copyFileSync(path.join(dir, 'package/sarif-2.1.0.json'), target);
  console.log(`wrote ${path.relative(root, target)} from ${PACKAGE}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
