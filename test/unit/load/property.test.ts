import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError, InputErrors } from '../../../src/errors.js';
import { mergeFiles, parseFile, validateParsed } from '../../../src/load/index.js';
import type { MergedExport } from '../../../src/load/types.js';

/** The loader either returns or throws an input error: nothing else escapes, whatever the bytes. */
function pipeline(inputs: { name: string; data: Uint8Array | string }[]): MergedExport | InputError | InputErrors {
  try {
    const parsed = inputs.map((i) => parseFile(i.name, i.data));
    validateParsed(parsed);
    return mergeFiles(parsed);
  } catch (e) {
    if (e instanceof InputError || e instanceof InputErrors) return e;
    throw e;
  }
}

function checkOutcome(outcome: MergedExport | InputError | InputErrors): void {
  if (outcome instanceof InputErrors) {
    expect(outcome.errors.length).toBeGreaterThan(0);
    for (const e of outcome.errors) expect(e).toBeInstanceOf(InputError);
  } else if (outcome instanceof InputError) {
    expect(outcome.message.length).toBeGreaterThan(0);
    if (outcome.position) {
      expect(outcome.position.line).toBeGreaterThanOrEqual(1);
      expect(outcome.position.column).toBeGreaterThanOrEqual(1);
    }
  } else {
    expect(Array.isArray(outcome.files)).toBe(true);
  }
}

const name = fc.constantFrom('export.yaml', 'export.yml', 'export.json');
const RUNS = { numRuns: 300 };

const id = fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor');
const anyValue = fc.jsonValue({ maxDepth: 3 });
const exportLike = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.constant(1), fc.constant(2), fc.constant('1')),
    tenant: fc.oneof(fc.dictionary(fc.constantFrom('id', 'displayName', 'initialDomain', 'cloud', '__proto__'), anyValue), anyValue),
    users: fc.array(fc.record({ id, userPrincipalName: fc.string(), userType: fc.constantFrom('Member', 'Guest', 'guest') }, { requiredKeys: ['id'] })),
    environments: fc.array(fc.record({ id, displayName: fc.string(), type: fc.constantFrom('Default', 'Sandbox'), securityGroupId: fc.option(id) })),
    groups: fc.array(fc.record({ id, displayName: fc.string() })),
    flows: fc.array(fc.record({ id, displayName: fc.string(), environmentId: id, creatorId: id }, { requiredKeys: [] })),
    dlpPolicies: fc.array(fc.record({ id, displayName: fc.string(), environmentType: fc.constant('AllEnvironments'), environments: fc.array(id) })),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe('loader robustness (property-based)', () => {
  it('arbitrary bytes never crash the loader', () => {
    fc.assert(
      fc.property(name, fc.uint8Array({ maxLength: 400 }), (n, bytes) => checkOutcome(pipeline([{ name: n, data: bytes }]))),
      RUNS,
    );
  });

  it('arbitrary strings never crash the loader', () => {
    fc.assert(
      fc.property(name, fc.string({ unit: 'binary', maxLength: 400 }), (n, text) => checkOutcome(pipeline([{ name: n, data: text }]))),
      RUNS,
    );
  });

  it('strings made of syntax characters never crash the loader', () => {
    const syntax = fc.constantFrom(...'{}[]:,"\'\\-&*!|>#%@` \n\t?0aé'.split(''), 'schemaVersion: 1\n', '<<: ', '!!js/function ', '\\u0000');
    fc.assert(
      fc.property(name, fc.array(syntax, { maxLength: 80 }), (n, parts) => checkOutcome(pipeline([{ name: n, data: parts.join('') }]))),
      RUNS,
    );
  });

  it('arbitrary JSON values, written as JSON or YAML, never crash the loader', () => {
    fc.assert(
      fc.property(name, anyValue, (n, value) => {
        const text = n.endsWith('.json') ? JSON.stringify(value) : stringify(value);
        checkOutcome(pipeline([{ name: n, data: text }]));
      }),
      RUNS,
    );
  });

  it('export-like documents across several files never crash the loader', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, exportLike), { minLength: 1, maxLength: 3 }), (files) => {
        const inputs = files.map(([n, value], i) => ({
          name: `${i}-${n}`,
          data: n.endsWith('.json') ? JSON.stringify(value) : stringify(value),
        }));
        const outcome = pipeline(inputs);
        checkOutcome(outcome);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('valid exports split over files of either format always merge, keeping every object', () => {
    const text = fc.string({ maxLength: 12 });
    const valid = fc
      .record({
        envIds: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        userIds: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 8 }),
        flowCount: fc.nat({ max: 6 }),
        names: fc.array(text, { minLength: 20, maxLength: 20 }),
        split: fc.array(fc.nat({ max: 2 }), { minLength: 3, maxLength: 3 }),
        formats: fc.array(name, { minLength: 3, maxLength: 3 }),
      })
      .map(({ envIds, userIds, flowCount, names, split, formats }) => {
        const sections: Record<string, unknown[]> = {
          environments: envIds.map((id, i) => ({ id, displayName: names[i % 20], type: 'Sandbox', securityGroupId: null })),
          users: userIds.map((id, i) => ({ id, userPrincipalName: `${names[i % 20] ?? ''}@x`, userType: i % 2 ? 'Guest' : 'Member' })),
          flows: Array.from({ length: flowCount }, (_, i) => ({
            id: `f${i}`,
            displayName: names[(i + 5) % 20],
            environmentId: envIds[i % envIds.length],
            creatorId: userIds[i] ?? 'deleted-user',
          })),
        };
        const files = formats.map((f, i) => ({ name: `${i}-${f}`, value: { schemaVersion: 1 } as Record<string, unknown> }));
        Object.entries(sections).forEach(([section, items], k) => {
          const target = files[split[k] ?? 0]?.value as Record<string, unknown>;
          target[section] = items;
        });
        return { files, sections };
      });
    fc.assert(
      fc.property(valid, ({ files, sections }) => {
        const outcome = pipeline(files.map((f) => ({ name: f.name, data: f.name.endsWith('.json') ? JSON.stringify(f.value) : stringify(f.value) })));
        if (outcome instanceof Error) throw outcome;
        expect(outcome.environments ?? []).toEqual(sections.environments);
        expect(outcome.users ?? []).toEqual(sections.users);
        expect(outcome.flows ?? []).toEqual(sections.flows);
        for (const env of sections.environments as { id: string }[]) {
          expect(outcome.locations.object('environment', env.id)).toBeDefined();
        }
      }),
      RUNS,
    );
  });

  it('JSON: parseFile agrees with JSON.parse, and locate points at the text of every node', () => {
    const paths = (value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) => {
      out.push(prefix);
      if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
      else if (value !== null && typeof value === 'object') {
        for (const k of Object.keys(value)) paths((value as Record<string, unknown>)[k], [...prefix, k], out);
      }
      return out;
    };
    fc.assert(
      fc.property(anyValue, fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseFile('v.json', text);
        expect(parsed.value).toEqual(JSON.parse(text));
        const lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
        for (const p of paths(value)) {
          let sub: unknown = value;
          for (const k of p) sub = (sub as Record<string | number, unknown>)[k];
          const { line, column } = parsed.locate(p);
          const offset = (lineStarts[line - 1] ?? 0) + column - 1;
          expect(text.startsWith(JSON.stringify(sub, null, indent).split('\n')[0] ?? '', offset)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('JSON: text that JSON.parse rejects is always an input error with a position', () => {
    fc.assert(
      fc.property(anyValue, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\u0001'), (value, at, junk) => {
        const good = JSON.stringify(value);
        const cut = at % (good.length + 1);
        const text = good.slice(0, cut) + junk + good.slice(cut + (junk === '' ? 1 : 0));
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        const outcome = (() => {
          try {
            return parseFile('t.json', text);
          } catch (e) {
            return e;
          }
        })();
        if (ok) return; // still valid JSON (or a duplicate key): covered elsewhere
        expect(outcome).toBeInstanceOf(InputError);
        const position = (outcome as InputError).position;
        expect(position?.line).toBe(1);
        expect(position?.column).toBeGreaterThanOrEqual(1);
        expect(position?.column).toBeLessThanOrEqual(text.length + 1);
      }),
      RUNS,
    );
  });
});
