import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './cli.js';

export const GOLDEN_DIR = path.join(ROOT, 'test/fixtures/golden');

/**
 * Compares a report with its golden file under test/fixtures/golden. With UPDATE_GOLDEN=1 the file is written
 * instead (see test/fixtures/golden/README.md), and the test still compares, so a run that regenerates passes.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  if (!fs.existsSync(file)) throw new Error(`no golden file ${path.relative(ROOT, file)}: run with UPDATE_GOLDEN=1 to create it`);
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 regenerates it; review the diff)`).toBe(fs.readFileSync(file, 'utf8'));
}
