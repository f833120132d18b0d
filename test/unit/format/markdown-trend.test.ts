import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { applyGate } from '../../../src/gate/gate.js';
import { formatMarkdown } from '../../../src/format/markdown.js';
import { expectGolden } from '../../helpers/golden.js';
import { asCompared, asDiff, contosoResult } from '../../helpers/results.js';

let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

const md = (result: ScanResult) => formatMarkdown(result, { color: false });

describe('markdown format with scan --compare (the trend since the last audit)', () => {
  it('golden: the example compared with an earlier audit (test/fixtures/golden/contoso-compare.md)', () => {
    expectGolden('contoso-compare.md', md(asCompared(contoso)));
  });

  it('says what is new, unchanged and resolved since the earlier audit, and the direction by severity and in all', () => {
    const text = md(asCompared(contoso));
    expect(text).toContain('Compared with the audit of 2026-10-31 (`audits/2026-10.json`): **3 new**, 62 unchanged, 2 resolved.');
    expect(text).toContain('Trend: ▲ 3 more high than 2026-10-31; ▼ 2 fewer medium than 2026-10-31; ▲ 1 more finding than 2026-10-31.');
    expect(text).toContain('| Severity | Findings | New | Resolved |');
    expect(text).toContain('| High | 25 | 3 | 0 |');
    expect(text).toContain('| Medium | 26 | 0 | 2 |');
    expect(text).toContain('### New findings (3)');
    expect(text).toContain('### Resolved since 2026-10-31 (2)');
  });

  it('the trend is the report\'s view: with a baseline too, the gate line still counts by the baseline', () => {
    const both = asCompared(asDiff(contoso));
    const text = md(both);
    expect(text).toContain(`Gate (\`--fail-on high\`): **fails**, ${both.gate!.failing} finding(s) count.`);
    expect(text).toContain('Compared with the audit of 2026-10-31');
    expect(text).not.toContain('Compared with `base/exports`');
  });

  it('no change at all is said in words', () => {
    const same = asCompared(contoso);
    same.comparison!.counts = { critical: 2, high: 25, medium: 26, low: 12, info: 0 };
    expect(md(same)).toContain('Trend: no change in the number of findings of any severity since 2026-10-31; = 65 findings, as in 2026-10-31.');
  });

  it('without a comparison or a baseline there is no trend line and no New column', () => {
    const text = md(applyGate(contoso, { failOn: 'low' }));
    expect(text).not.toContain('Trend:');
    expect(text).not.toContain('| New |');
  });
});
