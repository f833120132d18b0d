import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byId, CONTOSO_RAW, copyFixture, FABRIKAM, IMPORT_FIXTURES, imported, setFile } from './helpers.js';

/** Raw responses that disagree with each other (see the fixture's README.md). */
const NORTHWIND = path.join(IMPORT_FIXTURES, 'crossfile/northwind-raw');
const TENANT = '7d3f1a2b-9c4e-4b6d-8e0f-2a4c6e8b0d13';
const ENV = `Default-${TENANT}`;
const NINA = 'a1c3e5f7-2b4d-4f6a-8c0e-1a3b5c7d9e21';
const OMAR = 'b2d4f6a8-3c5e-4a7b-9d1f-2b4c6d8e0f32';
const PIA = 'c3e5a7b9-4d6f-4b8c-8e2a-3c5d7e9f1a43';
const SERVICE_PRINCIPAL = 'd4f6b8c0-5e7a-4c9d-9f3b-4d6e8f0a2b54';
const DELETED_USER = 'e5a7c9d1-6f8b-4dae-8a4c-5e7f9a1b3c65';
const PARTNERS = 'f6b8d0e2-7a9c-4ebf-9b5d-6f8a0b2c4d76';
const MARKETING = '0a1b2c3d-8b0d-4fc0-8c6e-7a9b1c3d5e87';
const GROUP_ADMINS = '2c3d4e5f-0d2f-4be2-8e8a-9c1d3e5f7a09';
const FIELD_INSPECTIONS = '3d4e5f60-1e3a-4cf3-9f9b-0d2e4f6a8b1a';
const VISITOR_SIGN_IN = '4e5f6071-2f4b-4d04-8a0c-1e3f5a7b9c2b';
const ROLE_ASSIGNMENTS = 'graph/v1.0/roleManagement/directory/roleAssignments.json';

type Warning = { section: string | null; message: string; source: string };
const warningsOf = (doc: Record<string, any>, section: string | null): Warning[] => (doc.collection.warnings as Warning[]).filter((w) => w.section === section);
const missingOf = (doc: Record<string, any>, section: string) => (doc.collection.missing as { section: string; reason: string }[]).find((m) => m.section === section);

/** The raw text at a warning's file:line, and a few lines after it (the object the warning points at). */
function linesAt(source: string, count = 4): string {
  const m = /^(.*):(\d+):(\d+)$/.exec(source);
  if (!m) throw new Error(`not file:line:col: ${source}`);
  return fs.readFileSync(m[1]!, 'utf8').split('\n').slice(Number(m[2]) - 1, Number(m[2]) - 1 + count).join('\n');
}

const doc = imported(NORTHWIND);

describe('import across files: directory roles of principals not in the users listing', () => {
  it('puts roles on the users that hold them, directly or through a group', () => {
    expect(byId(doc.users, NINA).directoryRoles).toEqual(['Global Administrator']);
    expect(byId(doc.users, PIA).directoryRoles).toEqual(['Helpdesk Administrator']);
    expect(byId(doc.users, OMAR).directoryRoles).toEqual([]);
  });

  it('keeps an assignment to a principal in neither the users nor the groups listing as a warning at the assignment', () => {
    const warnings = warningsOf(doc, 'users[].directoryRoles');
    for (const [id, role] of [
      [SERVICE_PRINCIPAL, 'Application Administrator'],
      [DELETED_USER, 'User Administrator'],
    ] as const) {
      const w = warnings.find((x) => x.message.includes(id));
      expect(w, id).toBeDefined();
      expect(w!.message).toBe(
        `directory role(s) ${role} assigned to ${id}, which is not in the users listing (graph/v1.0/users.json): a deleted user, a service principal, or a users listing saved in part; the role is not on any exported user`,
      );
      expect(w!.source.startsWith(path.join(NORTHWIND, ROLE_ASSIGNMENTS))).toBe(true);
      expect(linesAt(w!.source)).toContain(`"principalId": "${id}"`);
    }
  });

  it('warns when a role goes to a group whose members were not saved', () => {
    const w = warningsOf(doc, 'users[].directoryRoles').find((x) => x.message.includes(GROUP_ADMINS));
    expect(w?.message).toMatch(/^directory role\(s\) Groups Administrator assigned to group "Group Admins" \(2c3d4e5f-[^)]+\), whose members were not collected \(graph\/v1\.0\/groups\/2c3d4e5f-[\w-]+\/members\.json absent\)/);
    expect(linesAt(w!.source)).toContain(`"principalId": "${GROUP_ADMINS}"`);
  });

  it('counts the principals in one warning when there are many, naming the first few', () => {
    const root = copyFixture(NORTHWIND);
    const raw = JSON.parse(fs.readFileSync(path.join(root, ROLE_ASSIGNMENTS), 'utf8'));
    for (let i = 0; i < 4; i++) {
      raw.value.push({ id: `extra-${i}`, principalId: `9f0e1d2c-3b4a-4958-8776-65544332211${i}`, roleDefinitionId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', directoryScopeId: '/' });
    }
    setFile(root, ROLE_ASSIGNMENTS, JSON.stringify(raw, null, 2));
    const warnings = warningsOf(imported(root), 'users[].directoryRoles').filter((w) => !w.message.includes('"Group Admins"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      new RegExp(`^6 principals hold directory roles but are not in the users listing \\(graph/v1\\.0/users\\.json\\), among them ${SERVICE_PRINCIPAL} \\(Application Administrator\\), ${DELETED_USER} \\(User Administrator\\), 9f0e1d2c-[\\w-]+ \\(Global Reader\\):`),
    );
    expect(linesAt(warnings[0]!.source)).toContain(SERVICE_PRINCIPAL);
  });

  it('says the principal may be a role-assignable group when the groups listing was not saved', () => {
    const root = copyFixture(NORTHWIND);
    fs.rmSync(path.join(root, 'graph/v1.0/groups.json'));
    fs.rmSync(path.join(root, 'graph/v1.0/groups'), { recursive: true });
    const warnings = warningsOf(imported(root), 'users[].directoryRoles');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w.message).toContain('a role-assignable group (graph/v1.0/groups.json was not saved');
  });

  it('finds nothing to report in the Contoso and Fabrikam responses', () => {
    for (const dir of [CONTOSO_RAW, FABRIKAM]) expect(warningsOf(imported(dir), 'users[].directoryRoles'), dir).toEqual([]);
  });
});

describe('import across files: an app Owner share for someone other than the app\'s owner', () => {
  const permissions = path.join(NORTHWIND, `powerplatform/powerapps/environments/${ENV}/apps/${FIELD_INSPECTIONS}/permissions.json`);

  it('keeps the owner of the apps listing and the other Owner as a CanEdit share (the permissions decide who may edit)', () => {
    const app = byId(doc.apps, FIELD_INSPECTIONS);
    expect(app.ownerId).toBe(NINA);
    expect(app.sharedWith).toEqual([
      { principalId: OMAR, principalType: 'User', role: 'CanEdit' },
      { principalId: PIA, principalType: 'User', role: 'CanView' },
    ]);
    expect(app.sharedWithEveryone).toBe(false);
  });

  it('reports it on apps[].ownerId at the Owner entry, stating the rule', () => {
    const warnings = warningsOf(doc, 'apps[].ownerId');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe(
      `app "Field Inspections" (${FIELD_INSPECTIONS}): user ${OMAR} is Owner in the app's permissions, but the apps listing names ${NINA} as owner; kept as a CanEdit share (the permissions listing decides who may edit), ownerId left as the apps listing's`,
    );
    expect(warnings[0]!.source.startsWith(`${permissions}:`)).toBe(true);
    expect(linesAt(warnings[0]!.source, 1)).toContain('"roleName": "Owner"');
  });

  it('leaves the owner\'s own Owner entry out of the shares, whatever its casing, and says nothing', () => {
    const app = byId(doc.apps, VISITOR_SIGN_IN);
    expect(app).toMatchObject({ ownerId: PIA, sharedWith: [], sharedWithEveryone: true });
    const root = copyFixture(NORTHWIND);
    const rel = `powerplatform/powerapps/environments/${ENV}/apps/${VISITOR_SIGN_IN}/permissions.json`;
    setFile(root, rel, fs.readFileSync(path.join(root, rel), 'utf8').replace(`"id": "${PIA}"`, `"id": "${PIA.toUpperCase()}"`));
    const again = imported(root);
    expect(byId(again.apps, VISITOR_SIGN_IN).sharedWith).toEqual([]);
    expect(warningsOf(again, 'apps[].ownerId').map((w) => w.message)).not.toContainEqual(expect.stringContaining(VISITOR_SIGN_IN));
  });

  it('finds nothing to report in the Contoso responses', () => {
    expect(warningsOf(imported(CONTOSO_RAW), 'apps[].ownerId')).toEqual([]);
  });
});

describe('import across files: Microsoft 365 groups without their settings', () => {
  it('reads the group whose settings were saved, leaves the other null, and records it as not collected for that many groups', () => {
    expect(byId(doc.groups, PARTNERS).allowToAddGuests).toBe(true);
    expect(byId(doc.groups, MARKETING).allowToAddGuests).toBeNull();
    expect(missingOf(doc, 'groups[].allowToAddGuests')?.reason).toBe(
      'not collected for 1 of 2 Microsoft 365 group(s): graph/v1.0/groups/{id}/settings.json absent (needs Directory.Read.All); their own guest setting is unknown, left null',
    );
  });

  it('records it for every Microsoft 365 group when none was saved', () => {
    const root = copyFixture(NORTHWIND);
    fs.rmSync(path.join(root, `graph/v1.0/groups/${PARTNERS}/settings.json`));
    const again = imported(root);
    expect(byId(again.groups, PARTNERS).allowToAddGuests).toBeNull();
    expect(missingOf(again, 'groups[].allowToAddGuests')?.reason).toMatch(/^not collected for 2 of 2 Microsoft 365 group\(s\)/);
  });

  it('does not ask it of security groups, and finds nothing missing in Contoso and Fabrikam', () => {
    for (const dir of [CONTOSO_RAW, FABRIKAM]) expect(missingOf(imported(dir), 'groups[].allowToAddGuests'), dir).toBeUndefined();
  });

  it('takes the reason collect recorded when it could not read them', () => {
    const root = copyFixture(NORTHWIND);
    const reason = 'not collected: 403 Forbidden from GET v1.0/groups/0a1b2c3d-8b0d-4fc0-8c6e-7a9b1c3d5e87/settings (needs Directory.Read.All)';
    setFile(root, 'collection.json', JSON.stringify({ tool: 'shareguard collect', collectedAt: '2026-12-01T06:00:00Z', missing: [{ section: 'groups[].allowToAddGuests', reason }] }));
    expect(missingOf(imported(root), 'groups[].allowToAddGuests')?.reason).toBe(reason);
  });
});
