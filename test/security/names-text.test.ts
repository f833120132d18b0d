import { describe, expect, it } from 'vitest';
import { AS_OF, runCli } from '../helpers/cli.js';
import { commandLines, hostileTenant } from './names-hostile-tenant.js';

/**
 * Display names in the text and `github` outputs, the two a CI job log shows: a name cannot start a line, so it
 * cannot give the runner a workflow command, and it sends no escape sequence to a terminal.
 */
describe('hostile display names: text and github output', () => {
  const tenant = hostileTenant();

  it('text: no line a name starts is a workflow command; newlines and escapes are shown, not obeyed', () => {
    const r = runCli(['scan', tenant, '--as-of', AS_OF, '--output', 'text']);
    expect(r.code).toBe(1);
    expect(commandLines(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toContain('\u0007');
    expect(r.stdout).toContain('Guest Kevin\\n::add-mask::secret (');
    expect(r.stdout).toContain('Daniel\\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.stdout).toContain('Tariq \\x1b]8;;https://evil.example/\\x07click\\x1b]8;;\\x07');
    expect(r.stdout).toContain('Marta ##\\[add-mask]Guest');
  });

  it('text: bidirectional controls are named, not obeyed', () => {
    const r = runCli(['scan', tenant, '--as-of', AS_OF]);
    expect(r.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(r.stdout).toContain('Lucia <U+202E>exe.txt <U+2066>x<U+2069>');
  });

  it('github: the only workflow commands are the tool\'s own annotations, one per line', () => {
    const r = runCli(['scan', tenant, '--as-of', AS_OF, '--output', 'github']);
    expect(r.code).toBe(1);
    const commands = commandLines(r.stdout);
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) expect(line).toMatch(/^::(error|warning|notice) (file=[^,:]+,line=\d+,col=\d+,)?title=[^:]*::/);
    expect(r.stdout).not.toMatch(/^\s*::(add-mask|stop-commands)/m);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('Guest Kevin%0A::add-mask::secret');
  });

  it('simulate: the text verdict shows the names the platform and the policies quote, one line each', () => {
    const kevin = 'kevin.murphy_litwareinc.com#EXT#@contoso.onmicrosoft.com';
    const args = ['simulate', 'share', '--as', 'pradeep.gupta@contoso.com', '--flow', 'Expense Approval', '--with', kevin, '--role', 'owner'];
    const r = runCli([...args, '--tenant', tenant, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(commandLines(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('is owned by external Kevin\\n::add-mask::secret (');
    const json = runCli([...args, '--tenant', tenant, '--as-of', AS_OF, '--output', 'json']);
    expect(commandLines(json.stdout)).toEqual([]);
    expect(json.stdout).toContain('Kevin\\n::add-mask::secret');
  });
});
