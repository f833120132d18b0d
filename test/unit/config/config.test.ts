import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadConfig } from '../../../src/config/config.js';
import { buildConfigSchema } from '../../../src/config/schema.js';
import { readBuiltinBundle } from '../../../src/engine/bundle.js';
import { UsageError } from '../../../src/errors.js';
import { messages } from '../../helpers/errors.js';

const controls = readBuiltinBundle().manifest.controls;

function configFile(text: string, name = 'shareguard.yaml'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-config-'));
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}


describe('loadConfig', () => {
  it('resolves per-control settings and parameters', () => {
    const file = configFile(
      'schemaVersion: 1\ncontrols:\n  SG-GUEST-01:\n    severity: high\n    params:\n      pendingInvitationDays: 14\n  SG-COLLAB-03:\n    enabled: false\n',
    );
    expect(loadConfig(file, controls)).toEqual({
      file,
      params: { 'SG-GUEST-01': { pendingInvitationDays: 14 } },
      controls: { 'SG-GUEST-01': { severity: 'high' }, 'SG-COLLAB-03': { enabled: false } },
    });
  });

  it('gives a shared parameter to every control that declares it; a control\'s own value wins', () => {
    const withShared = [
      ...controls,
      { ...controls[0]!, id: 'SG-TEST-01', params: { sensitiveGroupPatterns: ['x'] } },
      { ...controls[0]!, id: 'SG-TEST-02', params: { sensitiveGroupPatterns: ['x'] } },
    ];
    const file = configFile(
      "schemaVersion: 1\nparams:\n  sensitiveGroupPatterns: ['\\bsecret\\b']\ncontrols:\n  SG-TEST-02:\n    params:\n      sensitiveGroupPatterns: [board]\n",
    );
    const config = loadConfig(file, withShared);
    expect(config.params['SG-TEST-01']).toEqual({ sensitiveGroupPatterns: ['\\bsecret\\b'] });
    expect(config.params['SG-TEST-02']).toEqual({ sensitiveGroupPatterns: ['board'] });
  });

  it('rejects an unknown control id at its line', () => {
    const file = configFile('schemaVersion: 1\ncontrols:\n  SG-GUEST-99:\n    enabled: false\n');
    expect(messages(() => loadConfig(file, controls))).toEqual([`${file}:3:3: controls has unknown property "SG-GUEST-99"`]);
  });

  it('rejects a wrong parameter type, a negative day count and an unknown parameter', () => {
    const file = configFile(
      'schemaVersion: 1\ncontrols:\n  SG-GUEST-01:\n    params:\n      pendingInvitationDays: -5\n  SG-COLLAB-02:\n    params:\n      allowedValues: everyone\n  SG-FLOW-01:\n    params:\n      maxOwners: 3\n',
    );
    const errors = messages(() => loadConfig(file, controls));
    expect(errors).toContain(`${file}:5:30: controls["SG-GUEST-01"].params.pendingInvitationDays must be at least 0 (got -5)`);
    expect(errors).toContain(`${file}:8:22: controls["SG-COLLAB-02"].params.allowedValues must be array (got the string "everyone")`);
    expect(errors).toContain(`${file}:11:7: controls["SG-FLOW-01"].params has unknown property "maxOwners"`);
  });

  it('rejects an unknown severity and a missing schemaVersion', () => {
    const file = configFile('controls:\n  SG-FLOW-01:\n    severity: urgent\n');
    const errors = messages(() => loadConfig(file, controls));
    expect(errors.some((e) => e.startsWith(`${file}:1:1: `) && e.includes('"schemaVersion"'))).toBe(true);
    expect(errors.some((e) => e.startsWith(`${file}:3:15: `) && e.includes('"critical", "high"'))).toBe(true);
  });

  it('reports malformed YAML with its position', () => {
    const file = configFile('schemaVersion: 1\ncontrols: [\n');
    expect(() => loadConfig(file, controls)).toThrow(/shareguard\.yaml:\d+:\d+: /);
  });
});

describe('findConfig', () => {
  it('finds shareguard.yaml in the working directory, or none', () => {
    const file = configFile('schemaVersion: 1\n');
    expect(findConfig(undefined, path.dirname(file))).toBe('shareguard.yaml');
    expect(findConfig(undefined, os.tmpdir() + '/does-not-exist')).toBeUndefined();
  });

  it('requires an explicitly named file to exist', () => {
    expect(() => findConfig('nope.yaml', os.tmpdir())).toThrow(UsageError);
  });
});

describe('buildConfigSchema', () => {
  it('lists every control and derives parameter schemas from their defaults', () => {
    const schema = buildConfigSchema(controls) as { properties: { controls: { properties: Record<string, { properties: { params: { properties: Record<string, unknown> } } }> } } };
    expect(Object.keys(schema.properties.controls.properties).sort()).toEqual(controls.map((c) => c.id).sort());
    expect(schema.properties.controls.properties['SG-GUEST-01']!.properties.params.properties.pendingInvitationDays).toMatchObject({ type: 'integer', minimum: 0, default: 30 });
  });
});

describe('the published config schema (for editors)', () => {
  it('accepts settings for your own controls and shared parameters it does not know, but no unknown SG- id', async () => {
    const { compileSchema } = await import('../../../src/schema/ajv.js');
    const published = JSON.parse(fs.readFileSync('schemas/config.schema.json', 'utf8')) as Record<string, unknown>;
    expect(published).toEqual(JSON.parse(JSON.stringify(buildConfigSchema(controls, { forEditors: true }))));
    const validate = compileSchema(published);
    const custom = { schemaVersion: 1, params: { competitorDomains: ['fabrikam.com'] }, controls: { 'CONTOSO-FIN-01': { severity: 'high', params: { financeEnvironmentPatterns: ['^Finance'] } } } };
    expect(validate(custom)).toBe(true);
    expect(validate({ schemaVersion: 1, controls: { 'SG-GUEST-99': { enabled: false } } })).toBe(false);
    expect(validate({ schemaVersion: 1, controls: { 'CONTOSO-FIN-01': { colour: 'red' } } })).toBe(false);
    // At run time the schema is built from the controls really loaded: an id nobody defines is an error.
    expect(compileSchema(buildConfigSchema(controls))(custom)).toBe(false);
  });
});
