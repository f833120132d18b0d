import type { AppliedWaiver, Finding, ScanResult, WaiverProblem } from '../findings/types.js';
import type { WaiverFile } from './load.js';
import { waiverMatcher } from './match.js';

/**
 * Attaches waivers to the findings they cover and reports the waivers that do not apply. A waiver applies up
 * to and including its `expires` day (UTC) as judged against the result's "as of" instant, never the
 * clock: after that it is `expired` and its findings count again. A waiver in force that covers no finding
 * is `stale`. A finding covered by several waivers gets the first in the file. Pure: returns a new result.
 */
export function applyWaivers(result: ScanResult, file: WaiverFile): ScanResult {
  const day = result.asOf.slice(0, 10);
  const rules = file.waivers.map((waiver) => ({ waiver, matches: waiverMatcher(waiver), expired: waiver.expires < day, covered: [] as number[] }));
  let applied = 0;
  const findings = result.findings.map((f, i): Finding => {
    let waiver: AppliedWaiver | undefined;
    for (const rule of rules) {
      if (!rule.matches(f)) continue;
      rule.covered.push(i);
      if (!rule.expired) waiver ??= rule.waiver;
    }
    if (!waiver) return f;
    applied += 1;
    return { ...f, waiver };
  });
  const problems: WaiverProblem[] = [];
  for (const rule of rules) {
    if (rule.expired) {
      // Findings a renewed (later, unexpired) entry still covers do not "count again".
      const exposed = rule.covered.filter((i) => !findings[i]?.waiver).length;
      problems.push({ kind: 'expired', waiver: rule.waiver, message: expiredMessage(rule.waiver, rule.covered.length, exposed) });
    } else if (rule.covered.length === 0) {
      problems.push({ kind: 'stale', waiver: rule.waiver, message: staleMessage(rule.waiver) });
    }
  }
  return { ...result, findings, waivers: { source: file.source, applied, problems } };
}

function subject(w: AppliedWaiver): string {
  return `${w.controlId} on ${w.resource}${w.principal === undefined ? '' : ` for ${w.principal}`} (owner ${w.owner})`;
}

function expiredMessage(w: AppliedWaiver, covered: number, exposed: number): string {
  const effect =
    covered === 0
      ? 'it matches no finding any more: remove it'
      : exposed === 0
        ? 'another waiver covers its finding(s): remove it'
        : `${exposed} finding(s) it covered count again: fix them or renew the waiver`;
  return `waiver for ${subject(w)} expired on ${w.expires}; ${effect}`;
}

function staleMessage(w: AppliedWaiver): string {
  return `waiver for ${subject(w)} matches no finding: the problem is gone or the waiver names the wrong resource; remove or correct it`;
}
