import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControlMetadata } from '../../src/engine/bundle.js';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, ROOT, runCli } from '../helpers/cli.js';

const controls = (JSON.parse(fs.readFileSync(path.join(ROOT, 'bundle/manifest.json'), 'utf8')) as { controls: ControlMetadata[] }).controls;

function scanJson(dir: string): { code: number; result: ScanResult } {
  const r = runCli(['scan', dir, '--as-of', AS_OF, '-o', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, result: JSON.parse(r.stdout) as ScanResult };
}

// A control that silently stops firing (a typo in a field name, a builtin the WASM runtime lacks, a
// condition that can never hold) fails here: every control must fire on the planted example and
// none on the well-governed one.
describe('control coverage on the examples', () => {
  it('the catalogue has all 49 built-in controls', () => {
    expect(controls).toHaveLength(49);
    expect(new Set(controls.map((c) => c.id)).size).toBe(49);
  });

  it('every control fires at least once on examples/contoso, and everything is evaluated', () => {
    const { code, result } = scanJson('examples/contoso');
    expect(code).toBe(1);
    const fired = new Set(result.findings.map((f) => f.controlId));
    expect(controls.map((c) => c.id).filter((id) => !fired.has(id))).toEqual([]);
    expect(result.summary.notEvaluated).toEqual([]);
  });

  it('no control fires on examples/clean, and nothing is left unevaluated', () => {
    const { code, result } = scanJson('examples/clean');
    expect(result.findings.map((f) => `${f.controlId}: ${f.message}`)).toEqual([]);
    expect(result.summary.notEvaluated).toEqual([]);
    expect(result.summary.unknownPrincipals).toBe(0);
    expect(code).toBe(0);
  });
});
