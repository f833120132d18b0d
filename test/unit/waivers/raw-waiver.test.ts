import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RAW_WAIVER_FIELDS } from '../../../src/waivers/load.js';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('../../../schemas/waivers.schema.json', import.meta.url), 'utf8')) as Schema;
const waiver = (schema.$defs as Record<string, Schema>).waiver!;

describe('the waiver type and its schema', () => {
  it('name the same fields', () => {
    expect(Object.keys(RAW_WAIVER_FIELDS.all).sort()).toEqual(Object.keys(waiver.properties as Schema).sort());
  });

  it('require the same fields', () => {
    expect(Object.keys(RAW_WAIVER_FIELDS.required).sort()).toEqual([...(waiver.required as string[])].sort());
  });
});
