import type { Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { judgedByGate } from '../gate/gate.js';
import { forCommandData, forCommandProperty, forText } from './neutralise.js';
import type { Formatter } from './types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/**
 * GitHub Actions workflow commands: one annotation per finding the gate judges (waived findings and, with
 * a baseline, unchanged ones are left out, so a pull request shows only what it introduces), then a plain
 * summary line. Printed in a workflow step's log, GitHub turns each command into an annotation on the file
 * and line.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */
export const formatGithub: Formatter = (result) => {
  const annotated = result.findings.filter(judgedByGate);
  const lines = annotated.map(annotation);
  lines.push(summary(result, annotated.length));
  return `${lines.join('\n')}\n`;
};

function annotation(f: Finding): string {
  const props: [string, string | number][] = [];
  if (f.location) {
    props.push(['file', f.location.file.split('\\').join('/')], ['line', f.location.line], ['col', f.location.column]);
  }
  props.push(['title', `${f.controlId} ${f.title}`]);
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(`${f.message}\n${unwrap(f.remediation)}`)}`;
}

function summary(result: ScanResult, annotated: number): string {
  const which = result.baseline ? ' (new, not waived)' : result.waivers ? ' (not waived)' : '';
  const parts = [`${annotated} finding(s) annotated${which}`];
  if (result.baseline) {
    const unchanged = result.findings.filter((f) => f.baselineState === 'unchanged').length;
    parts.push(`${unchanged} unchanged and ${result.baseline.resolved.length} resolved since ${result.baseline.source}`);
  }
  if (result.waivers) {
    const problems = result.waivers.problems.length;
    parts.push(`${result.waivers.applied} waived${problems > 0 ? `, ${problems} waiver problem(s) in ${result.waivers.source}` : ''}`);
  }
  if (result.gate) parts.push(verdict(result.gate));
  // The summary is a plain log line: file names in it go through forText, so none can start a command line.
  return `shareguard: ${forText(parts.join('; '))}`;
}

function verdict(gate: NonNullable<ScanResult['gate']>): string {
  if (gate.failOn === 'none') return 'gate: --fail-on none, never fails';
  return gate.failing > 0 ? `gate fails: ${gate.failing} at or above ${gate.failOn}` : `gate passes: none at or above ${gate.failOn}`;
}

/** Remediation text is hard-wrapped in the policies; an annotation wraps by itself. */
function unwrap(s: string): string {
  return s.replace(/[ \t]*\n[ \t]*/g, ' ');
}

/** A workflow command's message (neutralise.ts: forCommandData). */
export const escapeData = forCommandData;

/** A workflow command's property value (neutralise.ts: forCommandProperty). */
export const escapeProperty = forCommandProperty;
