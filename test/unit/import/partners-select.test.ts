import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src/import/index.js';
import { runCli } from '../../helpers/cli.js';
import { copyFixture, FABRIKAM, imported, inputErrors, setFile } from './helpers.js';

type Rec = Record<string, any>;

const PARTNERS = 'graph/v1.0/policies/crossTenantAccessPolicy/partners.json';
const DEFAULT = 'graph/v1.0/policies/crossTenantAccessPolicy/default.json';
const GRAPH_DOCS = path.resolve(import.meta.dirname, '../../fixtures/real/graph-docs');
const REASON = 'saved without b2bCollaborationInbound/Outbound (a $select that left them out?)';
const missing = (doc: Rec, section: string) => (doc.collection.missing as { section: string; reason: string }[]).find((m) => m.section === section);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('import: cross-tenant partners saved with a $select', () => {
  it('keeps a present null as "inherit the default" and records nothing missing', () => {
    const doc = imported(FABRIKAM);
    expect(doc.externalCollaboration.crossTenantAccess.partners[0]).toEqual({ tenantId: '9b2f6c1e-7d4a-4e83-b5c0-2a8d6f1e3c97', b2bCollaborationInbound: null, b2bCollaborationOutbound: 'blocked' });
    expect(missing(doc, 'externalCollaboration.crossTenantAccess.partners')).toBeUndefined();
  });

  it('does not read an absent property as "inherit": the field is left out and the partners are not collected', () => {
    const root = copyFixture(FABRIKAM);
    const listing = JSON.parse(fs.readFileSync(path.join(FABRIKAM, PARTNERS), 'utf8'));
    delete listing.value[0].b2bCollaborationInbound;
    setFile(root, PARTNERS, JSON.stringify(listing, null, 2));
    const doc = imported(root);
    expect(doc.externalCollaboration.crossTenantAccess.partners).toEqual([
      { tenantId: '9b2f6c1e-7d4a-4e83-b5c0-2a8d6f1e3c97', b2bCollaborationOutbound: 'blocked' },
      { tenantId: 'e0301ced-7639-45ff-9a11-0a371eee253c', b2bCollaborationInbound: 'allowed', b2bCollaborationOutbound: null },
    ]);
    expect(missing(doc, 'externalCollaboration.crossTenantAccess.partners')?.reason).toBe(`not collected for 1 of 2 partner(s): ${REASON}`);
    expect(doc.externalCollaboration.crossTenantAccess.default).toEqual({ b2bCollaborationInbound: 'blocked', b2bCollaborationOutbound: 'allowed' });
  });
});

describe('import: the Graph docs examples of cross-tenant access', () => {
  it('list partners, example 1: null B2B collaboration settings inherit the default', () => {
    const doc = imported(path.join(GRAPH_DOCS, 'v1.0-list-partners'));
    expect(doc.externalCollaboration.crossTenantAccess.partners).toEqual([{ tenantId: '123f4846-ba00-4fd7-ba43-dac1f8f63013', b2bCollaborationInbound: null, b2bCollaborationOutbound: null }]);
    expect(missing(doc, 'externalCollaboration.crossTenantAccess.partners')).toBeUndefined();
    expect(missing(doc, 'externalCollaboration.crossTenantAccess.default')?.reason).toMatch(/default\.json is not in the raw folder/);
  });

  it('list partners, example 2 ($select=tenantId&$expand=identitySynchronization): the settings are not collected', () => {
    const doc = imported(path.join(GRAPH_DOCS, 'v1.0-list-partners-select'));
    expect(doc.externalCollaboration.crossTenantAccess.partners).toEqual([{ tenantId: '9c5d131d-b1c3-4fc4-9e3f-c6557947d551' }]);
    expect(missing(doc, 'externalCollaboration.crossTenantAccess.partners')?.reason).toBe(`not collected for 1 of 1 partner(s): ${REASON}`);
  });

  it('get default: the printed example is not JSON (a trailing comma); exit 2 at file:line:col', () => {
    const dir = path.join(GRAPH_DOCS, 'v1.0-get-default');
    const errors = inputErrors(() => importExport(dir));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${escape(path.join(dir, DEFAULT))}:8:3: invalid JSON: .*trailing comma`));
    const run = runCli(['import', dir, '--out', path.join(copyFixture(GRAPH_DOCS), 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${DEFAULT}:8:3: invalid JSON`);
  });

  it('get default, with the trailing comma removed: every direction allowed', () => {
    const dir = path.join(GRAPH_DOCS, 'v1.0-get-default');
    const root = copyFixture(dir);
    setFile(root, DEFAULT, fs.readFileSync(path.join(dir, DEFAULT), 'utf8').replace('"isHybridAzureADJoinedDeviceAccepted": false,', '"isHybridAzureADJoinedDeviceAccepted": false'));
    const doc = imported(root);
    expect(doc.externalCollaboration.crossTenantAccess.default).toEqual({ b2bCollaborationInbound: 'allowed', b2bCollaborationOutbound: 'allowed' });
    expect(missing(doc, 'externalCollaboration.crossTenantAccess.partners')?.reason).toMatch(/partners\.json is not in the raw folder/);
  });
});
