import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byId, CONTOSO_RAW, copyFixture, imported } from './helpers.js';

/**
 * What the flows import does with listings that leave things out or disagree with each other, on copies of the
 * Contoso raw folder changed one way at a time: connection use not known, trigger not given, a flow whose
 * stated environment is not its folder, a connection missing from the connections listing.
 */
type Rec = Record<string, any>;

const ENV = '2cb1134d-4727-4034-8b14-cbcda28eb4e4';
const FLOWS = `powerplatform/flow/environments/${ENV}/v2/flows.json`;
const CONNECTIONS = `powerplatform/powerapps/environments/${ENV}/connections.json`;
/** "Invoice approval routing": SharePoint trigger; Approvals, Office 365 and Compose actions; three embedded connections. */
const INVOICE = '5847c290-6ff9-4417-8b35-c29da535043d';
const OFFICE_CONNECTION = 'shared-office365-37ba97d6-cdfb-44b5-9f33-0f781e25ee91';

/** Imports a copy of contoso-raw after `change` has edited the listing at `rel` (parsed JSON, in place). */
function importChanged(rel: string, change: (listing: Rec) => void): Rec {
  const root = copyFixture(CONTOSO_RAW);
  try {
    const file = path.join(root, rel);
    const listing = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(listing);
    fs.writeFileSync(file, JSON.stringify(listing, null, 2));
    return imported(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const invoiceOf = (listing: Rec): Rec => listing.value.find((f: Rec) => f.name === INVOICE);
const usedOf = (doc: Rec): Record<string, unknown> =>
  Object.fromEntries(byId(doc.flows, INVOICE).connectionReferences.map((c: Rec) => [c.connectorId, c.used]));
const missing = (doc: Rec, section: string): string | undefined => doc.collection.missing.find((m: Rec) => m.section === section)?.reason;

describe('import: which connections a flow uses', () => {
  it('marks a connector no step names unused only when every connector step names its api', () => {
    const doc = importChanged(FLOWS, (listing) => {
      // The Office 365 action goes: every connector step left names its api (Compose calls no connector).
      const summary = invoiceOf(listing).properties.definitionSummary;
      summary.actions = summary.actions.filter((a: Rec) => a.api?.name !== 'shared_office365');
    });
    expect(usedOf(doc)).toEqual({ shared_sharepointonline: true, shared_approvals: true, shared_office365: false });
    expect(missing(doc, 'flows[].connectionReferences[].used')).toBeUndefined();
  });

  it('leaves connectors no step names not known (null) when a connector step names no api', () => {
    const doc = importChanged(FLOWS, (listing) => {
      const summary = invoiceOf(listing).properties.definitionSummary;
      for (const a of summary.actions) if (a.api?.name === 'shared_office365') delete a.api;
    });
    // Still named by the trigger and the Approvals step: true. Named by no step, and one step is unnamed: null.
    expect(usedOf(doc)).toEqual({ shared_sharepointonline: true, shared_approvals: true, shared_office365: null });
    expect(missing(doc, 'flows[].connectionReferences[].used')).toMatch(/^not known for 1 of \d+ flow\(s\)/);
  });

  it('leaves every connection not known when the summary lists no step at all', () => {
    const doc = importChanged(FLOWS, (listing) => {
      invoiceOf(listing).properties.definitionSummary = { triggers: [], actions: [] };
    });
    expect(usedOf(doc)).toEqual({ shared_sharepointonline: null, shared_approvals: null, shared_office365: null });
  });
});

describe('import: a trigger the listing does not give', () => {
  it('records an empty trigger summary as not collected, with a count', () => {
    const doc = importChanged(FLOWS, (listing) => {
      invoiceOf(listing).properties.definitionSummary.triggers = [];
    });
    expect(byId(doc.flows, INVOICE).trigger).toBeNull();
    expect(missing(doc, 'flows[].trigger')).toMatch(/^not collected for 1 of 17 flow\(s\): the flows listing gives no trigger/);
  });

  it('records a missing summary the same way', () => {
    const doc = importChanged(FLOWS, (listing) => {
      delete invoiceOf(listing).properties.definitionSummary;
    });
    expect(byId(doc.flows, INVOICE).trigger).toBeNull();
    expect(byId(doc.flows, INVOICE).connectionReferences.every((c: Rec) => c.used === null)).toBe(true);
    expect(missing(doc, 'flows[].trigger')).toMatch(/^not collected for 1 of 17 flow\(s\)/);
  });

  it('says nothing when every flow gives its trigger', () => {
    expect(missing(imported(CONTOSO_RAW), 'flows[].trigger')).toBeUndefined();
    expect(imported(CONTOSO_RAW).collection.warnings).toEqual([]);
  });
});

describe('import: flows and connections that disagree across files', () => {
  it('keeps a flow in the environment folder it was listed under, and warns at its stated environment', () => {
    const doc = importChanged(FLOWS, (listing) => {
      invoiceOf(listing).properties.environment.name = 'f82d5fae-11b2-4ce0-ab24-b44aeadf36b8';
    });
    expect(byId(doc.flows, INVOICE).environmentId).toBe(ENV);
    expect(doc.collection.warnings).toEqual([
      {
        section: 'flows[].environmentId',
        message: `flow listed under environment folder ${ENV} says its environment is f82d5fae-11b2-4ce0-ab24-b44aeadf36b8: kept in ${ENV} (a flow belongs to the environment folder it was listed under)`,
        source: expect.stringMatching(new RegExp(`${FLOWS.replace(/[.]/g, '\\.')}:\\d+:\\d+$`)),
      },
    ]);
  });

  it('keeps a reference to a connection the connections listing lacks, with its owner not known, and warns', () => {
    const doc = importChanged(CONNECTIONS, (listing) => {
      listing.value = listing.value.filter((c: Rec) => c.name !== OFFICE_CONNECTION);
    });
    const ref = byId(doc.flows, INVOICE).connectionReferences.find((c: Rec) => c.id === OFFICE_CONNECTION);
    expect(ref).toEqual({ id: OFFICE_CONNECTION, connectorId: 'shared_office365', connectionOwnerId: null, runtimeSource: 'embedded', used: true });
    expect(doc.collection.warnings).toEqual([
      {
        section: 'flows[].connectionReferences[].connectionOwnerId',
        message: `flow "Invoice approval routing" (${INVOICE}) refers to connection ${OFFICE_CONNECTION} (shared_office365), which is not in the connections listing of environment ${ENV} (${CONNECTIONS}): kept with its owner not known`,
        source: expect.stringMatching(/flows\.json:\d+:\d+$/),
      },
    ]);
  });
});
