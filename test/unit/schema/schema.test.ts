import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LIST_SECTIONS, OBJECT_SECTIONS } from '../../../src/load/types.js';
import { tenantSchema, TENANT_SCHEMA_URL } from '../../../src/schema/validate.js';

type Schema = Record<string, unknown>;
const schema = tenantSchema() as Schema;
const defs = schema.$defs as Record<string, Schema>;

function resolve(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  const target = defs[ref.replace('#/$defs/', '')];
  if (!target) throw new Error(`dangling $ref ${ref}`);
  return { ...target, ...s };
}

/** Every (path, property schema) pair reachable from the root, through $refs, arrays and nested objects. */
function properties(s: Schema, at: string, seen = new Set<Schema>()): [string, Schema][] {
  const resolved = resolve(s);
  if (seen.has(resolved)) return [];
  seen.add(resolved);
  const out: [string, Schema][] = [];
  for (const [key, sub] of Object.entries((resolved.properties ?? {}) as Record<string, Schema | boolean>)) {
    if (typeof sub !== 'object') continue;
    out.push([`${at}.${key}`, sub], ...properties(sub, `${at}.${key}`, seen));
  }
  const items = resolved.items as Schema | undefined;
  if (items) out.push(...properties(items, `${at}[]`, seen));
  return out;
}

describe('tenant.schema.json', () => {
  it('is where the validator looks for it, with the published $id and draft 2020-12', () => {
    expect(fileURLToPath(TENANT_SCHEMA_URL)).toBe(fileURLToPath(new URL('../../../schemas/tenant.schema.json', import.meta.url)));
    expect(schema.$id).toBe('https://shareguard.dev/schemas/tenant.schema.json');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('compiles under ajv strict mode', () => {
    const ajv = new Ajv2020Module.default({ strict: true, allErrors: true, allowUnionTypes: true });
    ajvFormatsModule.default(ajv);
    expect(() => ajv.compile(JSON.parse(readFileSync(TENANT_SCHEMA_URL, 'utf8')) as Schema)).not.toThrow();
  });

  it('declares every section, requires only schemaVersion, and pins it to 1', () => {
    const props = schema.properties as Record<string, Schema>;
    // collection: what shareguard import / collect could not read (not a section of tenant data).
    expect(Object.keys(props).sort()).toEqual(['schemaVersion', ...LIST_SECTIONS, ...OBJECT_SECTIONS, 'collection'].sort());
    expect(schema.required).toEqual(['schemaVersion']);
    expect(props.schemaVersion?.const).toBe(1);
  });

  it('never forbids unknown fields', () => {
    expect(JSON.stringify(schema)).not.toContain('additionalProperties');
    expect(JSON.stringify(schema)).not.toContain('unevaluatedProperties');
  });

  it('describes every property (directly or through its $ref)', () => {
    const all = properties(schema, '$');
    expect(all.length).toBeGreaterThan(100);
    const missing = all.filter(([, s]) => typeof resolve(s).description !== 'string').map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('makes every optional field nullable and every required one non-nullable', () => {
    const offenders: string[] = [];
    const visit = (s: Schema, at: string, seen: Set<Schema>) => {
      const r = resolve(s);
      if (seen.has(r)) return;
      seen.add(r);
      const required = new Set((r.required ?? []) as string[]);
      for (const [key, sub] of Object.entries((r.properties ?? {}) as Record<string, Schema | boolean>)) {
        if (typeof sub !== 'object' || (at === '$' && key !== 'schemaVersion')) {
          if (typeof sub === 'object') visit(sub, `${at}.${key}`, seen);
          continue;
        }
        const type = resolve(sub).type;
        const nullable = Array.isArray(type) && type.includes('null');
        if (key !== 'schemaVersion' && required.has(key) === nullable) offenders.push(`${at}.${key}`);
        visit(sub, `${at}.${key}`, seen);
      }
      if (r.items) visit(r.items as Schema, `${at}[]`, seen);
    };
    visit(schema, '$', new Set());
    expect(offenders).toEqual([]);
  });

  it('spells the required fields and enums of the model', () => {
    expect(defs.tenant?.required).toEqual(['id', 'displayName', 'initialDomain']);
    expect(defs.user?.required).toEqual(['id', 'userPrincipalName', 'userType']);
    expect(defs.group?.required).toEqual(['id', 'displayName']);
    expect(defs.environment?.required).toEqual(['id', 'displayName', 'type']);
    expect(defs.dlpPolicy?.required).toEqual(['id', 'displayName', 'environmentType']);
    expect(defs.flow?.required).toEqual(['id', 'displayName', 'environmentId', 'creatorId']);
    expect(defs.app?.required).toEqual(['id', 'displayName', 'environmentId', 'ownerId']);
    const enumOf = (def: string, prop: string) => ((defs[def]?.properties as Record<string, Schema>)[prop]?.enum as unknown[]).filter((v) => v !== null);
    expect(enumOf('tenant', 'cloud')).toEqual(['Commercial', 'GCC', 'GCCHigh', 'DoD', 'China']);
    expect(enumOf('environment', 'type')).toEqual(['Default', 'Production', 'Sandbox', 'Developer', 'Trial', 'Teams']);
    expect(enumOf('roleAssignment', 'role')).toEqual(['EnvironmentAdmin', 'EnvironmentMaker', 'SystemAdministrator', 'SystemCustomizer', 'BasicUser']);
    expect(enumOf('externalCollaboration', 'allowInvitesFrom')).toEqual(['everyone', 'adminsGuestInvitersAndAllMembers', 'adminsAndGuestInviters', 'none']);
    expect(enumOf('flowPrincipal', 'principalType')).toEqual(['User', 'Group', 'SharePointList']);
    expect(enumOf('connectionReference', 'runtimeSource')).toEqual(['embedded', 'invoker']);
    expect(enumOf('flowTrigger', 'kind')).toEqual(['instant', 'automated', 'scheduled']);
    expect(enumOf('appShare', 'role')).toEqual(['CanView', 'CanEdit']);
  });

  it('marks every time field as a date-time', () => {
    const times = properties(schema, '$').filter(([p]) => /(DateTime|At)$/.test(p));
    expect(times.map(([p]) => p).sort()).toEqual(
      ['$.collection.collectedAt', '$.flows[].sharedCopies[].sentAt', '$.sites[].sharingLinks[].expirationDateTime', '$.tenant.exportedAt', '$.users[].createdDateTime', '$.users[].externalUserStateChangeDateTime', '$.users[].lastSignInDateTime'].sort(),
    );
    for (const [, s] of times) expect(resolve(s).format).toBe('date-time');
  });
});
