import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeFiles, parseFile, validateParsed } from '../../../src/load/index.js';
import { defineOwn, safeShallowCopy } from '../../../src/document/safe-object.js';
import { FIXTURES } from './helpers.js';

const polluted = () => (({}) as Record<string, unknown>).polluted;

describe('prototype pollution', () => {
  afterEach(() => {
    expect(polluted()).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  for (const name of ['proto.json', 'proto.yaml']) {
    it(`${name}: __proto__ and constructor keys stay plain own data`, () => {
      const parsed = parseFile(name, readFileSync(path.join(FIXTURES, 'bad', name)));
      validateParsed([parsed]);
      const merged = mergeFiles([parsed]);
      expect(polluted()).toBeUndefined();
      const tenant = merged.tenant as Record<string, unknown>;
      expect(Object.getPrototypeOf(tenant)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(tenant, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(tenant, '__proto__')?.value).toEqual({ polluted: true });
      expect(tenant.polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(tenant, 'constructor')).toBe(true);
      expect(tenant.id).toBe('t-1');
      const root = parsed.value as Record<string, unknown>;
      expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
      expect(root.polluted).toBeUndefined();
      for (const user of merged.users ?? []) expect(user.polluted).toBeUndefined();
    });
  }

  it('defineOwn and safeShallowCopy never set a prototype', () => {
    const target: Record<string, unknown> = {};
    defineOwn(target, '__proto__', { polluted: true });
    expect(target.polluted).toBeUndefined();
    const copy = safeShallowCopy(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>);
    expect(copy.polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  });
});
