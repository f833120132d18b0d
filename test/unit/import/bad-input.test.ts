import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src/import/index.js';
import { copyFixture, FABRIKAM, imported, inputErrors, setFile } from './helpers.js';

const read = (rel: string) => fs.readFileSync(path.join(FABRIKAM, rel), 'utf8');
const USERS = 'graph/v1.0/users.json';
const AUTHZ_BETA = 'graph/beta/policies/authorizationPolicy.json';

/** A copy of the Fabrikam raw folder with one file changed, imported; the messages of the error it gives. */
function errorsWith(rel: string, text: string | undefined, extra?: (root: string) => void): { root: string; errors: string[] } {
  const root = copyFixture(FABRIKAM);
  setFile(root, rel, text);
  extra?.(root);
  return { root, errors: inputErrors(() => importExport(root)) };
}

describe('import: bad input names the file, the place and what was expected', () => {
  it('an HTML error page saved as a response', () => {
    const { root, errors } = errorsWith(USERS, '<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head></html>\n');
    expect(errors).toEqual([`${path.join(root, USERS)}:1:1: this is an HTML page, not a JSON response (an error or sign-in page saved in its place?)`]);
  });

  it('a truncated page', () => {
    const text = read(USERS);
    const { root, errors } = errorsWith(USERS, text.slice(0, text.indexOf('"Tom Okafor"') + 5));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${path.join(root, USERS).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: invalid JSON`));
  });

  it('a guestUserRoleId that is not one of the three guest roles', () => {
    const { errors } = errorsWith(AUTHZ_BETA, read(AUTHZ_BETA).replace('2af84b1e-32c8-42b7-82bc-daa82404023b', '62e90394-69f5-4237-9190-012177145e10'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/authorizationPolicy\.json:\d+:\d+: \$\.value\[0\]\.guestUserRoleId: unknown guestUserRoleId "62e90394-69f5-4237-9190-012177145e10" \(expected one of a0b1b346/);
  });

  it('a beta and a v1.0 authorization policy side by side', () => {
    const v1 = JSON.stringify({ id: 'authorizationPolicy', guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3', allowInvitesFrom: 'everyone' });
    const { errors } = errorsWith('graph/v1.0/policies/authorizationPolicy.json', v1);
    expect(errors[0]).toMatch(/beta\/policies\/authorizationPolicy\.json:1:1: \$: both graph\/v1\.0\/policies\/authorizationPolicy\.json and this beta response are present/);
  });

  it('a beta-shaped response saved under v1.0', () => {
    const { errors } = errorsWith(AUTHZ_BETA, undefined, (root) => setFile(root, 'graph/v1.0/policies/authorizationPolicy.json', read(AUTHZ_BETA)));
    expect(errors[0]).toMatch(/v1\.0\/policies\/authorizationPolicy\.json:\d+:\d+: \$\.value: expected the v1\.0 authorization policy object, found a beta-style "value" list/);
  });

  it('the response of another endpoint saved in a file\'s place', () => {
    const { errors } = errorsWith('graph/v1.0/policies/crossTenantAccessPolicy/default.json', read('graph/v1.0/groupSettings.json'));
    expect(errors[0]).toMatch(/default\.json:1:1: \$: expected b2bCollaborationInbound\/Outbound in the cross-tenant access default \(is this another endpoint's response\?\)/);
    const groups = errorsWith(USERS, read('graph/v1.0/groups.json').replace(/"@odata\.nextLink"[^\n]*\n/, ''), (root) => setFile(root, 'graph/v1.0/users.2.json', undefined));
    expect(groups.errors[0]).toMatch(/users\.json:\d+:\d+: \$\.value\[0\]\.userPrincipalName: expected a non-empty string, found nothing/);
  });

  it('a page that links to a next page that was not saved', () => {
    const { errors } = errorsWith('graph/v1.0/users.2.json', undefined);
    expect(errors[0]).toMatch(/users\.json:3:22: \$\["@odata\.nextLink"\]: this page links to a next page but .*users\.2\.json is missing: the listing is incomplete/);
  });

  it('an unknown enum value: environment SKU, DLP classification, flow principal type', () => {
    const envs = 'powerplatform/bap/environments.json';
    expect(errorsWith(envs, read(envs).replace('"environmentSku": "Developer"', '"environmentSku": "Quantum"')).errors[0]).toMatch(/environments\.json:\d+:\d+: \$\.value\[1\]\.properties\.environmentSku: unknown environmentSku "Quantum"/);
    const dlp = 'powerplatform/bap/apiPolicies.json';
    expect(errorsWith(dlp, read(dlp).replace('"hbi"', '"secret"')).errors[0]).toMatch(/apiPolicies\.json:\d+:\d+: .*apiGroups\.secret: unknown API group "secret"/);
    const perms = 'powerplatform/flow/environments/Default-3f9e2a61-4c1d-4b8e-9a27-6d05c8e1b4f2/flows/7e9a1c3e-5b7d-4f9a-a2c4-6e8a0c2e4b6d/permissions.json';
    expect(errorsWith(perms, read(perms).replace('"PrincipalType": "Group"', '"PrincipalType": "Device"')).errors[0]).toMatch(/permissions\.json:\d+:\d+: \$\[1\]\.PrincipalType: unknown principal type "Device"/);
  });

  it('a value the schema refuses is reported at the raw object it came from', () => {
    const { root, errors } = errorsWith(USERS, read(USERS).replace('"2025-06-02T10:58:31Z"', '"last June"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${path.join(root, USERS).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: users\\[1\\]\\.createdDateTime must be an ISO 8601 date-time`));
  });
});

describe('import: what was not collected', () => {
  it('sign-in activity absent from every user is recorded as not collected, and no user gets a sign-in date', () => {
    const root = copyFixture(FABRIKAM);
    for (const page of [USERS, 'graph/v1.0/users.2.json']) {
      const value = JSON.parse(fs.readFileSync(path.join(root, page), 'utf8'));
      for (const u of value.value) delete u.signInActivity;
      setFile(root, page, JSON.stringify(value));
    }
    const doc = imported(root);
    expect(doc.users.every((u: object) => !('lastSignInDateTime' in u))).toBe(true);
    expect(doc.collection.missing).toContainEqual({
      section: 'users[].lastSignInDateTime',
      reason: 'not collected: no user carries signInActivity (needs AuditLog.Read.All and an Entra ID P1 licence)',
    });
  });

  it('a missing users file leaves the section out (not empty) and says which permission reads it', () => {
    const root = copyFixture(FABRIKAM);
    setFile(root, USERS, undefined);
    setFile(root, 'graph/v1.0/users.2.json', undefined);
    const doc = imported(root);
    expect(doc).not.toHaveProperty('users');
    expect(doc.collection.missing).toContainEqual({ section: 'users', reason: expect.stringMatching(/users\.json is not in the raw folder \(needs User\.Read\.All/) });
  });

  it('takes the reason collect recorded when there is one', () => {
    const root = copyFixture(FABRIKAM);
    setFile(root, 'graph/beta/policies/b2bManagementPolicies.json', undefined);
    const reason = 'not collected: 403 Forbidden from GET beta/policies/b2bManagementPolicies (needs Policy.Read.All)';
    setFile(root, 'collection.json', JSON.stringify({ tool: 'shareguard collect', collectedAt: '2026-11-28T07:00:00Z', missing: [{ section: 'externalCollaboration.invitationDomains', reason }] }));
    const doc = imported(root);
    expect(doc.collection).toMatchObject({ source: 'shareguard collect', collectedAt: '2026-11-28T07:00:00Z' });
    expect(doc.tenant.exportedAt).toBe('2026-11-28T07:00:00Z');
    expect(doc.collection.missing).toContainEqual({ section: 'externalCollaboration.invitationDomains', reason });
  });
});
