import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExport } from '../../../src/import/index.js';

/**
 * Flows listings as Microsoft really returns them, published by the PnP CLI for Microsoft 365 (see
 * test/fixtures/real/pnp-cli/SOURCES.md): connector steps without an api, and an admin listing with an empty
 * definition summary. Each is placed alone in a temporary raw folder, where collect would have saved it.
 */
const REAL = path.resolve(import.meta.dirname, '../../fixtures/real/pnp-cli');

type Rec = Record<string, any>;

function importListing(file: string, env: string): { doc: Rec; warnings: Rec[]; missing: Rec[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-real-'));
  const dest = path.join(root, 'powerplatform/flow/environments', env, 'v2/flows.json');
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(path.join(REAL, file), dest);
  try {
    const doc = importExport(root).imported.document as Rec;
    return { doc, warnings: doc.collection.warnings ?? [], missing: doc.collection.missing ?? [] };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const reason = (missing: Rec[], section: string): string | undefined => missing.find((m) => m.section === section)?.reason;

describe('import: published flows listings (PnP CLI for Microsoft 365)', () => {
  it('leaves a connection not known to be used (null) when the connector steps name no api', () => {
    // The docs' sample: a Recurrence trigger and one OpenApiConnection action (SendEmailV2) with no api.
    const { doc, missing } = importListing('flow-list.docs.json', 'Default-1e852b49-bf4b-4ba5-bcd4-a8c4706c8ed4');
    const [flow] = doc.flows;
    expect(flow.trigger).toEqual({ kind: 'scheduled' });
    expect(flow.connectionReferences).toEqual([
      {
        id: 'shared-office365-19528cc4-23c1-4b39-abea-f010eb9fe3f9',
        connectorId: 'shared_office365',
        connectionOwnerId: null,
        runtimeSource: 'embedded',
        used: null,
      },
    ]);
    expect(reason(missing, 'flows[].connectionReferences[].used')).toMatch(/^not known for 1 of 1 flow\(s\): the definition summary does not name the connector/);
  });

  it('reads the mocked listing: Button and Recurrence triggers, ApiConnection actions without an api', () => {
    const { doc, warnings } = importListing('flow-list.spec.flowResponse.json', 'Default-d87a7535-dd31-4437-bfe1-95340acd55c5');
    expect(doc.flows.map((f: Rec) => [f.displayName, f.trigger, f.connectionReferences])).toEqual([
      ['Send myself a reminder in 10 minutes', { kind: 'instant' }, null],
      ['Get a daily digest of the top CNN news', { kind: 'scheduled' }, null],
    ]);
    expect(warnings).toEqual([]);
  });

  it('records the admin listing\'s empty trigger summary as not collected, and keeps flows in the folder they were listed under', () => {
    // The mock answers the admin request for environment Default-d87a…, but its flows say Default-1e85…
    const env = 'Default-d87a7535-dd31-4437-bfe1-95340acd55c5';
    const { doc, warnings, missing } = importListing('flow-list.spec.adminFlowResponse.json', env);
    expect(doc.flows.map((f: Rec) => [f.displayName, f.environmentId, f.trigger])).toEqual([
      ['Invoicing flow', env, null],
      ['Invoicing flow 2', env, null],
    ]);
    expect(reason(missing, 'flows[].trigger')).toMatch(/^not collected for 2 of 2 flow\(s\): the flows listing gives no trigger/);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toEqual({
      section: 'flows[].environmentId',
      message: `flow listed under environment folder ${env} says its environment is Default-1e852b49-bf4b-4ba5-bcd4-a8c4706c8ed4: kept in ${env} (a flow belongs to the environment folder it was listed under)`,
      source: expect.stringMatching(/flows\.json:\d+:\d+$/),
    });
  });
});
