import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTOSO_RAW, copyFixture, imported, inputErrors, setFile } from './helpers.js';
import { importExport } from '../../../src/import/index.js';

type Rec = Record<string, any>;

const TERRAFORM = path.resolve(import.meta.dirname, '../../fixtures/real/terraform-provider-power-platform');
const READ = path.join(TERRAFORM, 'datasource-validate-read');
const CREATE = path.join(TERRAFORM, 'resource-validate-create');
const V2 = 'powerplatform/governance/v2/policies.json';
const ONE = (name: string) => `powerplatform/governance/v2/policies/${name}.json`;
const P1 = '00000000-0000-0000-0000-000000000001';
const P2 = '00000000-0000-0000-0000-000000000002';
const missing = (doc: Rec, section: string) => (doc.collection.missing as { section: string; reason: string }[]).find((m) => m.section === section);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Contoso's raw folder with its v2 DLP listing edited by `edit` (on the parsed JSON), imported. */
function contosoWith(edit: (listing: Rec) => void): { root: string; run: () => Rec } {
  const root = copyFixture(CONTOSO_RAW);
  const listing = JSON.parse(fs.readFileSync(path.join(root, V2), 'utf8'));
  edit(listing);
  setFile(root, V2, JSON.stringify(listing, null, 2));
  return { root, run: () => imported(root) };
}

describe("import: the v2 DLP listing as Microsoft's Terraform provider records it", () => {
  const doc = imported(READ);

  it('reads { policyDefinition } items and takes each policy\'s connector groups from its own response', () => {
    expect(doc.dlpPolicies).toEqual([
      {
        id: P1,
        displayName: 'a1',
        environmentType: 'AllEnvironments',
        environments: [],
        connectorGroups: { business: [], nonBusiness: [], blocked: [] },
        defaultConnectorClassification: 'nonBusiness',
        createdTime: '2023-10-02T07:38:50.3269899Z',
        lastModifiedTime: '2023-10-02T07:38:50.3269899Z',
      },
      {
        id: P2,
        displayName: 'a2',
        environmentType: 'ExceptEnvironments',
        environments: ['be0eb809-e58a-ec1b-8fce-ea40b0e53442'],
        connectorGroups: {
          business: ['shared_office365users', 'shared_azureblob'],
          nonBusiness: ['shared_powerappsforappmakers', 'shared_microsoftspatialservices', 'shared_sql', 'shared_bttn'],
          blocked: [],
        },
        defaultConnectorClassification: 'nonBusiness',
        createdTime: '2023-10-02T07:38:56.6864176Z',
        lastModifiedTime: '2023-10-02T07:56:43.9700369Z',
      },
    ]);
    expect(missing(doc, 'dlpPolicies[].connectorGroups')).toBeUndefined();
    expect(missing(doc, 'dlpPolicies')).toBeUndefined();
  });

  it('reads a per-policy response ({ policyDefinition, connectorConfigurationsDefinition, … }) as a listing item', () => {
    const root = copyFixture(CREATE);
    setFile(root, V2, `{ "value": [${fs.readFileSync(path.join(CREATE, ONE(P1)), 'utf8')}] }`);
    expect(imported(root).dlpPolicies).toEqual([
      {
        id: P1,
        displayName: 'Block All Policy',
        environmentType: 'OnlyEnvironments',
        environments: ['00000000-0000-0000-0000-000000000000'],
        connectorGroups: { business: ['shared_sharepointonline'], nonBusiness: ['shared_sql'], blocked: ['shared_azureblob'] },
        defaultConnectorClassification: 'blocked',
        createdTime: 'createdTime',
        lastModifiedTime: 'lastModifiedTime',
      },
    ]);
  });

  it('records the connector groups as not collected (null, never empty) for a policy whose own response was not saved', () => {
    const root = copyFixture(READ);
    setFile(root, ONE(P2), undefined);
    const partial = imported(root);
    expect(partial.dlpPolicies[0].connectorGroups).toEqual({ business: [], nonBusiness: [], blocked: [] });
    expect(partial.dlpPolicies[1].connectorGroups).toBeNull();
    expect(partial.dlpPolicies[1].environmentType).toBe('ExceptEnvironments');
    expect(missing(partial, 'dlpPolicies[].connectorGroups')?.reason).toBe(
      `not collected for 1 of 2 policies: the v2 listing gives a policy without its connector groups and its own response (powerplatform/governance/v2/policies/${P2}.json) is not in the raw folder (needs Power Platform Administrator (or Global Administrator) role)`,
    );
    setFile(root, ONE(P1), undefined);
    expect(missing(imported(root), 'dlpPolicies[].connectorGroups')?.reason).toMatch(/^not collected for every policy: .*policies\/00000000-0000-0000-0000-000000000001\.json, …\) is not in the raw folder/);
  });

  it('refuses a per-policy response saved under another policy\'s name, naming the file and place', () => {
    const root = copyFixture(READ);
    setFile(root, ONE(P2), fs.readFileSync(path.join(READ, ONE(P1)), 'utf8'));
    const errors = inputErrors(() => importExport(root));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${escape(path.join(root, ONE(P2)))}:3:17: \\$\\.policyDefinition\\.name: this response is for policy "${P1}", not "${P2}"`));
  });
});

describe('import: every DLP scope and classification the v2 API returns', () => {
  it('maps SingleEnvironment (an environment-level policy) to OnlyEnvironments, keeping its environment', () => {
    const { run } = contosoWith((l) => {
      l.value[0].environmentType = 'SingleEnvironment';
      l.value[0].environments = [{ id: '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/abc', name: 'abc', type: 'Microsoft.BusinessAppPlatform/scopes/environments' }];
    });
    const policy = run().dlpPolicies[0];
    expect(policy.environmentType).toBe('OnlyEnvironments');
    expect(policy.environments).toEqual(['abc']);
  });

  it('reads scopes and classifications in any casing', () => {
    const base = imported(CONTOSO_RAW).dlpPolicies[0];
    for (const [scope, want] of [['allenvironments', 'AllEnvironments'], ['EXCEPTENVIRONMENTS', 'ExceptEnvironments'], ['onlyEnvironments', 'OnlyEnvironments'], ['singleenvironment', 'OnlyEnvironments']]) {
      const { run } = contosoWith((l) => {
        l.value[0].environmentType = scope;
        for (const g of l.value[0].connectorGroups) g.classification = g.classification.toLowerCase();
        l.value[0].defaultConnectorsClassification = 'BLOCKED';
      });
      const policy = run().dlpPolicies[0];
      expect(policy.environmentType, scope).toBe(want);
      expect(policy.connectorGroups).toEqual(base.connectorGroups);
      expect(policy.defaultConnectorClassification).toBe('blocked');
    }
  });

  it('refuses an unknown scope or connector classification (Ignore is a custom connector pattern class, not a group), naming file:line:col', () => {
    const scope = contosoWith((l) => (l.value[0].environmentType = 'TenantWide'));
    expect(inputErrors(scope.run)[0]).toMatch(new RegExp(`^${escape(path.join(scope.root, V2))}:\\d+:\\d+: \\$\\.value\\[0\\]\\.environmentType: unknown environmentType "TenantWide" \\(expected one of AllEnvironments, ExceptEnvironments, OnlyEnvironments, SingleEnvironment\\)`));
    const group = contosoWith((l) => (l.value[0].connectorGroups[0].classification = 'Ignore'));
    expect(inputErrors(group.run)[0]).toMatch(new RegExp(`^${escape(path.join(group.root, V2))}:\\d+:\\d+: \\$\\.value\\[0\\]\\.connectorGroups\\[0\\]\\.classification: unknown connector classification "Ignore" \\(expected one of Confidential, General, Blocked\\)`));
  });

  it('says a legacy v1 policy saved as the v2 listing is one, instead of asking for connector groups', () => {
    const root = copyFixture(CONTOSO_RAW);
    setFile(root, V2, JSON.stringify({ value: [{ name: 'p1', properties: { displayName: 'P', definition: { apiGroups: { hbi: { apis: [] } } } } }] }));
    expect(inputErrors(() => importExport(root))[0]).toMatch(/policies\.json:1:\d+: \$\.value\[0\]: expected a v2 DLP policy .* looks like a legacy v1 policy .*save the v1 listing as powerplatform\/bap\/apiPolicies\.json/);
  });
});
