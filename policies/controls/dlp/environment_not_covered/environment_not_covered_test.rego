package shareguard.controls.dlp.environment_not_covered_test

import data.shareguard.controls.dlp.environment_not_covered

_environments := {
	"Default-t1": {"id": "Default-t1", "displayName": "Contoso (default)", "type": "Default"},
	"e1": {"id": "e1", "displayName": "Contoso Production", "type": "Production"},
	"e2": {"id": "e2", "displayName": "Contoso Dev Sandbox", "type": "Sandbox"},
}

# A baseline policy for all environments except the sandbox, resolved by the normaliser.
_tenant(index) := {
	"sections": {"environments": true, "dlpPolicies": true},
	"environments": _environments,
	"dlpPolicies": {"p1": {"id": "p1", "displayName": "Baseline", "environmentType": "ExceptEnvironments", "environments": ["e2"]}},
	"index": {"dlpPoliciesByEnvironment": index},
}

test_fail_excluded_environment_in_no_other_policy if {
	tenant := _tenant({"Default-t1": ["p1"], "e1": ["p1"]})
	findings := environment_not_covered.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-DLP-01"
	f.severity == "high"
	f.resource == {"kind": "environment", "id": "e2", "displayName": "Contoso Dev Sandbox"}
	not f.principal
	f.message == "Sandbox environment \"Contoso Dev Sandbox\" is covered by no DLP policy: apps and flows there may use and combine any connector."
}

test_fail_no_policy_at_all if {
	tenant := object.union(_tenant({}), {"dlpPolicies": {}})
	findings := environment_not_covered.findings with data.tenant as tenant
	{f.resource.id | some f in findings} == {"Default-t1", "e1", "e2"}
}

test_success_every_environment_covered if {
	tenant := _tenant({"Default-t1": ["p1"], "e1": ["p1"], "e2": ["p2"]})
	count(environment_not_covered.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_without_dlp_policies if {
	tenant := {"sections": {"environments": true}, "environments": _environments, "index": {"dlpPoliciesByEnvironment": {}}}
	count(environment_not_covered.findings) == 0 with data.tenant as tenant
	environment_not_covered.not_evaluated == {{
		"controlId": "SG-DLP-01",
		"section": "dlpPolicies",
		"reason": "section absent from the export",
	}} with data.tenant as tenant
}

test_not_evaluated_without_environments if {
	tenant := {"sections": {"dlpPolicies": true}, "dlpPolicies": {}, "index": {"dlpPoliciesByEnvironment": {}}}
	count(environment_not_covered.findings) == 0 with data.tenant as tenant
	{r.section | some r in environment_not_covered.not_evaluated} == {"environments"} with data.tenant as tenant
}
