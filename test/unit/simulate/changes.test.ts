import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../src/schema/ajv.js';
import { changesSchema, loadChanges } from '../../../src/simulate/changes.js';
import { messages } from './tenant.js';

const F = 'test/fixtures/simulate/';

describe('changes.schema.json', () => {
  it('compiles under ajv strict mode and has the published $id', () => {
    const schema = changesSchema();
    expect(schema.$id).toBe('https://shareguard.dev/schemas/changes.schema.json');
    expect(() => compileSchema(schema)).not.toThrow();
  });

  it('accepts every example change file', () => {
    const validate = compileSchema(changesSchema());
    for (const name of ['onboard-vendor', 'risky-pr', 'refused']) {
      const parsed = loadChanges(`examples/changes/${name}.yaml`);
      expect(validate({ schemaVersion: 1, changes: parsed.changes }), name).toBe(true);
    }
  });
});

describe('loadChanges', () => {
  it('loads a valid file with positions', () => {
    const parsed = loadChanges(`${F}all-actions.yaml`);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.changes).toHaveLength(14);
    expect(parsed.changes[0]).toMatchObject({ action: 'invite', email: 'Eve@Partner.example' });
    expect(parsed.locate(['changes', 1, 'user'])).toEqual({ file: `${F}all-actions.yaml`, line: 10, column: 11 });
  });

  it('reports an unknown action at the action, listing the actions', () => {
    expect(messages(() => loadChanges(`${F}unknown-action.yaml`))).toEqual([
      `${F}unknown-action.yaml:6:13: change 1: action must be one of "invite", "redeem", "share-flow", "unshare-flow", "add-group-member", "assign-environment-role", "share-site", "set" (got "share")`,
    ]);
  });

  it('reports a missing field at the change and a misspelt field at its key', () => {
    expect(messages(() => loadChanges(`${F}missing-field.yaml`))).toEqual([
      `${F}missing-field.yaml:9:5: change 2 (share-flow): missing required property "flow"`,
      `${F}missing-field.yaml:16:5: change 3 (add-group-member): unknown property "memebr"`,
    ]);
  });

  it('reads JSON change files with positions too', () => {
    expect(messages(() => loadChanges(`${F}bad-schema-values.json`))).toEqual([
      `${F}bad-schema-values.json:4:131: change 0 (share-flow): role must be one of "owner", "run-only", "copy" (got "editor")`,
    ]);
  });


  it('checks the envelope and the role enum of unshare-flow', () => {
    expect(messages(() => loadChanges(`${F}bad-envelope.yaml`))).toEqual([
      `${F}bad-envelope.yaml:1:16: schemaVersion must be 1 (got 2)`,
      `${F}bad-envelope.yaml:7:11: change 0 (unshare-flow): role must be one of "owner", "run-only" (got "copy")`,
      `${F}bad-envelope.yaml:8:1: the change file has unknown property "extra"`,
    ]);
  });

  it('reports an unreadable file', () => {
    expect(() => loadChanges(`${F}no-such-file.yaml`)).toThrow(`${F}no-such-file.yaml: cannot read the file (no such file or directory)`);
  });
});
