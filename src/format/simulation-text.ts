import type { Finding } from '../findings/types.js';
import type { ChangeResult, SimulationResult } from '../simulate/simulate.js';
import { forTextLines } from './neutralise.js';

const DECISION: Record<ChangeResult['decision'], string> = { deny: 'DENY', warn: 'WARN', allow: 'ALLOW' };

/**
 * For a person deciding whether to go ahead: per change, what the platform says, what it breaks or fixes.
 * Each entry of `lines` is one line by construction; forTextLines shows any newline or control character a
 * value brings (a display name, a flow name) as an escape, so none can start a line of its own.
 */
export function formatSimulationText(result: SimulationResult, labels: readonly string[]): string {
  const lines = [`shareguard ${result.tool.version}: simulation against ${result.tenant.displayName ?? result.tenant.id ?? 'tenant'}, as of ${result.asOf}`];
  for (const r of result.results) {
    lines.push('', `${DECISION[r.decision]}  change ${r.index} (${r.action}): ${labels[r.index] ?? ''}`.trimEnd());
    const refusals = r.platform.rules.filter((x) => x.effect === 'refuse');
    const verdict = r.platform.allowed ? 'allowed' : r.effects.applied ? 'refused in part (the rest applied)' : 'refused (not applied)';
    lines.push(`  platform: ${verdict}`);
    for (const rule of [...refusals, ...r.platform.rules.filter((x) => x.effect !== 'refuse')]) lines.push(`    ${rule.id} (${rule.effect}): ${rule.message}`);
    if (typeof r.effects.user?.userPrincipalName === 'string') lines.push(`    creates ${r.effects.user.userPrincipalName}`);
    lines.push(...findingLines('introduces', r.introduced), ...findingLines('resolves', r.resolved));
  }
  if (result.notEvaluated.length > 0) {
    lines.push('', 'Not evaluated (what this export lacks, so no change was judged there)');
    for (const n of result.notEvaluated) lines.push(`  ${n.section} (${n.controls.join(', ')}): ${n.reason}`);
  }
  const counts = { deny: 0, warn: 0, allow: 0 };
  for (const r of result.results) counts[r.decision] += 1;
  lines.push('', `${result.results.length} change(s): ${counts.deny} deny, ${counts.warn} warn, ${counts.allow} allow`);
  return `${forTextLines(lines)}\n`;
}

function findingLines(verb: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  return [`  ${verb} ${findings.length} finding(s):`, ...findings.map((f) => `    ${f.controlId} (${f.severity}): ${f.message}`)];
}
