import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AS_OF, runCli } from '../helpers/cli.js';

/**
 * A Northwind tenant whose flows listing names no connector (api) on its connector steps, as the published v2
 * listings give them: the import cannot tell which connections the flows use, and the scan must still report
 * the guest running on an employee's embedded connections (SG-FLOW-03), the connections of a disabled user
 * (SG-FLOW-07) and the DLP mix (SG-FLOW-10), each saying that the use could not be confirmed.
 */
const RAW = 'test/fixtures/import/northwind-noapi';
const NOT_CONFIRMED = 'could not be confirmed: the export does not say which connectors its steps call.';
const DEFAULT_ENV = 'Default-6b1f3c2a-8d47-4e95-b0a3-2c7e9f1d5a84';
const PROD_ENV = '9e4d2b71-3c8a-4f06-a5e2-7b1c0d9f3e62';

type Finding = { controlId: string; resource: { id: string }; principal?: { id: string }; message: string };
type Scan = { findings: Finding[]; summary: { notEvaluated: { section: string; controls: string[]; reason: string }[] } };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-flows-noapi-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function importAndScan(raw: string, name: string): { imported: ReturnType<typeof runCli>; scan: Scan } {
  const out = path.join(work, name);
  const imported = runCli(['import', raw, '--out', out]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const r = runCli(['scan', out, '--as-of', AS_OF, '--output', 'json']);
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
  return { imported, scan: JSON.parse(r.stdout) as Scan };
}

const byControl = (scan: Scan, id: string) => scan.findings.filter((f) => f.controlId === id);

describe('import and scan a flows listing without connector names', () => {
  const { imported, scan } = importAndScan(RAW, 'export');

  it('says the connection use is not known rather than calling the connections unused', () => {
    expect(imported.stdout).toContain('flows[].connectionReferences[].used: not known for 3 of 3 flow(s)');
    const flows = JSON.parse(fs.readFileSync(path.join(work, 'export', 'flows.json'), 'utf8')).flows as { connectionReferences: { connectorId: string; used: unknown }[] }[];
    const used = flows.flatMap((f) => f.connectionReferences.map((c) => `${c.connectorId}=${String(c.used)}`)).sort();
    // The Twitter flow's trigger names SharePoint: that one is known to be used; the rest are not known.
    expect(used).toEqual([
      'shared_excelonlinebusiness=null',
      'shared_office365=null',
      'shared_sharepointonline=null',
      'shared_sharepointonline=null',
      'shared_sharepointonline=true',
      'shared_twitter=null',
    ]);
  });

  it('still finds the guest running on an employee\'s embedded connections (SG-FLOW-03)', () => {
    const [f] = byControl(scan, 'SG-FLOW-03');
    expect(f?.message).toContain('Flow "Supplier quote request" can be run by guest Maria Anders');
    expect(f?.message).toContain('with the embedded connections of Laura Callahan (laura.callahan@northwindtraders.com) for shared_office365, shared_sharepointonline');
    expect(f?.message).toContain(`Use of shared_office365, shared_sharepointonline by the flow ${NOT_CONFIRMED}`);
  });

  it('still finds the connections of a disabled user (SG-FLOW-07)', () => {
    const [f] = byControl(scan, 'SG-FLOW-07');
    expect(f?.message).toContain('Flow "Weekly inventory reconciliation" uses embedded connection(s) shared_excelonlinebusiness, shared_sharepointonline of Robert King');
    expect(f?.message).toContain('who is disabled');
    expect(f?.message).toContain(NOT_CONFIRMED);
  });

  it('still finds the business / non-business mix (SG-FLOW-10), naming only the connector not confirmed', () => {
    const [f] = byControl(scan, 'SG-FLOW-10');
    expect(f?.message).toContain('Flow "Announce new products on Twitter" (Suspended) in environment "Northwind Production"');
    expect(f?.message).toContain('mixes business shared_sharepointonline with non-business shared_twitter');
    expect(f?.message).toContain(`Use of shared_twitter by the flow ${NOT_CONFIRMED}`);
  });

  it('reports the unused-connection check it cannot make as not evaluated, not as a pass (SG-FLOW-11)', () => {
    expect(byControl(scan, 'SG-FLOW-11')).toEqual([]);
    const report = scan.summary.notEvaluated.find((n) => n.section === 'flows[].connectionReferences[].used');
    expect(report?.controls).toEqual(['SG-FLOW-11']);
    expect(report?.reason).toContain('"Weekly inventory reconciliation"');
  });
});

describe('import and scan flows whose files disagree', () => {
  // A copy where the Twitter flow, listed under the production folder, says it is in the default environment,
  // and the connections listing of the default environment lacks Laura's Office 365 connection.
  const raw = path.join(work, 'raw');
  fs.cpSync(RAW, raw, { recursive: true });
  const flowsFile = path.join(raw, 'powerplatform/flow/environments', PROD_ENV, 'v2/flows.json');
  const listing = JSON.parse(fs.readFileSync(flowsFile, 'utf8'));
  listing.value[0].properties.environment.name = DEFAULT_ENV;
  fs.writeFileSync(flowsFile, JSON.stringify(listing, null, 2));
  const connectionsFile = path.join(raw, 'powerplatform/powerapps/environments', DEFAULT_ENV, 'connections.json');
  const connections = JSON.parse(fs.readFileSync(connectionsFile, 'utf8'));
  connections.value = connections.value.filter((c: { properties: { apiId: string; createdBy: { id: string } } }) => !c.properties.apiId.endsWith('shared_office365'));
  fs.writeFileSync(connectionsFile, JSON.stringify(connections, null, 2));

  const { imported, scan } = importAndScan(raw, 'export-gaps');

  it('imports, warns at the raw file by the stated rule, and the scan runs', () => {
    expect(imported.stdout).toContain('warnings (2;');
    expect(imported.stdout).toMatch(/v2\/flows\.json:\d+:\d+: flow listed under environment folder 9e4d2b71-\S+ says its environment is Default-\S+: kept in 9e4d2b71-\S+ \(a flow belongs to the environment folder it was listed under\)/);
    expect(imported.stdout).toContain('flow "Supplier quote request"');
    expect(imported.stdout).toContain('which is not in the connections listing of environment Default-6b1f3c2a-8d47-4e95-b0a3-2c7e9f1d5a84');
    // The flow stays in production, where the DLP finding is.
    expect(byControl(scan, 'SG-FLOW-10')[0]?.message).toContain('in environment "Northwind Production"');
  });

  it('lists the warnings under not evaluated for the fields they limit', () => {
    const sections = scan.summary.notEvaluated.filter((n) => n.reason.includes('import warning:')).map((n) => n.section).sort();
    expect(sections).toEqual(['flows[].connectionReferences[].connectionOwnerId', 'flows[].environmentId']);
    // The lost owner joins SG-FLOW-07's report on embedded connections whose owner is not given.
    const owner = scan.summary.notEvaluated.find((n) => n.section === 'flows[].connectionReferences[].connectionOwnerId');
    expect(owner?.controls).toContain('SG-FLOW-07');
    expect(owner?.reason).toContain('"Supplier quote request"');
  });

  it('keeps the guest finding on the connection it can still place (SharePoint), not on the one whose owner is lost', () => {
    const [f] = byControl(scan, 'SG-FLOW-03');
    expect(f?.message).toContain('Laura Callahan (laura.callahan@northwindtraders.com) for shared_sharepointonline:');
  });
});
