import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/policies.js';
// @ts-expect-error -- a plain ES module script without type declarations
import { platformMainProblem, platformMainText, writePlatformMain } from '../../../scripts/platform-main.mjs';

function lint(dir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/rego-lint.mjs'), dir], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

const LIB = `package shareguard.lib

users := object.get(data.tenant, "users", {})

_hidden := 1
`;

const LIB_TEST = `package shareguard.lib_test

import data.shareguard.lib

test_users if lib.users == {} with data.tenant as {}
`;

const CONTROL = `# METADATA
# title: A control
# custom:
#   id: SG-X-01
package shareguard.controls.x.good

import data.shareguard.lib

findings contains lib.users if false
`;

describe('scripts/rego-lint.mjs', () => {
  it('passes a tree that keeps every rule', () => {
    const dir = writeTree(path.join(tempDir('lint-ok'), 'policies'), {
      'lib/lib.rego': LIB,
      'lib/lib_test.rego': LIB_TEST,
      'controls/x/good/good.rego': CONTROL,
    });
    const r = lint(dir);
    expect(r.out).toContain('rego-lint: 0 problems');
    expect(r.status).toBe(0);
  });

  it('reports each broken rule at its file and line, and fails', () => {
    const long = `# ${'x'.repeat(199)}`; // 201 characters: one more than .regal/config.yaml allows
    const dir = writeTree(path.join(tempDir('lint-bad'), 'policies'), {
      'lib/lib.rego': LIB,
      'lib/lib_test.rego': LIB_TEST,
      'lib/untested.rego': 'package shareguard.lib.untested\n\nx := 1\n',
      'controls/x/bad/bad.rego': [
        'package shareguard.controls.x.bad',
        '',
        'import data.shareguard.lib',
        '',
        'badName := 1',
        '',
        'findings contains data.tenant.users if true',
        '',
        'leak := lib._hidden',
        '',
        'noisy if print("x")',
        long,
        '',
      ].join('\n'),
      'controls/x/bad/bad_test.rego': 'package shareguard.controls.x.bad\n\ntest_in_policy_package if true\n',
      'views/helpers.rego': 'package shareguard.views.helpers_test\n\ntest_in_a_policy_file if true\n',
    });
    const r = lint(dir);
    expect(r.status).toBe(1);
    const lines = r.out.split('\n').filter((l) => /: [a-z/-]+: /.test(l));
    expect(lines).toEqual([
      'policies/controls/x/bad/bad.rego:1: control-metadata: no package METADATA block with custom.id',
      'policies/controls/x/bad/bad.rego:5: style/prefer-snake-case: rule badName is not snake_case',
      'policies/controls/x/bad/bad.rego:7: tenant-outside-lib: reads data.tenant: go through a helper in policies/lib',
      'policies/controls/x/bad/bad.rego:9: bugs/leaked-internal-reference: refers to shareguard.lib._hidden, private to its package',
      'policies/controls/x/bad/bad.rego:11: testing/print-or-trace-call: print outside a test',
      'policies/controls/x/bad/bad.rego:12: style/line-length: 201 characters (at most 200)',
      'policies/controls/x/bad/bad_test.rego:3: testing/test-outside-test-package: test_in_policy_package is in package shareguard.controls.x.bad, not a _test package',
      'policies/lib/untested.rego:1: lib-without-test: no untested_test.rego next to it',
      'policies/views/helpers.rego:3: testing/file-missing-test-suffix: test_in_a_policy_file is in a file not ending in _test.rego',
    ]);
    expect(r.out).toContain('rego-lint: 9 problems');
  });

  it('passes the built-in policies', () => {
    const r = lint(path.join(ROOT, 'policies'));
    expect(r.out).toContain('rego-lint: 0 problems');
    expect(r.status).toBe(0);
  });
});

const RULE = (pkg: string, body: string) => `package shareguard.platform.${pkg}\n\n${body}\n`;

describe('scripts/platform-main.mjs', () => {
  function platformTree(): string {
    return writeTree(path.join(tempDir('platform-main'), 'platform'), {
      'helpers/helpers.rego': 'package shareguard.platform.helpers\n\nverdicts := set()\n',
      'invite/alpha/alpha.rego': RULE('invite.alpha', 'verdicts contains "a" if true'),
      'invite/alpha/alpha_test.rego': RULE('invite.alpha_test', 'test_x if true'),
      'invite/made/made.rego': RULE('invite.made', 'verdicts := set()\n\neffects := {"user": 1}'),
      'invite/shared/shared.rego': RULE('invite.shared', 'refusals := set()'),
    });
  }

  it('imports every rule folder that defines verdicts or effects, and only those', () => {
    const text: string = platformMainText(platformTree());
    expect(text).toContain('import data.shareguard.platform.invite.alpha as invite_alpha\nimport data.shareguard.platform.invite.made as invite_made\n\n');
    expect(text).toContain('\t\tinvite_alpha.verdicts,\n\t\tinvite_made.verdicts,\n\t]');
    expect(text).toContain('_effects_of_invite_made := invite_made.effects if {\n\tinvite_made.effects\n} else := {}\n');
    // Every rule's effects are united (a share-site's new guest and its access both have some).
    expect(text).toContain('_effects := object.union_n([\n\t_effects_of_invite_made,\n])\n');
    expect(text).not.toContain('helpers');
    expect(text).not.toContain('invite.shared');
  });

  it('a new rule is its folder only: main.rego goes stale until it is regenerated', () => {
    const dir = platformTree();
    expect(writePlatformMain(dir)).toBe(true);
    expect(platformMainProblem(dir)).toBeNull();
    writeTree(dir, { 'share/beta/beta.rego': RULE('share.beta', 'verdicts contains "b" if true') });
    expect(platformMainProblem(dir)).toMatch(/not what the platform rule folders give/);
    expect(writePlatformMain(dir)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'main.rego'), 'utf8')).toContain('share_beta.verdicts');
    expect(writePlatformMain(dir)).toBe(false);
  });

  it('refuses a rule whose package does not follow its folder', () => {
    const dir = platformTree();
    writeTree(dir, { 'share/gamma/gamma.rego': RULE('share.other', 'verdicts := set()') });
    expect(() => platformMainText(dir)).toThrow(/package shareguard\.platform\.share\.other, expected shareguard\.platform\.share\.gamma/);
  });

  it('the committed policies/platform/main.rego is what the folders give', () => {
    expect(platformMainProblem(path.join(ROOT, 'policies', 'platform'))).toBeNull();
  });
});
