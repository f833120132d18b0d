import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src/import/index.js';
import { runCli } from '../../helpers/cli.js';
import { copyFixture, FABRIKAM, imported, inputErrors, setFile } from './helpers.js';

type Rec = Record<string, any>;

const B2B = 'graph/beta/policies/b2bManagementPolicies.json';
const GRAPH_DOCS = path.resolve(import.meta.dirname, '../../fixtures/real/graph-docs');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A B2B management policy whose definition holds `domains` as InvitationsAllowedAndBlockedDomainsPolicy. */
function policy(domains: Rec | undefined, extra: Rec = {}): Rec {
  const definition = { B2BManagementPolicy: { ...(domains ? { InvitationsAllowedAndBlockedDomainsPolicy: domains } : {}), AutoRedeemPolicy: { AdminConsentedForUsersIntoTenantIds: [], NoAADConsentForUsersFromTenantsIds: [] } } };
  return { id: 'p', deletedDateTime: null, definition: [JSON.stringify(definition)], displayName: 'B2BManagementPolicy', isOrganizationDefault: true, type: 'B2BManagementPolicy', ...extra };
}

/** Fabrikam's raw folder with these B2B management policies. */
function withPolicies(...policies: Rec[]): { root: string; run: () => Rec } {
  const root = copyFixture(FABRIKAM);
  setFile(root, B2B, JSON.stringify({ value: policies }, null, 2));
  return { root, run: () => imported(root) };
}

describe('import: the B2B management policy as admin tools write it', () => {
  it('reads a definition with both keys and one list empty as the other list', () => {
    expect(withPolicies(policy({ AllowedDomains: [], BlockedDomains: ['wingtiptoys.com'] })).run().externalCollaboration.invitationDomains).toEqual({ mode: 'blockList', domains: ['wingtiptoys.com'] });
    expect(withPolicies(policy({ AllowedDomains: ['contoso.com'], BlockedDomains: [] })).run().externalCollaboration.invitationDomains).toEqual({ mode: 'allowList', domains: ['contoso.com'] });
  });

  it('reads empty lists (or none) as no restriction', () => {
    for (const domains of [{ AllowedDomains: [], BlockedDomains: [] }, { BlockedDomains: [] }, { AllowedDomains: null }, {}, undefined]) {
      expect(withPolicies(policy(domains)).run().externalCollaboration.invitationDomains, JSON.stringify(domains)).toEqual({ mode: 'none', domains: [] });
    }
  });

  it('refuses both lists non-empty (Microsoft applies one at a time), at the definition', () => {
    const { root, run } = withPolicies(policy({ AllowedDomains: ['contoso.com'], BlockedDomains: ['wingtiptoys.com', 'proseware.com'] }));
    const errors = inputErrors(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${escape(path.join(root, B2B))}:7:\\d+: \\$\\.value\\[0\\]\\.definition\\[0\\]: the definition has both AllowedDomains \\(1\\) and BlockedDomains \\(2\\)`));
  });
});

describe('import: several B2B management policies', () => {
  const other = policy({ AllowedDomains: ['other.example'] }, { id: 'q', isOrganizationDefault: false });

  it('reads the organisation default and warns that the others are ignored', () => {
    const { run } = withPolicies(other, policy({ BlockedDomains: ['wingtiptoys.com'] }), { ...other, id: 'r', isOrganizationDefault: null });
    const doc = run();
    expect(doc.externalCollaboration.invitationDomains).toEqual({ mode: 'blockList', domains: ['wingtiptoys.com'] });
    const warnings = doc.collection.warnings.filter((w: Rec) => w.message.includes('B2B management'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ section: null, message: '3 B2B management policies: the organisation default ($.value[1]) is read; the other 2 are not in force and ignored ($.value[0], $.value[2])' });
    expect(warnings[0].source).toMatch(/b2bManagementPolicies\.json:\d+:\d+$/);
  });

  it('takes isOrganizationDefault written as the string "true" (as the Graph docs print it)', () => {
    expect(withPolicies(other, policy({ BlockedDomains: ['x.example'] }, { isOrganizationDefault: 'true' })).run().externalCollaboration.invitationDomains.mode).toBe('blockList');
  });

  it('refuses several defaults, or several policies and no default, naming file:line:col', () => {
    const two = withPolicies(policy({ BlockedDomains: ['a.example'] }), policy({ AllowedDomains: ['b.example'] }, { id: 'q' }));
    expect(inputErrors(two.run)[0]).toMatch(new RegExp(`^${escape(path.join(two.root, B2B))}:\\d+:\\d+: \\$\\.value\\[1\\]\\.isOrganizationDefault: more than one B2B management policy is the organisation default`));
    const none = withPolicies(other, { ...other, id: 'r' });
    expect(inputErrors(none.run)[0]).toMatch(new RegExp(`^${escape(path.join(none.root, B2B))}:\\d+:\\d+: \\$\\.value\\[1\\]: 2 B2B management policies and none has isOrganizationDefault true`));
  });

  it('still reads a single policy that is not marked the default', () => {
    expect(withPolicies(other).run().externalCollaboration.invitationDomains).toEqual({ mode: 'allowList', domains: ['other.example'] });
  });
});

describe('import: the Graph docs example of the b2bManagementPolicies listing', () => {
  const dir = path.join(GRAPH_DOCS, 'beta-list-b2bmanagementpolicies');

  it("is refused: its definition {'B2BManagementPolicy':{'Version':1}} is not JSON (single quotes); exit 2 at file:line:col", () => {
    const errors = inputErrors(() => importExport(dir));
    expect(errors[0]).toMatch(new RegExp(`^${escape(path.join(dir, B2B))}:10:9: \\$\\.value\\[0\\]\\.definition\\[0\\]: the definition is not valid JSON`));
    const run = runCli(['import', dir, '--out', path.join(copyFixture(GRAPH_DOCS), 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/b2bManagementPolicies\.json:10:9: .*the definition is not valid JSON/);
  });

  it('with the definition in double quotes (what the service returns), reads it: a policy without a domains policy restricts nothing', () => {
    const root = copyFixture(dir);
    const listing = JSON.parse(fs.readFileSync(path.join(dir, B2B), 'utf8'));
    listing.value[0].definition = [listing.value[0].definition[0].replaceAll("'", '"')];
    setFile(root, B2B, JSON.stringify(listing));
    expect(imported(root).externalCollaboration.invitationDomains).toEqual({ mode: 'none', domains: [] });
  });
});
