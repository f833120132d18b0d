import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  flowRoleFields,
  isTimeField,
  KIND_OF_SECTION,
  LABEL_OF_SECTION,
  LIST_SECTIONS,
  OBJECT_SECTIONS,
  referenceReader,
  SECTIONS,
  SETTABLE_SETTINGS,
  SETTING_PATHS,
} from '../../../src/tenant-model/description.js';
import { resolve, settingPointer, settingSchemas } from '../../../src/tenant-model/settable.js';

type Schema = Record<string, unknown>;
const tenantSchema = JSON.parse(readFileSync(new URL('../../../schemas/tenant.schema.json', import.meta.url), 'utf8')) as Schema;
const CHANGES_SCHEMA = new URL('../../../schemas/changes.schema.json', import.meta.url);
const changesSchema = JSON.parse(readFileSync(CHANGES_SCHEMA, 'utf8')) as Schema;

/** Follows $refs in the tenant schema. */
function deref(node: Schema): Schema {
  while (typeof node.$ref === 'string') node = resolve(node.$ref, tenantSchema);
  return node;
}

/** The schema node a reference path leads to in one object's definition, or undefined when it names nothing. */
function fieldAt(definition: Schema, path: string): Schema | undefined {
  let node: Schema | undefined = deref(definition);
  for (const step of path.split('.')) {
    const list = step.endsWith('[]');
    const key = list ? step.slice(0, -2) : step;
    const properties = deref(node!).properties as Record<string, Schema> | undefined;
    node = properties?.[key];
    if (!node) return undefined;
    if (list) {
      const items = deref(node).items as Schema | undefined;
      if (!items) return undefined;
      node = deref(items);
    }
  }
  return node;
}

describe('model description', () => {
  it('describes exactly the sections of tenant.schema.json, lists as lists and settings as objects', () => {
    const properties = tenantSchema.properties as Record<string, Schema>;
    const schemaSections = Object.keys(properties).filter((k) => k !== 'schemaVersion' && k !== 'collection');
    expect(SECTIONS.map((s) => s.name).sort()).toEqual(schemaSections.sort());
    for (const section of SECTIONS) {
      const property = properties[section.name]!;
      if (section.list) {
        expect(property.type, section.name).toBe('array');
        expect((property.items as Schema).$ref, section.name).toBe(section.schema);
      } else {
        expect(property.$ref, section.name).toBe(section.schema);
        expect(deref(property).type, section.name).toBe('object');
      }
    }
  });

  it('gives the section lists and kinds the code listed by hand before (load/types.ts)', () => {
    // Sections added later may come anywhere; the former ones keep their order, kinds and labels.
    const lists = ['users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps'];
    const objects = ['tenant', 'externalCollaboration', 'powerPlatform'];
    expect(LIST_SECTIONS.filter((s) => lists.includes(s))).toEqual(lists);
    expect(OBJECT_SECTIONS.filter((s) => objects.includes(s))).toEqual(objects);
    const kinds = { users: 'user', groups: 'group', environments: 'environment', dlpPolicies: 'dlpPolicy', flows: 'flow', apps: 'app' };
    const labels = { users: 'user', groups: 'group', environments: 'environment', dlpPolicies: 'DLP policy', flows: 'flow', apps: 'app' };
    for (const [section, kind] of Object.entries(kinds)) expect(KIND_OF_SECTION[section as keyof typeof KIND_OF_SECTION]).toBe(kind);
    for (const [section, label] of Object.entries(labels)) expect(LABEL_OF_SECTION[section as keyof typeof LABEL_OF_SECTION]).toBe(label);
    expect(new Set(Object.values(KIND_OF_SECTION)).size).toBe(LIST_SECTIONS.length);
  });

  it('names only reference fields the schema describes, ids being strings', () => {
    for (const section of SECTIONS) {
      if (!section.list) continue;
      const definition = resolve(section.schema, tenantSchema);
      expect(fieldAt(definition, section.id), `${section.name}.${section.id}`).toBeDefined();
      for (const ref of section.references) {
        const field = fieldAt(definition, ref.path);
        expect(field, `${section.name}.${ref.path}`).toBeDefined();
        const type = deref(field!).type;
        expect([type].flat(), `${section.name}.${ref.path}`).toContain('string');
        if (ref.kind === 'principal') {
          // The entry holding a typed principal describes its principalType.
          const holder = ref.path.split('.').slice(0, -1).join('.');
          expect(fieldAt(definition, `${holder}.principalType`), `${section.name}.${ref.path}`).toBeDefined();
        }
      }
    }
  });

  it('indexes flow principals as creator, owner and run-only user, in that order', () => {
    expect(flowRoleFields().map((f) => [f.path, f.flowRole])).toEqual([
      ['creatorId', 'creator'],
      ['owners[].principalId', 'owner'],
      ['runOnlyUsers[].principalId', 'runOnly'],
    ]);
  });

  it('reads reference values through lists and nested objects, with the principalType beside them', () => {
    const found: unknown[] = [];
    const flow = { creatorId: 'c', owners: [{ principalId: 'o1', principalType: 'Group' }, 'not an entry', { principalId: 'o2' }], members: ['m1', 7] };
    referenceReader('owners[].principalId')(flow, (id, type) => found.push([id, type]));
    referenceReader('creatorId')(flow, (id, type) => found.push([id, type]));
    referenceReader('members[]')(flow, (id, type) => found.push([id, type]));
    referenceReader('absent[].x')(flow, (id) => found.push(id));
    expect(found).toEqual([
      ['o1', 'Group'],
      ['o2', undefined],
      ['c', undefined],
      ['m1', undefined],
      [7, undefined],
    ]);
  });

  it('takes a field ending in DateTime or At for a time, and nothing else', () => {
    expect(['createdDateTime', 'exportedAt', 'sentAt'].every(isTimeField)).toBe(true);
    expect(['displayName', 'atHome', 'createdDateTimeEpoch', 'Dat'].some(isTimeField)).toBe(false);
  });
});

describe('settable settings', () => {
  it('each names a setting of tenant.schema.json', () => {
    for (const path of SETTING_PATHS) expect(() => resolve(settingPointer(path), tenantSchema), path).not.toThrow();
    expect(settingPointer('externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound')).toBe('#/$defs/b2bAccess');
    expect(settingPointer('externalCollaboration.guestUserAccess')).toBe('#/$defs/externalCollaboration/properties/guestUserAccess');
    expect(() => settingPointer('externalCollaboration.noSuchSetting')).toThrow(/no property noSuchSetting/);
  });

  it('take their allowed values from tenant.schema.json: the values the simulator hard-coded before', () => {
    // What src/simulate/settings.ts listed by hand before the description (kept here as the expectation).
    const bool = { type: 'boolean' };
    const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
    const domainList = { type: 'array', items: { type: 'string', minLength: 1 } };
    const invitationMode = enumOf('allowList', 'blockList', 'none');
    const before: Record<string, unknown> = {
      'externalCollaboration.guestUserAccess': enumOf('sameAsMember', 'limited', 'restricted'),
      'externalCollaboration.allowInvitesFrom': enumOf('everyone', 'adminsGuestInvitersAndAllMembers', 'adminsAndGuestInviters', 'none'),
      'externalCollaboration.allowEmailVerifiedUsersToJoinOrganization': bool,
      'externalCollaboration.guestSelfServiceSignUp': bool,
      'externalCollaboration.emailOneTimePasscode': bool,
      'externalCollaboration.invitationDomains': {
        type: 'object',
        required: ['mode'],
        additionalProperties: false,
        properties: { mode: invitationMode, domains: domainList },
      },
      'externalCollaboration.invitationDomains.mode': invitationMode,
      'externalCollaboration.invitationDomains.domains': domainList,
      'externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound': enumOf('allowed', 'blocked'),
      'externalCollaboration.crossTenantAccess.default.b2bCollaborationOutbound': enumOf('allowed', 'blocked'),
      'externalCollaboration.m365Groups.allowToAddGuests': bool,
      'externalCollaboration.m365Groups.allowGuestsToAccessGroups': bool,
      'powerPlatform.tenantSettings.enableGuestsToMake': bool,
      'powerPlatform.tenantSettings.disableShareWithEveryone': bool,
    };
    // Settings added later are not in `before`; every one that was keeps exactly its former values.
    const derived = settingSchemas() as Record<string, unknown>;
    for (const [path, schema] of Object.entries(before)) expect(derived[path], path).toEqual(schema);
  });

  it('follow an edit of tenant.schema.json (a new allowed value reaches the change schema, null never does)', () => {
    const edited = structuredClone(tenantSchema);
    const b2b = (edited.$defs as Record<string, Schema>).b2bAccess!;
    b2b.enum = ['allowed', 'blocked', 'partial', null];
    expect(settingSchemas(edited)['externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound']).toEqual({ type: 'string', enum: ['allowed', 'blocked', 'partial'] });
  });

  // The list in changes.schema.json is generated from the description: UPDATE_GOLDEN=1 writes it (as for
  // every golden), otherwise this fails when the two drift apart.
  it('are the paths changes.schema.json lists for a set change', () => {
    const set = (changesSchema.$defs as Record<string, Schema>).set!;
    const path = (set.properties as Record<string, Schema>).path!;
    const described = SETTABLE_SETTINGS.map((s) => s.path);
    if (process.env.UPDATE_GOLDEN) {
      path.examples = described;
      writeFileSync(CHANGES_SCHEMA, `${JSON.stringify(changesSchema, null, 2)}\n`);
    }
    expect(path.examples).toEqual(described);
  });
});
