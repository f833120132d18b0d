import { readFileSync } from 'node:fs';
import { SETTABLE_SETTINGS, type SettingPath } from './description.js';

type Schema = Record<string, unknown>;

/** schemas/tenant.schema.json (the same relative place from src/ and dist/), read once when first needed. */
const TENANT_SCHEMA_URL = new URL('../../schemas/tenant.schema.json', import.meta.url);
let tenantSchema: Schema | undefined;
function readTenantSchema(): Schema {
  return (tenantSchema ??= JSON.parse(readFileSync(TENANT_SCHEMA_URL, 'utf8')) as Schema);
}

/**
 * The JSON pointer, in schemas/tenant.schema.json, of the definition of the setting at a dotted path: the
 * walk goes from the root's properties through `$ref`s, one `properties` step per path segment. Throws
 * when the path names nothing the schema describes (a description and a schema that drifted apart).
 */
export function settingPointer(path: string, schema: Schema = readTenantSchema()): string {
  let pointer = '#';
  let node = schema;
  for (const key of path.split('.')) {
    ({ pointer, node } = followRefs(pointer, node, schema));
    const properties = node.properties as Record<string, Schema> | undefined;
    if (!properties || !Object.hasOwn(properties, key)) throw new Error(`tenant.schema.json describes no setting ${path} (no property ${key} at ${pointer})`);
    pointer = `${pointer}/properties/${escapePointer(key)}`;
    node = properties[key]!;
  }
  return followRefs(pointer, node, schema).pointer;
}

/**
 * The value schema of a settable setting: its definition in the tenant schema with null taken out (null
 * means "not known" in an export; a change always gives a value), only the validating keywords kept, and
 * two rules for a value a person writes: an object value carries no field the model does not describe
 * (additionalProperties false) plus the description's `required` ones, and a list of names holds no empty
 * name (minLength 1 on string items without an enum).
 */
export function settingSchema(path: SettingPath, schema: Schema = readTenantSchema()): Schema {
  const setting = SETTABLE_SETTINGS.find((s) => s.path === path);
  if (!setting) throw new Error(`${path} is not a settable setting`);
  const value = newValueSchema(resolve(settingPointer(path, schema), schema), schema, false);
  if ('required' in setting) value.required = [...setting.required];
  return value;
}

/** Every settable setting's value schema, in the description's order. */
export function settingSchemas(schema: Schema = readTenantSchema()): Record<SettingPath, Schema> {
  return Object.fromEntries(SETTABLE_SETTINGS.map((s) => [s.path, settingSchema(s.path, schema)])) as Record<SettingPath, Schema>;
}

function newValueSchema(node: Schema, root: Schema, listItem: boolean): Schema {
  node = followRefs('#', node, root).node;
  const out: Schema = {};
  const type = node.type;
  if (Array.isArray(type)) {
    const types = type.filter((t) => t !== 'null');
    out.type = types.length === 1 ? types[0] : types;
  } else if (type !== undefined) out.type = type;
  if (Array.isArray(node.enum)) out.enum = node.enum.filter((v) => v !== null);
  if (out.type === 'string' && listItem && !out.enum) out.minLength = 1;
  if (node.properties) {
    out.additionalProperties = false;
    out.properties = Object.fromEntries(Object.entries(node.properties as Record<string, Schema>).map(([k, v]) => [k, newValueSchema(v, root, false)]));
  }
  if (node.items) out.items = newValueSchema(node.items as Schema, root, true);
  return out;
}

function followRefs(pointer: string, node: Schema, root: Schema): { pointer: string; node: Schema } {
  for (let hops = 0; typeof node.$ref === 'string'; hops++) {
    if (hops > 16) throw new Error(`tenant.schema.json: $ref loop at ${pointer}`);
    pointer = node.$ref;
    node = resolve(pointer, root);
  }
  return { pointer, node };
}

/** The node at a local JSON pointer (`#/...`). */
export function resolve(pointer: string, root: Schema): Schema {
  if (!pointer.startsWith('#')) throw new Error(`not a local JSON pointer: ${pointer}`);
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) throw new Error(`tenant.schema.json: ${pointer} resolves to nothing`);
    node = (node as Schema)[key];
  }
  return node as Schema;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
