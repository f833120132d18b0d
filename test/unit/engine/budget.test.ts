import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_OBJECTS, DEFAULT_TIMEOUT_SECONDS, EvaluationBudget } from '../../../src/engine/engine.js';
import { loadTenant, scan, withBudgetFor, builtinBundle } from '../../../src/scan.js';

describe('the evaluation budget (--timeout)', () => {
  it('grows a default limit with the tenant: 300 s per 100,000 objects, never below 300 s', () => {
    const budget = new EvaluationBudget();
    budget.allowFor(50_000);
    expect(budget.timeoutSeconds).toBe(DEFAULT_TIMEOUT_SECONDS);
    budget.allowFor(1_275_000);
    expect(budget.timeoutSeconds).toBe(Math.ceil((DEFAULT_TIMEOUT_SECONDS * 1_275_000) / DEFAULT_TIMEOUT_OBJECTS));
    expect(budget.timeoutSeconds).toBe(3825);
    expect(budget.remaining).toBeGreaterThan(3824 * 1000);
    // A smaller tenant later (a diff's other side) does not take the room back.
    budget.allowFor(10);
    expect(budget.timeoutSeconds).toBe(3825);
  });

  it('never changes a limit given with --timeout', () => {
    const budget = new EvaluationBudget(60);
    budget.allowFor(10_000_000);
    expect(budget.timeoutSeconds).toBe(60);
    expect(budget.remaining).toBeLessThanOrEqual(60_000);
  });

  it('gives a scan of a bundle without a budget one of its own, grown for its tenant, leaving the shared bundle untouched', async () => {
    const loaded = await loadTenant(['examples/contoso']);
    const shared = builtinBundle();
    const own = withBudgetFor({ ...loaded, stats: { ...loaded.stats, objects: { users: 400_000 } } }, shared);
    expect(shared.budget).toBeUndefined();
    expect(own.budget?.timeoutSeconds).toBe(1200);
    const result = await scan(loaded, { asOf: new Date('2026-11-30T00:00:00Z'), bundle: own });
    expect(result.findings.length).toBeGreaterThan(0);
  });
});
