import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/findings/types.js';
import { AS_OF, runCli } from '../helpers/cli.js';
import { commandLines, HOSTILE, hostileTenant } from './names-hostile-tenant.js';

/** The same hostile names in every other format: each sink neutralises them its own way. */
describe('hostile display names: markdown, html, json, sarif, csv, junit', () => {
  const tenant = hostileTenant();
  const scan = (output: string) => {
    const r = runCli(['scan', tenant, '--as-of', AS_OF, '--output', output]);
    expect(r.code, r.stderr).toBe(1);
    return r.stdout;
  };

  it('markdown: no escape byte; bidi controls named; autolinks in code spans, not broken by invisible characters', () => {
    const md = scan('markdown');
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF]/);
    expect(md).toContain('Lucia &lt;U+202E&gt;exe.txt &lt;U+2066&gt;x&lt;U+2069&gt;');
    expect(md).toContain('Ravi `GH-123` `#45` `@octocat` `deadbeef1` `ravi@evil.example`');
    // Outside code spans nothing is left that GitHub would link: no mention, issue reference, SHA or address.
    const prose = md.replace(/(`+)[^`]*?\1/g, '');
    expect(prose).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/);
    expect(prose).not.toMatch(/(^|\s|\()#\d+/);
    expect(prose).not.toMatch(/\bGH-\d+/);
    expect(prose).not.toMatch(/\bdeadbeef1\b/);
    expect(md).toContain('Kevin ::add-mask::secret');
    expect(commandLines(md)).toEqual([]);
  });

  it('html: no escape byte; bidi controls named, in the page and in the embedded JSON', () => {
    const page = scan('html');
    expect(page).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(page).toContain('Lucia &lt;U+202E&gt;exe.txt');
    expect(page).toContain('Daniel\\x1b]0;pwned\\x07\\x1b[2J');
    expect(page).not.toContain('##[');
    const data = /<script type="application\/json" id="shareguard-data">(.*?)<\/script>/s.exec(page)![1]!;
    const embedded = JSON.parse(data) as ScanResult;
    expect(embedded.findings.some((f) => f.principal?.displayName === HOSTILE.bidi || f.message.includes(HOSTILE.bidi))).toBe(true);
  });

  it('json, sarif (and csv): the names exactly as exported; json and sarif with no raw control, bidi control or ##[ in the text', () => {
    for (const format of ['json', 'sarif']) {
      const text = scan(format);
      expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(text).not.toContain('##[');
      expect(commandLines(text)).toEqual([]);
      const parsed = JSON.stringify(JSON.parse(text));
      for (const name of Object.values(HOSTILE)) expect(parsed).toContain(JSON.stringify(name).slice(1, -1));
    }
    // CSV keeps every name exactly too (formulas aside): it is data for a spreadsheet (docs/security-names.md).
    const csv = scan('csv');
    expect(csv).toContain('Ravi GH-123 #45 @octocat deadbeef1 ravi@evil.example');
    expect(csv).toContain(HOSTILE.bidi);
  });

  it('junit: well-formed XML; no line starts with a name; bidi named; no escape byte', () => {
    const xml = scan('junit');
    expect(() => new XMLParser().parse(xml)).not.toThrow();
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(commandLines(xml)).toEqual([]);
    expect(xml).toContain('Kevin\\n::add-mask::secret');
    expect(xml).toContain('Lucia &lt;U+202E&gt;exe.txt');
  });
});
