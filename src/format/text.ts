import { formatPosition } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
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

/** For people at a terminal: findings grouped by severity, most severe first, then what was not looked at. */
export const formatText: Formatter = (result, { color }) => {
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const tenant = result.tenant.displayName ?? result.tenant.id ?? 'unnamed tenant';
  const objects = Object.entries(result.summary.objects)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  lines.push(paint(BOLD, `shareguard ${result.tool.version}: ${tenant}`));
  lines.push(paint(DIM, `${objects || 'no objects'} in ${result.summary.files} file(s); ${result.summary.controls} controls; as of ${result.asOf}`));

  for (const severity of SEVERITIES) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', paint(COLOURS[severity], `${severity.toUpperCase()} (${group.length})`));
    for (const f of group) lines.push(...findingLines(f, paint));
  }

  const { notEvaluated, unknownPrincipals, danglingDlpEnvironmentRefs } = result.summary;
  if (notEvaluated.length > 0) {
    lines.push('', paint(BOLD, 'Not evaluated'));
    for (const n of notEvaluated) lines.push(`  ${n.section} (${n.controls.join(', ')}): ${n.reason}`);
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
  return `${lines.join('\n')}\n`;
};

function findingLines(f: Finding, paint: (code: string, s: string) => string): string[] {
  const out = [`  ${paint(BOLD, f.controlId)}  ${f.title}`, `    ${f.message}`];
  if (f.location) out.push(paint(DIM, `    at ${formatPosition(f.location)}`));
  return out;
}
