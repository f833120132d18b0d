import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { exportRootFile } from '../../src/cli/report-options.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { sarifErrors } from '../helpers/sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const scanAs = (format: string, extra: string[] = []) => runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', format, ...extra]);

describe('scan --output sarif | junit | markdown on the example tenant (golden files)', () => {
  it.each([
    ['sarif', 'contoso.sarif'],
    ['junit', 'contoso.junit.xml'],
    ['markdown', 'contoso.md'],
  ])('%s matches test/fixtures/golden/%s', (format, golden) => {
    const r = scanAs(format);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expectGolden(golden, r.stdout);
  });

  it('the SARIF the CLI writes is valid, has every enabled control as a rule, and locations relative to the working directory', () => {
    const doc = JSON.parse(scanAs('sarif').stdout);
    expect(sarifErrors(doc)).toEqual([]);
    expect(doc.runs[0].tool.driver.rules).toHaveLength(49);
    const uris = new Set(doc.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri));
    for (const uri of uris) expect(fs.existsSync(path.join(ROOT, uri as string)), String(uri)).toBe(true);
  });

  it('an export named by its absolute path still gets locations relative to the working directory', () => {
    const r = runCli(['scan', path.join(ROOT, EXAMPLE), '--as-of', AS_OF, '--output', 'sarif']);
    const doc = JSON.parse(r.stdout);
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\/contoso\//);
  });

  it('controls turned off in the configuration are not listed as rules or test cases', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-formats-'));
    const config = path.join(dir, 'shareguard.yaml');
    fs.writeFileSync(config, 'schemaVersion: 1\ncontrols:\n  SG-COLLAB-06:\n    enabled: false\n');
    const sarif = JSON.parse(scanAs('sarif', ['--config', config]).stdout);
    expect(sarif.runs[0].tool.driver.rules.map((x: any) => x.id)).not.toContain('SG-COLLAB-06');
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(48);
    const junit = scanAs('junit', ['--config', config]).stdout;
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).not.toContain('SG-COLLAB-06');
    expect(junit).toMatch(/<testsuites [^>]*tests="48"/);
  });

  it('--out writes the report to a file', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-formats-')), 'results.sarif');
    const r = scanAs('sarif', ['--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });
});

describe('exportRootFile: where a finding without a location points', () => {
  it('is the file fewest folders deep of those a scan reads', async () => {
    expect(await exportRootFile([EXAMPLE])).toBe('examples/contoso/tenant.yaml');
    expect(await exportRootFile(['examples/contoso/users', 'examples/contoso/groups/groups.yaml'])).toBe('examples/contoso/users/guests.json');
    expect(await exportRootFile(['no/such/dir'])).toBeUndefined();
  });
});
