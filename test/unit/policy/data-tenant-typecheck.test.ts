import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputErrors } from '../../../src/errors.js';
import { buildPolicies } from '../../../src/policy/build.js';
import { opaVersion, runOpa } from '../../../src/policy/opa.js';
import { runOpaTests } from '../../../src/policy/opa-tests.js';
import { regoFilesIn } from '../../../src/policy/sources.js';
import { DATA_TENANT_SCHEMA, writeSchemaDir } from '../../../src/policy/schemas.js';
import { ROOT } from '../../helpers/cli.js';
import { REAL_OPA } from '../../helpers/policies.js';

/**
 * Issue 16: a control that reads a misspelt field of data.tenant is refused by `opa check --strict` once it
 * declares the data.tenant schema (schemas/data-tenant.schema.json) in its METADATA, and by shareguard's own
 * build of custom policies that declare it.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-data-tenant-check-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const schemaDir = writeSchemaDir(work);

const DECLARES = `# METADATA\n# schemas:\n#   - data.tenant: schema["${DATA_TENANT_SCHEMA}"]\n`;

/** A one-rule policy reading `read` (a reference under data.tenant), with or without the schema declared. */
function policy(read: string, declare = true): string {
  return `${declare ? DECLARES : ''}package shareguard.controls.probe.reader\n\nseen if ${read}\n`;
}

/** `opa check --strict --schema <dir>` on one policy file: its exit status and what it said. */
function check(source: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(work, 'check-'));
  fs.writeFileSync(path.join(dir, 'reader.rego'), source);
  const r = runOpa(REAL_OPA, ['check', '--strict', '--schema', schemaDir, 'reader.rego'], dir);
  return { status: r.status, output: `${r.stderr}${r.stdout}` };
}

// [misspelt, correct]: the user field as the index names it (index.userFields), a tenant field, a setting,
// an index, a section, a count.
const MISSPELT = [
  ['data.tenant.index.userFields.userPrincipleName', 'data.tenant.index.userFields.userPrincipalName'],
  ['data.tenant.tenant.initalDomain == "x"', 'data.tenant.tenant.initialDomain == "x"'],
  ['data.tenant.externalCollaboration.guestUserAcess == "sameAsMember"', 'data.tenant.externalCollaboration.guestUserAccess == "sameAsMember"'],
  ['data.tenant.externalCollaboration.crossTenantAccess.default.b2bCollaborationInbund == "allowed"', 'data.tenant.externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound == "allowed"'],
  ['data.tenant.index.usersByUPN["a@b.c"]', 'data.tenant.index.usersByUpn["a@b.c"]'],
  ['data.tenant.sections.user', 'data.tenant.sections.users'],
  ['data.tenant.index.counts.usersEnabled > 0', 'data.tenant.index.counts.usersNotDisabled > 0'],
  ['data.tenant.powerPlatform.tenantSettings.enableGuestToMake == true', 'data.tenant.powerPlatform.tenantSettings.enableGuestsToMake == true'],
] as const;

describe('opa check --strict with the data.tenant schema', () => {
  for (const [wrong, right] of MISSPELT) {
    it(`rejects ${wrong.split(' ')[0]} and accepts ${right.split(' ')[0]}`, () => {
      const bad = check(policy(wrong));
      expect(bad.status).not.toBe(0);
      expect(bad.output).toContain('rego_type_error: undefined ref: data.tenant.');
      expect(bad.output).toContain('reader.rego:6');
      const good = check(policy(right));
      expect(good.output).toBe('');
      expect(good.status).toBe(0);
    });
  }

  it('checks only a policy that declares the schema (a custom policy opts in)', () => {
    expect(check(policy(MISSPELT[0][0], false)).status).toBe(0);
    expect(check(policy(MISSPELT[0][0], true)).status).not.toBe(0);
  });

  it('does not reach the fields of an object in an id-keyed map (opa v1.22.3 types those maps as object[any: any])', () => {
    // A known limit, said in the schema's description and docs/policy-input.md: users[id].userPrincipleName
    // is not caught by opa (the data.tenant unit test holds the user fields to the data instead). When opa
    // starts typing additionalProperties, this test fails: then say so in both places and turn it around.
    expect(check(policy('data.tenant.users["u1"].userPrincipleName')).status).toBe(0);
    expect(check(policy('data.tenant.userz["u1"]')).status).not.toBe(0);
  });

  it('is declared by every built-in control', () => {
    const controls = path.join(ROOT, 'policies/controls');
    const files = regoFilesIn(controls).filter((f) => !f.endsWith('_test.rego')).map((f) => path.resolve(controls, f));
    expect(files.length).toBeGreaterThanOrEqual(37);
    const undeclared = files.filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      const metadata = text.slice(0, text.indexOf('\npackage '));
      return !metadata.includes(`#   - data.tenant: schema["${DATA_TENANT_SCHEMA}"]`);
    });
    expect(undeclared.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

const CUSTOM_METADATA = `# METADATA
# title: Probe
# description: Reads one field.
# custom:
#   id: PROBE-01
#   severity: low
#   sections: [tenant]
#   remediation: None.
`;

function customDir(read: string, declare: boolean): string {
  const dir = fs.mkdtempSync(path.join(work, 'custom-'));
  const rego = `${CUSTOM_METADATA}${declare ? `# schemas:\n#   - data.tenant: schema["${DATA_TENANT_SCHEMA}"]\n` : ''}package shareguard.custom.probe

import data.shareguard.lib

findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "read",
}) if ${read}
`;
  fs.writeFileSync(path.join(dir, 'probe.rego'), rego);
  return dir;
}

describe("shareguard's build and policy test of custom policies", () => {
  const options = { opa: REAL_OPA, opaVersion: opaVersion(REAL_OPA), builtinControls: false };

  it('refuses, at its line, a custom control that declares the schema and reads a misspelt field', () => {
    const dir = customDir('data.tenant.tenant.initalDomain == "contoso.com"', true);
    let thrown: unknown;
    try {
      buildPolicies({ ...options, policyDirs: [dir] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputErrors);
    const [error] = (thrown as InputErrors).errors;
    expect(error?.message).toContain('undefined ref: data.tenant.tenant.initalDomain');
    expect(error?.position?.file).toBe(path.join(dir, 'probe.rego'));
    const lines = fs.readFileSync(path.join(dir, 'probe.rego'), 'utf8').split('\n');
    expect(error?.position?.line).toBe(lines.findIndex((l) => l.includes('initalDomain')) + 1);
    // The same control spelt right builds; spelt wrong without the declaration builds too (opt-in).
    expect(buildPolicies({ ...options, policyDirs: [customDir('data.tenant.tenant.initialDomain == "contoso.com"', true)] }).manifest.controls.map((c) => c.id)).toEqual(['PROBE-01']);
    expect(buildPolicies({ ...options, policyDirs: [customDir('data.tenant.tenant.initalDomain == "contoso.com"', false)] }).manifest.controls).toHaveLength(1);
  }, 120_000);

  it('refuses it in `policy test` too (opa test with the schema)', () => {
    expect(() => runOpaTests(REAL_OPA, customDir('data.tenant.tenant.initalDomain == "contoso.com"', true))).toThrow(/undefined ref: data\.tenant\.tenant\.initalDomain/);
    expect(runOpaTests(REAL_OPA, customDir('data.tenant.tenant.initialDomain == "contoso.com"', true))).toEqual([]);
  }, 120_000);
});
