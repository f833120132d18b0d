import type { Finding } from '../findings/types.js';

/** A change's findings before or after it, by fingerprint. */
export type FindingSet = Map<string, Finding>;

export function byFingerprint(findings: Finding[]): FindingSet {
  return new Map(findings.map((f) => [f.fingerprint, f]));
}

/** What a change introduced and resolved: the findings only after it, and only before it. */
export function compare(before: FindingSet, after: FindingSet): { introduced: Finding[]; resolved: Finding[] } {
  return {
    introduced: [...after.values()].filter((f) => !before.has(f.fingerprint)),
    resolved: [...before.values()].filter((f) => !after.has(f.fingerprint)),
  };
}
