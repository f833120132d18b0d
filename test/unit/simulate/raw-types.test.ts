import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_ACTIONS,
  ENVIRONMENT_ROLES,
  SHARE_ROLES,
  UNSHARE_ROLES,
  USER_TYPES,
} from '../../../src/simulate/types.js';
import { RAW_CHANGE_FIELDS } from '../../../src/simulate/raw-fields.js';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('../../../schemas/changes.schema.json', import.meta.url), 'utf8')) as Schema;
const defs = schema.$defs as Record<string, Schema>;

const RAW = RAW_CHANGE_FIELDS;

const enumOf = (action: string, field: string) => ((defs[action]!.properties as Record<string, Schema>)[field]!.enum as unknown[]) ?? [];

describe('raw change types against changes.schema.json', () => {
  it('name every action the schema has, in its order', () => {
    const change = defs.change!.properties as Record<string, Schema>;
    expect(CHANGE_ACTIONS).toEqual(change.action!.enum);
    expect(Object.keys(RAW).sort()).toEqual([...CHANGE_ACTIONS].sort());
  });

  for (const action of CHANGE_ACTIONS) {
    it(`${action}: the same fields, required or not`, () => {
      const def = defs[action]!;
      expect(Object.keys(RAW[action].all).sort()).toEqual(Object.keys(def.properties as Schema).sort());
      expect(Object.keys(RAW[action].required).sort()).toEqual([...(def.required as string[])].sort());
    });
  }

  it('the same allowed values', () => {
    expect(USER_TYPES).toEqual(enumOf('invite', 'userType'));
    expect(SHARE_ROLES).toEqual(enumOf('share-flow', 'role'));
    expect(UNSHARE_ROLES).toEqual(enumOf('unshare-flow', 'role'));
    expect(ENVIRONMENT_ROLES).toEqual(enumOf('assign-environment-role', 'role'));
  });
});
