import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, runCli } from '../helpers/cli.js';
import { commandLines } from './names-hostile-tenant.js';

/** Messages on stderr quote file names and values: they are neutralised as text output is. */
describe('hostile names in error messages', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-names-err-'));

  it('a file name with a newline, a command and an escape cannot start a line of stderr', () => {
    const root = dir();
    const names = ['a\n::add-mask::secret.yaml', '::stop-commands::x.yaml', 'b\u001b]0;pwned\u0007.yaml', 'c ##[add-mask]d.yaml'];
    for (const name of names) fs.writeFileSync(path.join(root, name), 'schemaVersion: 1\nusers: [\n');
    // Scanned from inside the folder, so messages start with the file name itself.
    const r = runCli(['scan', '.', '--as-of', AS_OF], {}, root);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(names.length);
    expect(commandLines(r.stderr)).toEqual([]);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toMatch(/^a\\n::add-mask::secret\.yaml:\d+:\d+: /m);
    expect(r.stderr).toMatch(/^\\::stop-commands::x\.yaml:\d+:\d+: /m);
    expect(r.stderr).toContain('b\\x1b]0;pwned\\x07.yaml:');
  });

  it('a value typed on the command line and quoted back by the argument parser', () => {
    const r = runCli(['scan', 'examples/contoso', '--output', 'x\n::add-mask::secret\u001b[2J']);
    expect(r.code).toBe(2);
    expect(commandLines(r.stderr)).toEqual([]);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain("'x\\n::add-mask::secret\\x1b[2J'");
  });

  it('an unknown option quoted back by a nested command', () => {
    const r = runCli(['simulate', 'share', '--as', 'a', '--flow', 'f', '--with', 'w', '--role', '\n::add-mask::x', '--tenant', 'examples/contoso']);
    expect(r.code).toBe(2);
    expect(commandLines(r.stderr)).toEqual([]);
  });
});
