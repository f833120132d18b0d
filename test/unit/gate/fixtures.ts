import { fingerprint } from '../../../src/findings/findings.js';
import type { Finding, ScanResult } from '../../../src/findings/types.js';
import { CONTROL_COUNT } from '../../helpers/manifest.js';

/** A finding about `resource` (and `principal`), with the fingerprint a scan would give it. */
export function finding(controlId: string, resource: string, principal?: string, extra: Partial<Finding> = {}): Finding {
  return {
    controlId,
    severity: 'high',
    title: `${controlId} title`,
    message: `${controlId} on ${resource}`,
    resource: { kind: 'flow', id: resource, displayName: `Flow ${resource}` },
    ...(principal ? { principal: { kind: 'user', id: principal, displayName: `User ${principal}` } } : {}),
    remediation: 'Fix it.',
    fingerprint: fingerprint(controlId, resource, principal),
    references: [],
    ...extra,
  };
}

export function result(findings: Finding[], asOf = '2026-11-30T00:00:00.000Z'): ScanResult {
  return {
    schemaVersion: 1,
    tool: { name: 'shareguard', version: '0.1.0' },
    tenant: { id: 't1', displayName: 'Contoso Ltd' },
    asOf,
    summary: {
      total: findings.length,
      counts: { critical: 0, high: findings.length, medium: 0, low: 0, info: 0 },
      notEvaluated: [],
      controls: CONTROL_COUNT,
      objects: {},
      unknownPrincipals: 0,
      danglingDlpEnvironmentRefs: 0,
      files: 1,
    },
    findings,
  };
}
