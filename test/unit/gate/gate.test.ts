import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/types.js';
import { applyGate, gateVerdict, judgedByGate } from '../../../src/gate/gate.js';
import { finding, result } from './fixtures.js';

const waiver = { controlId: 'SG-FLOW-01', resource: 'f1', reason: 'r', owner: 'o', expires: '2027-01-01' };
let n = 0;
const at = (severity: Finding['severity'], extra: Partial<Finding> = {}) => finding('SG-X-01', `r${(n += 1)}`, undefined, { severity, ...extra });

describe('gateVerdict', () => {
  it('counts findings at or above the threshold', () => {
    const findings = [at('critical'), at('high'), at('medium'), at('low'), at('info')];
    expect(gateVerdict(findings, 'high')).toEqual({ failOn: 'high', failing: 2 });
    expect(gateVerdict(findings, 'info').failing).toBe(5);
    expect(gateVerdict(findings, 'none')).toEqual({ failOn: 'none', failing: 0 });
  });

  it('leaves out waived findings and, with a baseline, unchanged ones', () => {
    const findings = [at('high', { waiver }), at('high', { baselineState: 'unchanged' }), at('high', { baselineState: 'new' }), at('high')];
    expect(findings.map(judgedByGate)).toEqual([false, false, true, true]);
    expect(gateVerdict(findings, 'low').failing).toBe(2);
    expect(gateVerdict([at('high', { baselineState: 'new', waiver })], 'low').failing).toBe(0);
  });
});

describe('applyGate', () => {
  const old = finding('SG-FLOW-01', 'f1', 'u1');
  const added = finding('SG-FLOW-01', 'f1', 'u2');
  const elsewhere = finding('SG-FLOW-01', 'f9', 'u3');

  it('without a baseline or waivers: every finding at or above the threshold fails, no other field is added', () => {
    const out = applyGate(result([old, added]), { failOn: 'high' });
    expect(out.gate).toEqual({ failOn: 'high', failing: 2 });
    expect(out).not.toHaveProperty('baseline');
    expect(out).not.toHaveProperty('waivers');
    expect(out.findings).toEqual([old, added]);
  });

  it('with a baseline only new findings fail; with a waiver for one of them, only the other', () => {
    const baseline = { source: 'main', findings: [old] };
    expect(applyGate(result([old, added, elsewhere]), { failOn: 'high', baseline }).gate.failing).toBe(2);
    const waivers = { source: 'w.yaml', waivers: [{ ...waiver, principal: 'u2' }] };
    const out = applyGate(result([old, added, elsewhere]), { failOn: 'high', baseline, waivers });
    expect(out.gate.failing).toBe(1);
    expect(out.findings.map((f) => [f.principal?.id, f.baselineState, Boolean(f.waiver)])).toEqual([
      ['u1', 'unchanged', false],
      ['u2', 'new', true],
      ['u3', 'new', false],
    ]);
  });
});
