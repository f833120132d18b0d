import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, runCli } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-audit-'));
const scanArgs = (...extra: string[]) => ['scan', EXAMPLE, '--as-of', AS_OF, ...extra];
const dataBlock = (text: string) => JSON.parse(/<script type="application\/json" id="shareguard-data">([\s\S]*?)<\/script>/.exec(text)![1]!) as ScanResult;

let plain: ScanResult;
/** An earlier audit of Contoso, a month before: without the first three high findings, with one finding since fixed. */
let earlierFile: string;

beforeAll(() => {
  const r = runCli(scanArgs('--output', 'json'));
  plain = JSON.parse(r.stdout) as ScanResult;
  const earlier = structuredClone(plain);
  earlier.asOf = '2026-10-31T00:00:00.000Z';
  const highs = earlier.findings.filter((f) => f.severity === 'high').slice(0, 3);
  earlier.findings = earlier.findings.filter((f) => !highs.includes(f));
  earlier.findings.push({ ...structuredClone(earlier.findings[0]!), fingerprint: 'fixed-since', severity: 'critical' });
  earlierFile = path.join(tmp(), 'audit-2026-10.json');
  fs.writeFileSync(earlierFile, JSON.stringify(earlier, null, 2));
});

describe('audit reports from the CLI: html, csv, --compare, progress', () => {
  it('--output html --out writes one page holding the same result as --output json; nothing else is printed', () => {
    const out = path.join(tmp(), 'report.html');
    const r = runCli(scanArgs('--output', 'html', '--out', out));
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
    const text = fs.readFileSync(out, 'utf8');
    expect(dataBlock(text)).toEqual(plain);
    expect(text).toContain('<h1>Contoso Ltd</h1>');
  });

  it('--output csv: a header and one row per finding', () => {
    const r = runCli(scanArgs('--output', 'csv'));
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('controlId,severity,title,')).toBe(true);
    expect(r.stdout.split('\r\n').filter((l) => /^SG-/.test(l))).toHaveLength(plain.findings.length);
  });

  it('--compare marks findings new or unchanged and lists resolved ones, and leaves the gate and exit code alone', () => {
    const r = runCli(scanArgs('--compare', earlierFile, '--output', 'json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as ScanResult;
    expect(result.gate).toEqual(plain.gate);
    expect(result.findings.filter((f) => f.trend === 'new')).toHaveLength(3);
    expect(result.findings.filter((f) => f.trend === 'unchanged')).toHaveLength(plain.findings.length - 3);
    expect(result.findings.some((f) => f.baselineState !== undefined)).toBe(false);
    expect(result.comparison).toMatchObject({ source: earlierFile, asOf: '2026-10-31T00:00:00.000Z', counts: { critical: 3, high: 22 } });
    expect(result.comparison!.resolved.map((f) => f.fingerprint)).toEqual(['fixed-since']);

    // The same file as a baseline does change the gate: only the three new findings count.
    const gated = JSON.parse(runCli(scanArgs('--baseline', earlierFile, '--output', 'json')).stdout) as ScanResult;
    expect(gated.gate!.failing).toBe(3);
    // ...and GitHub annotations stay those of the plain run with --compare.
    expect(runCli(scanArgs('--compare', earlierFile, '--output', 'github')).stdout).toBe(runCli(scanArgs('--output', 'github')).stdout);
  });

  it('the HTML and Markdown reports show the trend since the earlier audit', () => {
    const md = runCli(scanArgs('--compare', earlierFile, '--output', 'markdown')).stdout;
    expect(md).toContain('**3 new**, 64 unchanged, 1 resolved.');
    expect(md).toContain('Trend: ▼ 1 fewer critical than 2026-10-31; ▲ 3 more high than 2026-10-31; ▲ 2 more findings than 2026-10-31.');
    const out = path.join(tmp(), 'report.html');
    runCli(scanArgs('--compare', earlierFile, '--output', 'html', '--out', out));
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<h3 id="trend-heading">Since 2026-10-31</h3>');
    expect(html).toContain('<li><span class="down">▼ 1 fewer critical than 2026-10-31</span></li>');
  });

  it("another tenant's result is refused: exit code 2, where and why, and no report written", () => {
    const other = JSON.parse(fs.readFileSync(earlierFile, 'utf8')) as ScanResult;
    other.tenant = { id: '9d2f5b1c-0000-4000-8000-000000000001', displayName: 'Fabrikam Inc' };
    const file = path.join(tmp(), 'fabrikam.json');
    fs.writeFileSync(file, JSON.stringify(other, null, 2));
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"id": "9d2f5b1c')) + 1;
    const out = path.join(tmp(), 'report.html');
    const r = runCli(scanArgs('--compare', file, '--output', 'html', '--out', out));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${file}:${line}:11: the earlier result is of tenant "Fabrikam Inc" (id 9d2f5b1c-0000-4000-8000-000000000001), not of this export's tenant "Contoso Ltd" (id e0301ced-7639-45ff-9a11-0a371eee253c): a trend compares two audits of one tenant\n`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a compare file that is not a scan result is an input error before any scan', () => {
    const r = runCli(scanArgs('--compare', 'examples/waivers.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^examples\/waivers\.yaml:\d+:\d+: not a shareguard scan result; the earlier result is the JSON document written by `shareguard scan --output json`\n$/);
  });

  it('prints no progress when stderr is not a terminal (scan and diff), and --quiet changes nothing else', () => {
    const scanRun = runCli(scanArgs());
    expect(scanRun.stderr).toBe('');
    expect(runCli(['diff', EXAMPLE, EXAMPLE, '--as-of', AS_OF]).stderr).toBe('');
    const quiet = runCli(scanArgs('--quiet'));
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([scanRun.code, scanRun.stdout, '']);
  });
});
