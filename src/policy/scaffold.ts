import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { SEVERITIES } from '../findings/severity.js';
import { PACKAGE_ROOT } from './opa.js';

export interface ScaffoldOptions {
  /** The policy's name: its folder, file names and the last part of its package (shareguard.custom.<name>). */
  name: string;
  /** The folder the policy's folder is created in. */
  dir: string;
  /** The control id (default CUSTOM-<NAME>). */
  id?: string;
  severity?: string;
}

/** What `policy new` wrote, relative to the working directory. */
export interface Scaffold {
  policyDir: string;
  files: string[];
  id: string;
  package: string;
}

const NAME = /^[a-z][a-z0-9_-]*$/;

/** lower_snake from a name with hyphens (Rego identifiers take no hyphen). */
export function packageName(name: string): string {
  return name.replace(/-/g, '_');
}

function defaultId(name: string): string {
  return `CUSTOM-${name.replace(/[_-]+/g, '-').toUpperCase()}`;
}

function schemaComment(fromDir: string, schema: string): string {
  const rel = path.relative(fromDir, path.join(PACKAGE_ROOT, 'schemas', schema)).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${rel}`;
}

/**
 * Writes a working policy to start from: a control (a guest from a listed domain owns a flow, with the
 * domains as a parameter) whose METADATA fills in every required field, its opa tests, and one
 * example-based test (a small export and the findings it must produce). `policy test` passes on it as
 * written; docs/writing-policies.md goes on from there.
 */
export function scaffoldPolicy(options: ScaffoldOptions): Scaffold {
  if (!NAME.test(options.name)) {
    throw new UsageError(`policy name "${options.name}" must be lower case letters, digits, "_" or "-", starting with a letter (it becomes the package shareguard.custom.<name>)`);
  }
  const severity = options.severity ?? 'medium';
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`--severity ${severity} is not one of ${SEVERITIES.join(', ')}`);
  const name = packageName(options.name);
  const id = options.id ?? defaultId(name);
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/.test(id)) throw new UsageError(`--id ${id} is not a control id: letters and digits in parts joined by "-", e.g. ACME-FIN-01`);
  if (/^(SG|PLT)-/i.test(id)) throw new UsageError(`--id ${id}: SG- and PLT- are shareguard's own; use a prefix of your own, e.g. ACME-`);
  const policyDir = path.join(options.dir, name);
  if (fs.existsSync(policyDir)) throw new UsageError(`${policyDir} already exists: choose another name or --dir`);
  const caseDir = path.join(policyDir, 'tests', 'guest-owner-from-listed-domain');
  const pkg = `shareguard.custom.${name}`;

  const files: [string, string][] = [
    [path.join(policyDir, `${name}.rego`), policyText(pkg, id, severity)],
    [path.join(policyDir, `${name}_test.rego`), testText(pkg, name, id)],
    [path.join(caseDir, 'tenant.yaml'), exportText(schemaComment(caseDir, 'tenant.schema.json'))],
    [path.join(caseDir, 'expected.yaml'), expectedText(schemaComment(caseDir, 'policy-test.schema.json'), id)],
  ];
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: 'wx' });
  }
  return { policyDir, files: files.map(([f]) => f), id, package: pkg };
}

function policyText(pkg: string, id: string, severity: string): string {
  return `# METADATA
# title: Flow owned by a guest from a listed domain
# description: |
#   Describe what the control checks and why it matters: the description is the help text of the
#   control in SARIF, JUnit and shareguard controls --output json.
# custom:
#   id: ${id}
#   severity: ${severity}
#   sections: [flows, users]
#   params:
#     domains: []
#   remediation: |
#     Say how to fix what the control finds.
# schemas:
#   # opa checks what this policy reads of data.tenant against schemas/data-tenant.schema.json.
#   - data.tenant: schema["data-tenant"]
package ${pkg}

import data.shareguard.lib
import data.shareguard.lib.guests

# METADATA
# title: Guest owner from a listed domain
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(user_id),
	"message": sprintf("Flow \\"%s\\" is owned by guest %s from %s.", [flow.displayName, lib.label(user_id), domain]),
}) if {
	chain := rego.metadata.chain()
	some flow in lib.flows_in_scope
	some [user_id, _] in lib.flow_owner_users(flow)
	user := lib.users[user_id]
	lib.is_guest(user)
	domain := guests.email_domain(user)
	domain in lib.param(chain, "domains")
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
`;
}

function testText(pkg: string, name: string, id: string): string {
  return `package ${pkg}_test

import data.${pkg}

_tenant := {
	"sections": {"users": true, "flows": true},
	"users": {
		"ana": {"id": "ana", "displayName": "Ana", "userPrincipalName": "ana_fabrikam.com#EXT#@contoso.onmicrosoft.com", "mail": "ana@fabrikam.com", "userType": "Guest"},
		"ben": {"id": "ben", "displayName": "Ben", "userPrincipalName": "ben@contoso.com", "userType": "Member"},
	},
	"flows": {"f1": {
		"id": "f1", "displayName": "Invoice approval", "environmentId": "e1", "creatorId": "ben",
		"owners": [{"principalId": "ana", "principalType": "User"}],
	}},
}

test_fail_guest_owner_from_listed_domain if {
	findings := ${name}.findings with data.tenant as _tenant with input.params as {"${id}": {"domains": ["fabrikam.com"]}}
	[f] := [f | some f in findings]
	f.controlId == "${id}"
	f.resource.id == "f1"
	f.principal.id == "ana"
}

test_success_domain_not_listed if {
	count(${name}.findings) == 0 with data.tenant as _tenant with input.params as {"${id}": {"domains": ["adatum.com"]}}
}

test_not_evaluated_without_users if {
	reports := ${name}.not_evaluated with data.tenant as object.union(_tenant, {"sections": {"flows": true, "users": false}})
	[r] := [r | some r in reports]
	r.section == "users"
}
`;
}

function exportText(comment: string): string {
  return `${comment}
# A small export for an example-based test: every file in this folder except expected.yaml is read.
schemaVersion: 1

tenant:
  id: 0c7a1f4e-5b7d-4c1e-9f1a-2f5d8e3b6a10
  displayName: Contoso Ltd
  initialDomain: contoso.onmicrosoft.com
  verifiedDomains: [contoso.com]

users:
  - id: 3f2b9c1d-8e4a-4b6f-a1c2-7d9e0f1a2b3c
    userPrincipalName: ben.miller@contoso.com
    displayName: Ben Miller
    mail: ben.miller@contoso.com
    userType: Member
  - id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
    userPrincipalName: ana.silva_fabrikam.com#EXT#@contoso.onmicrosoft.com
    displayName: Ana Silva
    mail: ana.silva@fabrikam.com
    userType: Guest

environments:
  - id: 5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a
    displayName: Finance Automation
    type: Production

flows:
  - id: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e
    displayName: Invoice approval
    environmentId: 5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a
    creatorId: 3f2b9c1d-8e4a-4b6f-a1c2-7d9e0f1a2b3c
    owners:
      - { principalId: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d, principalType: User }
`;
}

function expectedText(comment: string, id: string): string {
  return `${comment}
# The findings this folder's export must produce: no more, no fewer, among the controls checked.
schemaVersion: 1
asOf: "2026-11-30T00:00:00Z"
params:
  ${id}:
    domains: [fabrikam.com]
findings:
  - control: ${id}
    resource: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e     # Invoice approval
    principal: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d    # Ana Silva
`;
}
