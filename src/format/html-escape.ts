import { forHtml, forScriptJson } from './neutralise.js';

/**
 * HTML that is safe by construction: the `html` template tag escapes every interpolated value unless it is
 * already SafeHtml (made by `html` itself or, for markup this code generates, `raw`). Export data (names,
 * messages, paths) can hold `<script>` or quotes, so nothing from a result is ever concatenated unescaped.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup this module's callers generate themselves (never export data). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins parts into one piece of HTML, escaping those that are not SafeHtml. */
export function join(parts: readonly Part[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(separator));
}

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Element content or a quoted attribute value (neutralise.ts: forHtml). */
export const escapeHtml = forHtml;

/** JSON for a `<script type="application/json">` block (neutralise.ts: forScriptJson). */
export const scriptJson = forScriptJson;
