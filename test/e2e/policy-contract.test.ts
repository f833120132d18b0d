import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/policies.js';

// Each breach of the custom-policy contract (docs/writing-policies.md) stops the run with exit code 2 and a
// line per problem at the file, line and column concerned; nothing is scanned. Fixtures: test/fixtures/policies.
const env = { XDG_CACHE_HOME: tempDir('contract-cache') };
const fixture = (name: string) => path.join('test/fixtures/policies', name);

function compile(name: string): { code: number; lines: string[] } {
  const r = runCli(['scan', EXAMPLE, '--policy', fixture(name)], env);
  expect(r.stdout).toBe('');
  return { code: r.code, lines: r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('shareguard: compiling')) };
}

const CASES: [string, string, (string | RegExp)[]][] = [
  ['a control without METADATA', 'no-metadata', ['policy.rego:1:1: shareguard.custom.no_metadata defines findings but has no package METADATA']],
  [
    'required METADATA missing',
    'missing-fields',
    [
      'policy.rego:1:1: METADATA of shareguard.custom.missing_fields: title is missing',
      'policy.rego:3:3: METADATA of shareguard.custom.missing_fields: custom.severity is missing',
      'policy.rego:3:3: METADATA of shareguard.custom.missing_fields: custom.remediation is missing',
    ],
  ],
  ['an id in the SG- namespace', 'reserved-id', ['policy.rego:4:5: METADATA of shareguard.custom.reserved_id: custom.id SG-FLOW-99 is in shareguard\'s own namespace']],
  ['an id in the PLT- namespace, whatever its case', 'platform-id', ['policy.rego:4:5: METADATA of shareguard.custom.platform_id: custom.id plt-share-99 is in shareguard\'s own namespace']],
  [
    'a duplicate id (ignoring case)',
    'duplicate-id',
    [/second\.rego:4:5: METADATA of shareguard\.custom\.second: custom\.id acme-dup-01 is already the id of shareguard\.custom\.first \(.*first\.rego:4\): ids must be unique$/],
  ],
  [
    'a builtin the WebAssembly runtime does not provide',
    'unsupported-builtin',
    ['policy.rego:14:30: undefined function time.now_ns (rego_type_error): time.now_ns is an opa builtin that the WebAssembly runtime shareguard runs policies in does not provide'],
  ],
  ['a syntax error', 'syntax-error', ['policy.rego:5:1: unexpected } token (rego_parse_error)']],
  ['a type error', 'type-error', ['policy.rego:14:2: undefined function data.shareguard.lib.is_guestt (rego_type_error)']],
  ['a package outside shareguard.custom', 'outside-prefix', ['policy.rego:1:1: package acme.flows is outside shareguard.custom']],
  [
    'malformed METADATA values, an unknown key and a default its schema refuses',
    'bad-values',
    [
      'policy.rego:5:5: METADATA of shareguard.custom.bad_values: custom.severity "urgent" is not one of critical, high, medium, low, info',
      'policy.rego:6:5: METADATA of shareguard.custom.bad_values: custom.sections ["flows","sharepoint"] must be a list of export sections',
      'policy.rego:7:5: METADATA of shareguard.custom.bad_values: unknown key custom.remediaton',
      'policy.rego:11:5: METADATA of shareguard.custom.bad_values: the default of maxOwners (-1) does not satisfy custom.paramSchema.maxOwners',
    ],
  ],
  ['an id on a package without findings', 'id-without-findings', ['policy.rego:4:5: shareguard.custom.id_without_findings has custom.id in its METADATA but defines no findings rule']],
];

describe('custom policy contract violations: exit 2 at file:line:column', () => {
  for (const [what, name, expected] of CASES) {
    it(what, () => {
      const { code, lines } = compile(name);
      expect(code, lines.join('\n')).toBe(2);
      expect(lines).toHaveLength(expected.length);
      expected.forEach((e, i) => {
        if (typeof e === 'string') expect(lines[i]).toContain(`${fixture(name)}/${e}`);
        else expect(lines[i]).toMatch(e);
      });
    });
  }

  it('a directory of helpers only has no control to run', () => {
    const { code, lines } = compile('only-helpers');
    expect(code).toBe(2);
    expect(lines[0]).toContain('no control in test/fixtures/policies/only-helpers');
  });

  it('a missing or empty policy directory is a usage error', () => {
    const missing = runCli(['scan', EXAMPLE, '--policy', 'no/such/dir'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('policy directory no/such/dir: no such directory');
    const empty = runCli(['scan', EXAMPLE, '--policy', tempDir('empty-policies')], env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no .rego policy files in it');
  });
});
