import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { escapeHtml, html, raw, scriptJson } from '../../../src/format/html-escape.js';
import { REPORT_SCRIPT } from '../../../src/format/html-script.js';
import { formatHtml } from '../../../src/format/html.js';
import { barChart } from '../../../src/format/svg-chart.js';
import { builtinBundle } from '../../../src/scan.js';
import { expectGolden } from '../../helpers/golden.js';
import { asCompared, asDiff, contosoResult } from '../../helpers/results.js';

let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

const controls = () => builtinBundle().manifest.controls;
const page = (result: ScanResult) => formatHtml(result, { color: false, controls: controls() });
const count = (text: string, s: string | RegExp) => text.split(s).length - 1;
const dataBlock = (text: string) => /<script type="application\/json" id="shareguard-data">([\s\S]*?)<\/script>/.exec(text)![1]!;
const sha = (s: string) => `sha256-${createHash('sha256').update(s).digest('base64')}`;

describe('html format', () => {
  it('golden: the example compared with an earlier audit, as a diff, with waivers (test/fixtures/golden/contoso.html)', () => {
    expectGolden('contoso.html', page(asCompared(asDiff(contoso))));
  });

  it('is one self-contained document: nothing is loaded, and its CSP allows only its own style and script', () => {
    const text = page(asCompared(asDiff(contoso)));
    expect(text.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(text).not.toMatch(/\ssrc\s*=/i);
    expect(text).not.toMatch(/@import|url\(/i);
    for (const m of text.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z-]+$/);
    expect(count(text, '<link')).toBe(0);
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(text)![1]!;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(text)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src '${sha(style)}'; script-src '${sha(script)}'; img-src data:; base-uri 'none'; form-action 'none'`);
  });

  it('embeds the result as JSON that reads back to the same document', () => {
    const result = asCompared(asDiff(contoso));
    expect(JSON.parse(dataBlock(page(result)))).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('escapes every value from the export: a name with <script> stays text, in the rows and in the JSON', () => {
    const r = asDiff(contoso);
    const evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    r.tenant.displayName = evil;
    r.findings[0]!.resource.displayName = evil;
    r.findings[0]!.message = `Owner ${evil}\u2028next`;
    r.findings[1]!.principal = { kind: 'user', id: evil, displayName: evil };
    r.waivers!.problems[0]!.message = evil;
    r.findings.find((f) => f.waiver)!.waiver!.reason = evil;
    const text = page(r);
    expect(count(text, '<script')).toBe(2);
    expect(count(text, '</script>')).toBe(2);
    expect(text).not.toContain('<img');
    expect(text).not.toContain('onerror=alert(2)>');
    expect(text).toContain('<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;</h1>');
    const json = dataBlock(text);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json).tenant.displayName).toBe(evil);
    expect(JSON.parse(json).findings[0].message).toBe(`Owner ${evil}\u2028next`);
  });

  it('header: tenant, when the export was taken (or that it does not say), as-of, comparison and gate', () => {
    const text = page(asCompared(asDiff(contoso)));
    expect(text).toContain('<dt>Export taken</dt><dd><time datetime="2026-11-27T06:15:00.000Z">2026-11-27 06:15 UTC</time></dd>');
    expect(text).toContain('<dt>As of</dt><dd><time datetime="2026-11-30T00:00:00.000Z">2026-11-30 00:00 UTC</time></dd>');
    expect(text).toContain('<dt>Compared with</dt><dd>the audit of 2026-10-31 <code>audits/2026-10.json</code></dd>');
    expect(text).toMatch(/<dt>Gate<\/dt><dd><span class="verdict fails">fails: \d+ finding\(s\) count at or above high<\/span><\/dd>/);
    const r = structuredClone(contoso);
    delete r.exportedAt;
    expect(page(r)).toContain('<dt>Export taken</dt><dd><span class="muted">not stated in the export</span></dd>');
  });

  it('summary counts match the result, by severity and by area; the trend shows new, unchanged, resolved and direction', () => {
    const result = asCompared(contoso);
    const text = page(result);
    expect(text).toContain(`<strong data-count="total">${result.summary.total}</strong>`);
    for (const [s, n] of Object.entries(result.summary.counts)) expect(text).toContain(`data-count="${s}">${n}</td>`);
    expect(text).toContain('data-count="area-flow">17</td>');
    expect(text).toContain('<strong data-count="new">3</strong> new, <strong data-count="unchanged">62</strong> unchanged, <strong data-count="resolved">2</strong> resolved');
    expect(text).toContain('<li><span class="up">▲ 3 more high than 2026-10-31</span></li>');
    expect(text).toContain('<li><span class="down">▼ 2 fewer medium than 2026-10-31</span></li>');
    expect(text).toContain('<h2 id="resolved-heading">Resolved since 2026-10-31 (2)</h2>');
    expect(count(text, '<svg class="chart"')).toBe(2);
  });

  it('one server-rendered row per finding that is not waived; waived findings apart with owner, expiry and reason', () => {
    const result = asDiff(contoso);
    const text = page(result);
    const table = text.slice(text.indexOf('<table id="findings-table">'), text.indexOf('</table>', text.indexOf('<table id="findings-table">')));
    const indexes = [...table.matchAll(/<tr data-index="(\d+)"[^>]*data-control="([^"]+)"/g)];
    expect(indexes).toHaveLength(result.findings.filter((f) => !f.waiver).length);
    for (const [, i, control] of indexes) {
      expect(result.findings[Number(i)]!.controlId).toBe(control);
      expect(result.findings[Number(i)]!.waiver).toBeUndefined();
    }
    const waived = text.slice(text.indexOf('<table id="waived-table">'));
    expect(count(waived.slice(0, waived.indexOf('</table>')), '<tr>')).toBe(1 + 4);
    expect(waived).toContain('<td>isaiah.langer@contoso.com</td><td><time datetime="2027-03-31">2027-03-31</time></td><td>Fabrikam maintains expense processing');
    expect(text).toContain('<h3>Waiver problems (2)</h3>');
  });

  it('each finding expands to its message, remediation, location and related controls', () => {
    const f = contoso.findings.find((x) => x.references.length > 0)!;
    const text = page(contoso);
    const at = text.indexOf(`<details class="finding"><summary>${escapeHtml(f.title)}</summary>`);
    expect(at).toBeGreaterThan(0);
    const detail = text.slice(at, text.indexOf('</details>', at));
    expect(detail).toContain(`<dt>What was found</dt><dd>${escapeHtml(f.message)}</dd>`);
    expect(detail).toContain(`<dt>How to fix it</dt><dd>${escapeHtml(f.remediation)}</dd>`);
    expect(detail).toContain(`<dt>Related controls</dt><dd>${f.references.map(escapeHtml).join(', ')}</dd>`);
    expect(detail).toContain('<dt>Where</dt><dd><code class="path">examples/<wbr>contoso/<wbr>');
  });

  it('accessible markup: every th has a scope, every form control a label, filters start hidden for the script to show', () => {
    const text = page(asCompared(contoso));
    expect(count(text, /<th(?=[\s>])/)).toBe(count(text, /<th scope="(?:col|row)"/));
    for (const m of text.matchAll(/<(select|input) id="([^"]+)"/g)) expect(text).toContain(`<label for="${m[2]}">`);
    expect(text).toContain('<form id="findings-filters" class="filters" role="search" aria-label="Filter findings" hidden>');
    expect(text).toContain('<p id="findings-status" role="status" aria-live="polite">');
    expect(text).toContain('<select id="filter-change" name="filter-change">');
    expect(page(contoso)).not.toContain('id="filter-change"');
  });

  it('every control has a row in the per-control view; one with data missing and no finding is not called clean', () => {
    const r = structuredClone(contoso);
    r.findings = r.findings.filter((f) => f.controlId !== 'SG-APP-01');
    r.summary.notEvaluated = [{ section: 'apps', controls: ['SG-APP-01'], reason: 'the export has no apps section' }];
    const text = page(r);
    expect(count(text, /<tr data-control="SG-/)).toBe(49);
    expect(text).toMatch(/<tr data-control="SG-APP-01">.*?<td>Not fully evaluated \(data missing\)<\/td><\/tr>/);
    expect(text).toContain('<h2 id="not-evaluated-heading">Not evaluated (1)</h2>');
    expect(text).toContain('<a href="#findings-heading" data-filter-control="SG-FLOW-01" class="id">SG-FLOW-01</a>');
  });

  it('the inline script is valid JavaScript and uses neither the network, storage nor eval', () => {
    expect(() => new Function(REPORT_SCRIPT)).not.toThrow();
    expect(REPORT_SCRIPT).not.toMatch(/fetch|XMLHttpRequest|localStorage|sessionStorage|eval\(|new Function|import\(|innerHTML/);
  });
});

describe('html building blocks', () => {
  it('html`` escapes what it interpolates unless it is SafeHtml; escapeHtml covers & < > " \'', () => {
    expect(html`<p title="${'"x"'}">${'<b>'}${raw('<i>ok</i>')}${['a', html`<br>`]}${null}${false}${3}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;b&gt;<i>ok</i>a<br>3</p>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('scriptJson writes < > & and line separators as \\u escapes that read back the same', () => {
    const value = { s: '</script><!-- & \u2028\u2029 >' };
    const text = scriptJson(value);
    expect(text).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('barChart scales bars to the largest value and names every value in its text alternative', () => {
    const svg = barChart('c', 'By severity', [
      { label: 'High <x>', value: 10, tone: 'high' },
      { label: 'Low', value: 5, tone: 'low' },
      { label: 'Info', value: 0, tone: 'info' },
    ]).value;
    expect(svg).toContain('role="img" aria-labelledby="c-title"');
    expect(svg).toContain('<title id="c-title">By severity: High &lt;x&gt; 10, Low 5, Info 0</title>');
    const widths = [...svg.matchAll(/<rect class="(\w+)"[^>]* width="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(widths).toEqual([
      ['high', 220],
      ['low', 110],
      ['info', 0],
    ]);
  });
});
