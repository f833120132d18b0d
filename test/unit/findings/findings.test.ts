import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../../src/errors.js';
import { FindingsCollector, fingerprint, groupNotEvaluated, toFindings } from '../../../src/findings/findings.js';

const raw = (over: Record<string, unknown> = {}) => ({
  controlId: 'SG-FLOW-01',
  severity: 'high',
  title: 'Flow has an external co-owner',
  message: 'm',
  remediation: 'r\n',
  references: ['CIS 1'],
  resource: { kind: 'flow', id: 'f1', displayName: 'Invoice approval' },
  principal: { kind: 'user', id: 'u1', displayName: 'Gina' },
  ...over,
});

describe('fingerprint', () => {
  it('depends on control, resource and principal only', () => {
    expect(fingerprint('SG-FLOW-01', 'f1', 'u1')).toBe(fingerprint('SG-FLOW-01', 'f1', 'u1'));
    expect(fingerprint('SG-FLOW-01', 'f1', 'u1')).not.toBe(fingerprint('SG-FLOW-01', 'f1', 'u2'));
    expect(fingerprint('SG-FLOW-01', 'f1')).not.toBe(fingerprint('SG-FLOW-02', 'f1'));
    expect(fingerprint('a', 'bc')).not.toBe(fingerprint('ab', 'c'));
  });
});

describe('toFindings', () => {
  it('adds fingerprint and location, and strips the internal path', () => {
    const locations = {
      object: (kind: string, id: string) => (kind === 'flow' && id === 'f1' ? { file: 'flows.yaml', line: 7, column: 5 } : undefined),
      field: () => undefined,
      setting: (p: string) => (p === 'externalCollaboration.guestUserAccess' ? { file: 't.yaml', line: 3, column: 3 } : undefined),
    };
    const [a, b] = toFindings(
      [raw(), raw({ controlId: 'SG-COLLAB-01', principal: undefined, resource: { kind: 'tenant', id: 't', displayName: 'Contoso' }, path: 'externalCollaboration.guestUserAccess' })],
      locations,
    );
    expect(a).toMatchObject({ controlId: 'SG-COLLAB-01', location: { file: 't.yaml', line: 3, column: 3 }, remediation: 'r' });
    expect(a).not.toHaveProperty('path');
    expect(a).not.toHaveProperty('principal');
    expect(b).toMatchObject({ controlId: 'SG-FLOW-01', location: { file: 'flows.yaml', line: 7, column: 5 }, fingerprint: fingerprint('SG-FLOW-01', 'f1', 'u1') });
  });

  it('sorts most severe first and merges duplicates keeping the higher severity', () => {
    const out = toFindings([raw({ severity: 'low' }), raw({ severity: 'critical' }), raw({ controlId: 'SG-X', severity: 'medium' })]);
    expect(out.map((f) => [f.controlId, f.severity])).toEqual([
      ['SG-FLOW-01', 'critical'],
      ['SG-X', 'medium'],
    ]);
  });

  it('gives the same findings when they are added a shard at a time (FindingsCollector), duplicates across shards merged', () => {
    const all = [raw({ severity: 'low' }), raw({ controlId: 'SG-X', severity: 'medium' }), raw({ severity: 'critical' }), raw({ controlId: 'SG-Y', severity: 'info' })];
    const collected = new FindingsCollector();
    collected.add(all.slice(0, 2));
    collected.add([]);
    collected.add(all.slice(2));
    expect(collected.sorted()).toEqual(toFindings(all));
    expect(collected.sorted().map((f) => [f.controlId, f.severity])).toEqual([
      ['SG-FLOW-01', 'critical'],
      ['SG-X', 'medium'],
      ['SG-Y', 'info'],
    ]);
  });

  it('rejects malformed policy output as a policy error', () => {
    expect(() => toFindings([raw({ severity: 'urgent' })])).toThrow(PolicyError);
    expect(() => toFindings([raw({ resource: { id: 'x' } })])).toThrow(/resource/);
    expect(() => toFindings(['nope'])).toThrow(PolicyError);
  });
});

describe('groupNotEvaluated', () => {
  it('groups reports by section and reason, listing each control once', () => {
    expect(
      groupNotEvaluated([
        { controlId: 'SG-FLOW-02', section: 'users', reason: 'absent' },
        { controlId: 'SG-FLOW-01', section: 'users', reason: 'absent' },
        { controlId: 'SG-FLOW-01', section: 'users', reason: 'absent' },
        { controlId: 'SG-COLLAB-01', section: 'externalCollaboration', reason: 'absent' },
      ]),
    ).toEqual([
      { section: 'externalCollaboration', controls: ['SG-COLLAB-01'], reason: 'absent' },
      { section: 'users', controls: ['SG-FLOW-01', 'SG-FLOW-02'], reason: 'absent' },
    ]);
  });
});

describe('the fingerprint', () => {
  it('is the first 32 hex digits of the SHA-256 of [control, resource, principal] as JSON, the same in every Node version', async () => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(JSON.stringify(['SG-FLOW-01', 'f1', null])).digest('hex').slice(0, 32);
    expect(fingerprint('SG-FLOW-01', 'f1')).toBe(expected);
    expect(fingerprint('SG-FLOW-01', 'f1')).toMatch(/^[0-9a-f]{32}$/);
  });
});
