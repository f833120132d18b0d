import { it, expect } from 'vitest';
import { loadTenant } from '../../../src/scan.js';
import { resolveChanges } from '../../../src/simulate/resolve.js';
import { simulate } from '../../../src/simulate/simulate.js';
it('cx', async () => {
  const t = await loadTenant(['examples/contoso']);
  const raw = JSON.parse(process.env.CX!);
  const changes = resolveChanges(raw, t.tenant);
  const asOf = new Date('2026-11-30T00:00:00Z');
  const a = await simulate(t, changes, { asOf });
  const b = await simulate(t, changes, { asOf, strategy: 'rescan' });
  const f = (r: any) => r.results.map((x: any) => ({ applied: x.effects.applied, i: x.introduced.map((f: any) => f.controlId + ' ' + f.resource.displayName).sort(), r: x.resolved.map((f: any) => f.controlId + ' ' + f.resource.displayName).sort() }));
  console.log(JSON.stringify(f(a)), '\n', JSON.stringify(f(b)));
  expect(f(a)).toEqual(f(b));
});
