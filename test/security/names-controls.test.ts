import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/policies.js';

/**
 * Issue 14, attack 6, for `shareguard controls`: a pull request's own policy carries its METADATA title into
 * the text listing, which CI prints to its log.
 */
describe('controls lists a custom policy whose title holds a workflow command as one line', () => {
  it('starts no line with :: and sends no escape sequence', () => {
    const src = fs.readFileSync(path.resolve('examples/policies/competitor_guest_finance/competitor_guest_finance.rego'), 'utf8');
    const dir = tempDir('sg-names-controls-');
    const folder = path.join(dir, 'competitor_guest_finance');
    fs.mkdirSync(folder, { recursive: true });
    // A YAML double-quoted title: \n and \e become a newline and an ESC in the title itself.
    const hostile = src.replace(/^# title: .*$/m, '# title: "Finance\\n::add-mask::pwned \\e]0;x\\a"');
    expect(hostile).not.toBe(src);
    fs.writeFileSync(path.join(folder, 'competitor_guest_finance.rego'), hostile);
    const r = runCli(['controls', '--policy', dir, '--cache-dir', path.join(dir, 'cache')]);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Finance\\n::add-mask::pwned');
    for (const line of r.stdout.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(r.stdout).not.toContain('\u001b');
  });
});
