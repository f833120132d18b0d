import { forXmlAttr, forXmlText } from './neutralise.js';

/** XML 1.0 escaping for element content and attribute values (neutralise.ts: forXmlText, forXmlAttr). */
export const xmlText = forXmlText;
export const xmlAttr = forXmlAttr;

/** `<name a="1" b="2"` (no closing bracket): attributes in the order given, values escaped. */
export function openTag(name: string, attrs: Record<string, string | number>): string {
  return `<${name}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('')}`;
}
