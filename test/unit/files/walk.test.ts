import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entriesBelow, filesBelow } from '../../../src/files/walk.js';

function tree(): { dir: string; outside: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-walk-'));
  const dir = path.join(base, 'in');
  const outside = path.join(base, 'out');
  for (const f of ['b.rego', 'a/z.rego', 'a/B.rego', '.hidden/x.rego', 'node_modules/m.rego', 'a/.dot.rego', 'c.txt']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '');
  }
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.rego'), '');
  fs.symlinkSync(outside, path.join(dir, 'linked-dir'));
  fs.symlinkSync(path.join(outside, 'secret.rego'), path.join(dir, 'linked.rego'));
  return { dir, outside };
}

describe('filesBelow, the one directory walk', () => {
  it('lists regular files sorted by code units, skipping dot names and node_modules when asked', () => {
    const { dir } = tree();
    expect(filesBelow(dir, { pattern: '**/*.rego', skipHidden: true })).toEqual(['a/B.rego', 'a/z.rego', 'b.rego']);
    expect(filesBelow(dir)).toEqual(['.hidden/x.rego', 'a/.dot.rego', 'a/B.rego', 'a/z.rego', 'b.rego', 'c.txt', 'node_modules/m.rego']);
  });

  it('never follows a symbolic link; lists links themselves only with links: true', () => {
    const { dir } = tree();
    expect(filesBelow(dir).some((f) => f.includes('secret') || f.startsWith('linked'))).toBe(false);
    const withLinks = entriesBelow(dir, { links: true }).filter((e) => e.link);
    expect(withLinks).toEqual([
      { path: 'linked-dir', link: true },
      { path: 'linked.rego', link: true },
    ]);
  });

  it('lists nothing for a folder that does not exist', () => {
    expect(filesBelow(path.join(os.tmpdir(), 'sg-walk-no-such-folder-4c1e'))).toEqual([]);
  });
});
