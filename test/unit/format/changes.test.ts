import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { changeOf, changeView, describeDirection, totalDirection, trendPhrases } from '../../../src/format/changes.js';
import { asCompared, asDiff, contosoResult } from '../../helpers/results.js';

let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

describe('changes since an earlier run, as the reports for people show them', () => {
  it('describeDirection: an arrow, the difference and what it is counted against', () => {
    expect(describeDirection({ now: 15, before: 19 }, 'high', '2026-10-31')).toBe('▼ 4 fewer high than 2026-10-31');
    expect(describeDirection({ now: 3, before: 2 }, 'critical', 'the baseline')).toBe('▲ 1 more critical than the baseline');
    expect(describeDirection({ now: 21, before: 21 }, 'medium', '2026-10-31')).toBe('= 21 medium, as in 2026-10-31');
  });

  it('with --compare: the trend, its date, and the earlier counts as the earlier document gave them', () => {
    const view = changeView(asCompared(contoso))!;
    expect(view).toMatchObject({ source: 'audits/2026-10.json', since: '2026-10-31', label: '2026-10-31' });
    expect([view.added.length, view.unchanged.length, view.resolved.length]).toEqual([3, 62, 2]);
    expect(view.bySeverity.find((d) => d.severity === 'high')).toEqual({ severity: 'high', now: 25, before: 22 });
    expect(trendPhrases(view)).toEqual(['▲ 3 more high than 2026-10-31', '▼ 2 fewer medium than 2026-10-31']);
    expect(totalDirection(view)).toBe('▲ 1 more finding than 2026-10-31');
  });

  it('with a baseline only: its states, and earlier counts worked out as unchanged plus resolved', () => {
    const diff = asDiff(contoso);
    const view = changeView(diff)!;
    expect(view).toMatchObject({ source: 'base/exports', since: null, label: 'the baseline' });
    expect(view.added).toHaveLength(5);
    const medium = view.bySeverity.find((d) => d.severity === 'medium')!;
    expect(medium).toEqual({ severity: 'medium', now: 26, before: 28 });
    expect(diff.findings.every((f) => changeOf(f, diff) === f.baselineState)).toBe(true);
  });

  it('--compare wins over a baseline in the report, and nothing at all gives no view', () => {
    const both = asCompared(asDiff(contoso));
    expect(changeView(both)?.source).toBe('audits/2026-10.json');
    expect(both.findings.every((f) => changeOf(f, both) === f.trend)).toBe(true);
    expect(changeView(contoso)).toBeUndefined();
  });
});
