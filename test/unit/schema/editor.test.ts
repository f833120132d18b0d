import fs from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

// Editors validate and complete a file when it names its schema: YAML through a yaml-language-server comment
// on its first line, JSON through a "$schema" key. Every example names the right one, by a path that resolves.
const examples = fs
  .readdirSync(path.join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => path.join('examples', f))
  .sort();

/** The schema a file should name. */
function schemaFor(file: string): string | undefined {
  if (file === path.join('examples', 'policies', 'shareguard.yaml')) return undefined; // config of custom controls: the published config schema lists the built-in ones only
  if (file.startsWith(path.join('examples', 'changes'))) return 'changes.schema.json';
  if (path.basename(file) === 'waivers.yaml') return 'waivers.schema.json';
  if (path.basename(file) === 'expected.yaml') return 'policy-test.schema.json';
  return 'tenant.schema.json';
}

function namedSchema(file: string): string | undefined {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  if (file.endsWith('.json')) return (JSON.parse(text) as { $schema?: string }).$schema;
  return /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
}

describe('schemas for editors', () => {
  it('every example export, change file, waivers file and example test names its schema', () => {
    expect(examples.length).toBeGreaterThan(25);
    const wrong = examples
      .filter((f) => schemaFor(f) !== undefined)
      .map((f) => {
        const named = namedSchema(f);
        const resolved = named ? path.relative(ROOT, path.resolve(ROOT, path.dirname(f), named)) : undefined;
        return { file: f, named: resolved };
      })
      .filter(({ file, named }) => named !== path.join('schemas', schemaFor(file)!));
    expect(wrong).toEqual([]);
  });

  it('the tenant schema has its $id, and a title on itself and on every definition', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/tenant.schema.json'), 'utf8')) as { $id: string; title: string; $defs: Record<string, { title?: string }> };
    expect(schema.$id).toBe('https://shareguard.dev/schemas/tenant.schema.json');
    expect(schema.title).toMatch(/tenant export/);
    expect(Object.entries(schema.$defs).filter(([, d]) => typeof d.title !== 'string').map(([k]) => k)).toEqual([]);
  });

  it('the example-test schema compiles in strict mode and describes every property', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/policy-test.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(schema.$id).toBe('https://shareguard.dev/schemas/policy-test.schema.json');
    const ajv = new Ajv2020Module.default({ strict: true, allErrors: true });
    ajvFormatsModule.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate({ schemaVersion: 1, asOf: '2026-11-30T00:00:00Z', findings: [{ control: 'A-1', resource: 'r' }] })).toBe(true);
    expect(validate({ schemaVersion: 1, asOf: '2026-11-30T00:00:00Z', findings: [{ control: 'A-1' }] })).toBe(false);
    const props = schema.properties as Record<string, { description?: string }>;
    expect(Object.entries(props).filter(([, p]) => typeof p.description !== 'string').map(([k]) => k)).toEqual([]);
  });
});
