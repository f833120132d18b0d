import { formatPosition } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { changeView, totalDirection } from './changes.js';
import { forLogLine, forText, textLine as t } from './neutralise.js';
import type { Formatter } from './types.js';

const COLOURS: Record<Severity, string> = {
  critical: '\u001b[1;97;41m',
  high: '\u001b[1;31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[37m',
};
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/**
 * For people at a terminal: findings grouped by severity, most severe first, then what was not looked at.
 * Every value from the result goes through forText (the `t` tag): one line each, no control characters, so a
 * display name can neither start a workflow command in a CI log nor send escape sequences to a terminal. The
 * only escape sequences written are this formatter's own colours, and only when asked for.
 */
export const formatText: Formatter = (result, { color }) => {
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const tenant = result.tenant.displayName ?? result.tenant.id ?? 'unnamed tenant';
  const objects = Object.entries(result.summary.objects)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  lines.push(paint(BOLD, t`shareguard ${result.tool.version}: ${tenant}`));
  lines.push(paint(DIM, t`${objects || 'no objects'} in ${result.summary.files} file(s); ${result.summary.controls} controls; as of ${result.asOf}`));

  // Waived findings are listed apart, after the ones that need attention.
  const open = result.findings.filter((f) => !f.waiver);
  for (const severity of SEVERITIES) {
    const group = open.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', paint(COLOURS[severity], `${severity.toUpperCase()} (${group.length})`));
    for (const f of group) lines.push(...findingLines(f, paint));
  }
  lines.push(...waivedLines(result.findings.filter((f) => f.waiver), paint));
  lines.push(...resolvedLines(result, paint), ...unverifiedLines(result, paint));
  lines.push(...waiverProblemLines(result, paint));

  const { notEvaluated, unknownPrincipals, danglingDlpEnvironmentRefs } = result.summary;
  if (notEvaluated.length > 0) {
    lines.push('', paint(BOLD, 'Not evaluated'));
    for (const n of notEvaluated) lines.push(t`  ${n.section}${n.controls.length > 0 ? ` (${n.controls.join(', ')})` : ''}: ${n.reason}`);
  }
  const notes: string[] = [];
  if (unknownPrincipals > 0) notes.push(`${unknownPrincipals} referenced principal id(s) match no user or group (deleted accounts, kept as unknown)`);
  if (danglingDlpEnvironmentRefs > 0) notes.push(`${danglingDlpEnvironmentRefs} DLP policy environment reference(s) name no exported environment (ignored for coverage)`);
  if (notes.length > 0) {
    lines.push('', paint(BOLD, 'Notes'));
    for (const n of notes) lines.push(`  ${n}`);
  }

  const { counts, total } = result.summary;
  const breakdown = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
  const partial = new Set(notEvaluated.flatMap((n) => n.controls)).size;
  const caveat = partial > 0 ? `; ${partial} control(s) could not look at everything (see Not evaluated)` : '';
  lines.push('', total === 0 ? paint(BOLD, `No findings${caveat}.`) : paint(BOLD, `${total} finding(s): ${breakdown}${caveat}`));
  lines.push(...verdictLines(result, paint));
  return `${lines.map(forLogLine).join('\n')}\n`;
};

type Paint = (code: string, s: string) => string;

function findingLines(f: Finding, paint: Paint): string[] {
  const marker = f.baselineState === 'new' || (f.baselineState === undefined && f.trend === 'new') ? `  ${paint(BOLD, '[new]')}` : '';
  const out = [`  ${paint(BOLD, forText(f.controlId))}${t`  ${f.title}`}${marker}`, t`    ${f.message}`];
  if (f.waiver) {
    const where = f.waiver.location ? ` (${formatPosition(f.waiver.location)})` : '';
    out.push(t`    waived until ${f.waiver.expires} by ${f.waiver.owner}${where}: ${f.waiver.reason}`);
  }
  if (f.location) out.push(paint(DIM, t`    at ${formatPosition(f.location)}`));
  return out;
}

function waivedLines(waived: readonly Finding[], paint: Paint): string[] {
  if (waived.length === 0) return [];
  return ['', paint(BOLD, `Waived (${waived.length})`), ...waived.flatMap((f) => findingLines(f, paint))];
}

function resolvedLines(result: ScanResult, paint: Paint): string[] {
  const earlier = result.baseline ?? result.comparison;
  const resolved = earlier?.resolved ?? [];
  if (resolved.length === 0) return [];
  return [
    '',
    paint(BOLD, t`Resolved since ${earlier?.source ?? 'the baseline'} (${resolved.length})`),
    ...resolved.map(oneFinding),
  ];
}

function unverifiedLines(result: ScanResult, paint: Paint): string[] {
  const unverified = result.baseline?.unverified ?? [];
  if (unverified.length === 0) return [];
  return [
    '',
    paint(BOLD, t`Not re-checked (${unverified.length}): gone since ${result.baseline!.source}, but their control was off or could not look at everything`),
    ...unverified.map(oneFinding),
  ];
}

/** A finding as one line of a list: control, title, resource and principal. */
function oneFinding(f: Finding): string {
  return t`  ${f.controlId}  ${f.title}: ${f.resource.displayName}${f.principal ? ` (${f.principal.displayName})` : ''}`;
}

function waiverProblemLines(result: ScanResult, paint: Paint): string[] {
  const problems = result.waivers?.problems ?? [];
  if (problems.length === 0) return [];
  return [
    '',
    paint(BOLD, `Waiver problems (${problems.length})`),
    ...problems.flatMap((p) => [
      t`  ${p.kind}  ${p.message}`,
      ...(p.waiver.location ? [paint(DIM, t`    at ${formatPosition(p.waiver.location)}`)] : []),
    ]),
  ];
}

/** The lines after the counts: what the baseline and the waivers changed, and the gate's verdict (the exit code). */
function verdictLines(result: ScanResult, paint: Paint): string[] {
  const out: string[] = [];
  if (result.baseline) {
    const isNew = result.findings.filter((f) => f.baselineState === 'new').length;
    const unverified = result.baseline.unverified?.length ?? 0;
    const notRechecked = unverified > 0 ? `, ${unverified} not re-checked` : '';
    out.push(t`Since ${result.baseline.source}: ${isNew} new, ${result.findings.length - isNew} unchanged, ${result.baseline.resolved.length} resolved${notRechecked}.`);
  }
  if (result.comparison) {
    const view = changeView(result)!;
    out.push(
      t`Since ${view.label} (${result.comparison.source}): ${view.added.length} new, ${view.unchanged.length} unchanged, ${view.resolved.length} resolved; ${totalDirection(view)}.`,
    );
  }
  if (result.waivers) {
    const kinds = (k: string) => result.waivers?.problems.filter((p) => p.kind === k).length ?? 0;
    out.push(t`Waivers (${result.waivers.source}): ${result.waivers.applied} finding(s) waived, ${kinds('expired')} expired, ${kinds('stale')} stale.`);
  }
  const gate = result.gate;
  if (gate) {
    const counted = result.baseline ? 'new, unwaived' : 'unwaived';
    const verdict =
      gate.failOn === 'none'
        ? 'never fails (--fail-on none).'
        : gate.failing > 0
          ? `fails: ${gate.failing} ${counted} finding(s) at or above ${gate.failOn}.`
          : `passes: no ${counted} finding at or above ${gate.failOn}.`;
    out.push(paint(BOLD, `Gate ${verdict}`));
  }
  return out;
}
