import { describe, expect, it } from 'vitest';
import { countObjects, loadExport } from '../../../src/load/index.js';
import type { LoadProgress } from '../../../src/load/types.js';
import { scan, type ScanPhase, type ScanProgress } from '../../../src/scan.js';
import { AS_OF, EXAMPLE } from '../../helpers/cli.js';

describe('progress callbacks (the library reports, the CLI draws)', () => {
  it('a scan reports files read, objects validated and controls evaluated, each counting up to its total, between its phases', async () => {
    const events: (ScanProgress | ScanPhase)[] = [];
    const result = await scan([EXAMPLE], { asOf: new Date(AS_OF), onProgress: (p) => events.push(p), onPhase: (p) => events.push(p) });
    const of = (step: ScanProgress['step']) => events.filter((e): e is ScanProgress => typeof e === 'object' && e.step === step);

    const read = of('read');
    expect(read.map((e) => e.done)).toEqual(Array.from({ length: result.summary.files }, (_, i) => i + 1));
    expect(read.every((e) => e.total === result.summary.files)).toBe(true);

    const validate = of('validate');
    expect(validate).toHaveLength(result.summary.files);
    const objects = Object.values(result.summary.objects).reduce((a, b) => a + b, 0);
    // Every list object, plus each settings section once per file that has it.
    expect(validate.at(-1)!.done).toBe(validate.at(-1)!.total);
    expect(validate.at(-1)!.total).toBeGreaterThanOrEqual(objects);
    expect(validate.map((e) => e.done)).toEqual([...validate.map((e) => e.done)].sort((a, b) => a - b));

    const evaluate = of('evaluate');
    expect(evaluate.map((e) => `${e.done}/${e.total}`)).toEqual(Array.from({ length: 49 }, (_, i) => `${i + 1}/49`));

    const at = (e: ScanProgress | ScanPhase) => events.indexOf(e);
    expect(at('load')).toBeLessThan(at(read[0]!));
    expect(at(validate.at(-1)!)).toBeLessThan(at('engine'));
    expect(at('evaluate')).toBeLessThan(at(evaluate[0]!));
    expect(at(evaluate.at(-1)!)).toBeLessThan(at('findings'));
  });

  it('controls turned off are not counted', async () => {
    const evaluate: ScanProgress[] = [];
    await scan([EXAMPLE], { asOf: new Date(AS_OF), controls: { 'SG-APP-01': { enabled: false } }, onProgress: (p) => p.step === 'evaluate' && evaluate.push(p) });
    expect(evaluate.at(-1)).toEqual({ step: 'evaluate', done: 48, total: 48 });
  });

  it('loadExport counts objects per file: list entries, and settings sections', async () => {
    const events: LoadProgress[] = [];
    const merged = await loadExport(['examples/contoso/users', 'examples/contoso/tenant.yaml'], { onProgress: (p) => events.push(p) });
    const users = merged.users?.length ?? 0;
    expect(users).toBeGreaterThan(0);
    expect(events.filter((e) => e.step === 'validate').at(-1)).toEqual({ step: 'validate', done: users + 2, total: users + 2 }); // + tenant, powerPlatform
    const parsed = { file: 'x.yaml', format: 'yaml' as const, locate: () => ({ file: 'x.yaml', line: 1, column: 1 }) };
    expect(countObjects({ ...parsed, value: { schemaVersion: 1, users: [{}, {}], flows: [{}], tenant: {}, externalCollaboration: null } })).toBe(4);
    expect(countObjects({ ...parsed, value: null })).toBe(0);
  });
});
