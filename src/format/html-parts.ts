import { formatPosition } from '../errors.js';
import type { Severity } from '../findings/severity.js';
import type { Finding, ObjectRef } from '../findings/types.js';
import { html, join, type SafeHtml } from './html-escape.js';

/** Small pieces the report's sections share. Every value from the result goes through `html`, which escapes it. */

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export function severityBadge(severity: Severity): SafeHtml {
  return html`<span class="sev ${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

/** "2026-11-30 00:00 UTC" in a <time> element carrying the exact instant; text that is not a date is shown as it is. */
export function instant(iso: string): SafeHtml {
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso) || Number.isNaN(date.getTime())) return html`${iso}`;
  const text = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return html`<time datetime="${date.toISOString()}">${text}</time>`;
}

/** A person or object: its name, then its kind and id in small print. */
export function objectCell(ref: ObjectRef | undefined): SafeHtml {
  if (!ref) return html`<span class="muted">—</span>`;
  return html`${ref.displayName}<br><span class="muted">${ref.kind}</span> <span class="id muted">${ref.id}</span>`;
}

/** file:line:column, allowed to wrap after each folder rather than anywhere. */
export function locationCode(f: Finding): SafeHtml {
  if (!f.location) return html`<span class="muted">—</span>`;
  const parts = formatPosition(f.location).split('/');
  return html`<code class="path">${join(parts.map((p, i) => (i < parts.length - 1 ? html`${p}/<wbr>` : html`${p}`)))}</code>`;
}

/** What a finding says beyond its title: shown when its row is expanded. */
export function findingDetail(f: Finding): SafeHtml {
  const items: [string, SafeHtml | string][] = [
    ['What was found', f.message],
    ['How to fix it', f.remediation],
    ['Where', f.location ? locationCode(f) : 'no position in the export (a setting missing from every file)'],
  ];
  if (f.references.length > 0) items.push(['Related controls', join(f.references, ', ')]);
  items.push(['Fingerprint', html`<code>${f.fingerprint}</code>`]);
  return html`<dl class="detail">${items.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** A finding's title that expands to its detail (details/summary: keyboard and screen readers know it as it is). */
export function expandable(f: Finding): SafeHtml {
  return html`<details class="finding"><summary>${f.title}</summary>${findingDetail(f)}</details>`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
