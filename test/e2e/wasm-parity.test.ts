import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuiltinBundle } from '../../src/engine/bundle.js';
import { PolicyEngine } from '../../src/engine/engine.js';
import { loadTenant } from '../../src/scan.js';
import { EXAMPLE, ROOT } from '../helpers/cli.js';

// opa test runs Rego with Go's evaluator and every builtin; scans run the WASM module under
// JavaScript builtins (sprintf, for one, is JavaScript's). Both must say the same thing.
describe('WASM bundle and opa eval agree', () => {
  it('gives the same raw result on the example tenant', async () => {
    const opa = path.join(ROOT, '.tools/bin/opa');
    expect(fs.existsSync(opa), 'run `npm run opa:install` (npm test does it) before this test').toBe(true);
    const loaded = await loadTenant([path.join(ROOT, EXAMPLE)]);
    const input = { asOf: 1795996800, asOfIso: '2026-11-30T00:00:00.000Z', params: {} };

    const bundle = readBuiltinBundle();
    const engine = await PolicyEngine.load(bundle);
    await engine.setData({ tenant: loaded.tenant });
    // The scan's path: each control through its own entrypoint; and the bundle's single main entrypoint.
    const wasm = { findings: [] as unknown[], notEvaluated: [] as unknown[] };
    for (const control of bundle.manifest.controls) {
      const r = engine.evaluate(input, control.entrypoint) as typeof wasm;
      wasm.findings.push(...r.findings);
      wasm.notEvaluated.push(...r.notEvaluated);
    }
    const main = engine.evaluate(input) as typeof wasm;

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-parity-'));
    fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ tenant: loaded.tenant }));
    fs.writeFileSync(path.join(dir, 'input.json'), JSON.stringify(input));
    const out = execFileSync(
      opa,
      ['eval', '--format', 'json', '--ignore', '*_test.rego', '-d', 'policies', '-d', path.join(dir, 'data.json'), '-i', path.join(dir, 'input.json'), 'data.shareguard.main.result'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const go = JSON.parse(out).result[0].expressions[0].value as typeof wasm;

    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)])) : v;
    const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(sortKeys(x))).sort();
    expect(wasm.findings.length).toBeGreaterThan(10);
    expect(canonical(wasm.findings)).toEqual(canonical(go.findings));
    expect(canonical(wasm.notEvaluated)).toEqual(canonical(go.notEvaluated));
    expect(canonical(main.findings)).toEqual(canonical(go.findings));
  });
});
