import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControlMetadata } from '../../src/engine/bundle.js';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, CLI, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

const exampleAbs = path.join(ROOT, EXAMPLE);

function scanWithConfig(config: string, viaCwd = false): { code: number; stderr: string; result?: ScanResult } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cfg-'));
  fs.writeFileSync(path.join(dir, 'shareguard.yaml'), config);
  const args = [CLI, 'scan', exampleAbs, '--as-of', AS_OF, '-o', 'json', ...(viaCwd ? [] : ['--config', path.join(dir, 'shareguard.yaml')])];
  const r = spawnSync(process.execPath, args, { cwd: viaCwd ? dir : ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stderr: r.stderr, ...(r.stdout ? { result: JSON.parse(r.stdout) as ScanResult } : {}) };
}

describe('configuration', () => {
  it('turns a control off, overrides a severity and sets a parameter', () => {
    const { code, result } = scanWithConfig(
      'schemaVersion: 1\ncontrols:\n  SG-FLOW-02:\n    enabled: false\n  SG-COLLAB-03:\n    severity: low\n  SG-GUEST-01:\n    params:\n      pendingInvitationDays: 100\n',
    );
    expect(code).toBe(1);
    const ids = result!.findings.map((f) => f.controlId);
    expect(ids).not.toContain('SG-FLOW-02');
    expect(result!.findings.filter((f) => f.controlId === 'SG-COLLAB-03').map((f) => f.severity)).toEqual(['low']);
    // Only Nadia Petrova's invitation (172 days) is older than 100 days.
    expect(result!.findings.filter((f) => f.controlId === 'SG-GUEST-01').map((f) => f.resource.displayName)).toEqual(['Nadia Petrova']);
  });

  it('is found as shareguard.yaml in the working directory', () => {
    const { result } = scanWithConfig('schemaVersion: 1\ncontrols:\n  SG-FLOW-01:\n    enabled: false\n', true);
    expect(result!.findings.map((f) => f.controlId)).not.toContain('SG-FLOW-01');
  });

  it('a bad config is exit 2 with file:line:col and nothing on stdout', () => {
    const { code, stderr, result } = scanWithConfig('schemaVersion: 1\ncontrols:\n  SG-NOPE-01:\n    enabled: false\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/shareguard\.yaml:3:3: controls has unknown property "SG-NOPE-01"/);
    expect(result).toBeUndefined();
  });
});

describe('shareguard controls', () => {
  it('lists every control in the bundle with id, severity and title', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'bundle/manifest.json'), 'utf8')) as { controls: ControlMetadata[] };
    const text = runCli(['controls']);
    expect(text.code).toBe(0);
    for (const c of manifest.controls) expect(text.stdout).toMatch(new RegExp(`^${c.id}\\s+${c.severity}\\s+${c.title.trim().replace(/[()]/g, '\\$&')}$`, 'm'));
    const json = JSON.parse(runCli(['controls', '--output', 'json']).stdout) as ControlMetadata[];
    expect(json.map((c) => c.id)).toEqual(manifest.controls.map((c) => c.id));
    expect(json.every((c) => c.remediation && c.description && c.severity)).toBe(true);
  });

  it('docs/controls.md documents every control', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/controls.md'), 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'bundle/manifest.json'), 'utf8')) as { controls: ControlMetadata[] };
    for (const c of manifest.controls) expect(doc).toContain(`### ${c.id} `);
  });
});
