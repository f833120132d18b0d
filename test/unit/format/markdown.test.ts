import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../../../src/findings/types.js';
import { DEFAULT_MAX_LENGTH, formatMarkdown } from '../../../src/format/markdown.js';
import { codeSpan, escapeMarkdown } from '../../../src/format/markdown-escape.js';
import { expectGolden } from '../../helpers/golden.js';
import { asDiff, contosoResult } from '../../helpers/results.js';

let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

const md = (result: ScanResult, extra: { marker?: string; maxLength?: number } = {}) => formatMarkdown(result, { color: false, ...extra });
const count = (text: string, s: string) => text.split(s).length - 1;

describe('markdown format', () => {
  it('golden: the example as a diff with waivers and a gate (test/fixtures/golden/contoso-diff.md)', () => {
    expectGolden('contoso-diff.md', md(asDiff(contoso), { marker: 'shareguard-report' }));
  });

  it('starts with the marker when given, then the title with tenant and as-of; invalid markers are refused', () => {
    const text = md(contoso, { marker: 'shareguard-report' });
    expect(text.split('\n').slice(0, 2)).toEqual(['<!-- shareguard-report -->', '## shareguard: Contoso Ltd, as of 2026-11-30T00:00:00.000Z']);
    expect(md(contoso).startsWith('## shareguard: Contoso Ltd')).toBe(true);
    expect(() => md(contoso, { marker: 'x --> <script>' })).toThrow(/invalid comment marker/);
  });

  it('summarises by severity; new and resolved columns only with a baseline, waived only with waivers', () => {
    const plain = md(contoso);
    expect(plain).toContain('| Severity | Findings |\n|:--|--:|\n| Critical | 2 |');
    expect(plain).toContain('| **Total** | **67** |');
    expect(plain).not.toContain('| New |');
    expect(plain).not.toContain('Waived');
    const diff = asDiff(contoso);
    const text = md(diff);
    expect(text).toContain('| Severity | Findings | New | Resolved | Waived |');
    for (const [label, severity] of [['Critical', 'critical'], ['High', 'high'], ['Medium', 'medium'], ['Low', 'low']] as const) {
      const now = diff.findings.filter((f) => f.severity === severity);
      const row = [now.length, now.filter((f) => f.baselineState === 'new').length, diff.baseline!.resolved.filter((f) => f.severity === severity).length, now.filter((f) => f.waiver).length];
      expect(text).toContain(`| ${label} | ${row.join(' | ')} |`);
    }
    expect(text).toContain('| Medium | 26 | 0 | 2 | 1 |');
    expect(text).toContain(`| **Total** | **${diff.findings.length}** | **5** | **2** | **4** |`);
    expect(text).toContain(`Gate (\`--fail-on high\`): **fails**, ${diff.gate!.failing} finding(s) count.`);
    expect(text).toContain('Compared with `base/exports`: **5 new**, 60 unchanged, 2 resolved.');
    expect(text).toContain('Waivers from `examples/waivers.yaml`: 4 applied, 2 problem(s).');
  });

  it('new findings come first, then unchanged, resolved, waived; severe groups of new findings are open', () => {
    const text = md(asDiff(contoso));
    const at = (s: string) => text.indexOf(s);
    expect(at('### New findings (5)')).toBeGreaterThan(0);
    expect(at('### New findings (5)')).toBeLessThan(at('### Unchanged findings (56)'));
    expect(at('### Unchanged findings (56)')).toBeLessThan(at('### Resolved since the baseline (2)'));
    expect(at('### Resolved since the baseline (2)')).toBeLessThan(at('### Waived (4)'));
    expect(at('### Waived (4)')).toBeLessThan(at('### Waiver problems (2)'));
    const newSection = text.slice(at('### New findings ('), at('### Unchanged findings ('));
    expect(newSection).toContain('<details open><summary><b>Critical (2)</b></summary>');
    const unchanged = text.slice(at('### Unchanged findings ('), at('### Resolved'));
    expect(unchanged).not.toContain('<details open>');
    expect(text).toContain(
      'Waived: Fabrikam maintains expense processing under contract FAB-2025-014 until the flow moves to a Finance-owned solution (owner `isaiah.langer@contoso.com`, expires 2027-03-31).',
    );
    expect(text).toContain('- **expired**: waiver for SG-GUEST-04 on `06c750eb-0c4f-4426-b95f-9264926d91d7`');
    expect(count(text, '<details')).toBe(count(text, '</details>'));
  });

  it('a new finding that is waived is listed under Waived, and said to be new', () => {
    const diff = asDiff(contoso);
    const added = diff.findings.find((f) => f.baselineState === 'new' && f.severity === 'high')!;
    added.waiver = { controlId: added.controlId, resource: added.resource.id, reason: 'Accepted <for now>', owner: 'ciso@contoso.com', expires: '2027-01-31' };
    const text = md(diff);
    expect(text).toContain('**5 new** (1 of them waived), ');
    expect(text).toContain('### New findings (4)');
    expect(text).toContain('Waived: Accepted &lt;for now&gt; (owner `ciso@contoso.com`, expires 2027-01-31). New since the baseline.');
  });

  it('escapes user data: no HTML, links, images, emphasis, table breaks, mentions or issue references', () => {
    const r = structuredClone(contoso);
    r.findings[0]!.message = 'Owner <img src=x onerror=alert(1)> **boss** [click](https://evil.example) ![i](x) `rm -rf` a|b @admins #12 www.evil.example\nnext line';
    r.tenant.displayName = 'Contoso <b>Ltd</b>';
    const text = md(r);
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<b>Ltd');
    expect(text).toContain('## shareguard: Contoso &lt;b&gt;Ltd&lt;/b&gt;, as of');
    const line = text.split('\n').find((l) => l.includes('Owner &lt;img'))!;
    expect(line).toContain('Owner &lt;img src=x onerror=alert(1)&gt; \\*\\*boss\\*\\* \\[click\\](`https://evil.example`) !\\[i\\](x) \\`rm -rf\\` a\\|b `@admins` `#12` `www.evil.example` next line');
  });

  it('escapeMarkdown and codeSpan', () => {
    expect(escapeMarkdown('a_b*c\\d')).toBe('a\\_b\\*c\\\\d');
    expect(escapeMarkdown('x @@y')).toBe('x `@@y`');
    expect(escapeMarkdown('lee.gu@contoso.com.')).toBe('`lee.gu@contoso.com`.');
    expect(escapeMarkdown('see GH-123, #4 and o/r#5 at deadbeef')).toBe('see `GH-123`, `#4` and `o/r#5` at `deadbeef`');
    expect(escapeMarkdown('a\u202Eb\u001b[2J')).toBe('a&lt;U+202E&gt;b\\\\x1b\\[2J');
    expect(codeSpan('exports/a.yaml:3:5')).toBe('`exports/a.yaml:3:5`');
    expect(codeSpan('we`ird')).toBe('`` we`ird ``');
  });

  it(`stays under ${DEFAULT_MAX_LENGTH} characters, closes every block, and says how many findings it left out`, () => {
    const r = structuredClone(contoso);
    const template = r.findings[5]!;
    r.findings = Array.from({ length: 3000 }, (_, i): Finding => ({
      ...template,
      severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4],
      message: `Finding ${i}: ${'x'.repeat(200)}`,
      fingerprint: String(i).padStart(32, '0'),
    }));
    r.summary.total = 3000;
    const text = md(r, { marker: 'shareguard-report' });
    expect(text.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
    expect(count(text, '<details')).toBe(count(text, '</details>'));
    const shown = count(text, '\n- **');
    const more = /\n…and (\d+) more finding\(s\) not shown here \(cut to fit\)/.exec(text);
    expect(more).not.toBeNull();
    expect(shown + Number(more![1])).toBe(3000);
    expect(shown).toBeGreaterThan(100);
    expect(text.endsWith('full details in the JSON or SARIF report</sub>\n')).toBe(true);

    const small = md(r, { maxLength: 5000 });
    expect(small.length).toBeLessThanOrEqual(5000);
    expect(count(small, '\n- **') + Number(/…and (\d+) more/.exec(small)![1])).toBe(3000);
  });

  it('long names in the head are cut, so the cap holds whatever the export says', () => {
    const r = asDiff(contoso);
    r.tenant.displayName = 'T'.repeat(100_000);
    r.baseline!.source = 'b'.repeat(100_000);
    r.waivers!.source = 'w'.repeat(100_000);
    const text = md(r);
    expect(text.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
    expect(text).toContain(`## shareguard: ${'T'.repeat(199)}…, as of`);
  });

  it('a long message is cut to 600 characters', () => {
    const r = structuredClone(contoso);
    r.findings[0]!.message = 'y'.repeat(5000);
    const line = md(r).split('\n').find((l) => l.includes('yyyy'))!;
    expect(line).toContain(`${'y'.repeat(599)}…`);
    expect(line).not.toContain('y'.repeat(600));
  });

  it('no findings: says so, with no finding sections', () => {
    const r = structuredClone(contoso);
    r.findings = [];
    r.summary.total = 0;
    r.summary.counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    const text = md(r);
    expect(text).toContain('**No findings.**');
    expect(text).not.toContain('<details');
  });
});
