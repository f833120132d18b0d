package shareguard.controls.env.production_without_security_group_test

import data.shareguard.controls.env.production_without_security_group

_tenant(environments) := {
	"sections": {"environments": true},
	"environments": {e.id: e | some e in environments},
}

test_fail_production_security_group_null if {
	tenant := _tenant([{"id": "e1", "displayName": "Contoso Production", "type": "Production", "securityGroupId": null}])
	findings := production_without_security_group.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-ENV-03"
	f.severity == "medium"
	f.resource == {"kind": "environment", "id": "e1", "displayName": "Contoso Production"}
	not f.principal
	f.message == "Production environment \"Contoso Production\" has no security group: every licensed user in the tenant can access it."
}

test_fail_production_security_group_absent if {
	tenant := _tenant([{"id": "e1", "displayName": "Contoso Production", "type": "Production"}])
	findings := production_without_security_group.findings with data.tenant as tenant
	{f.resource.id | some f in findings} == {"e1"}
}

test_success_production_with_security_group if {
	tenant := _tenant([{"id": "e1", "displayName": "Finance Automation", "type": "Production", "securityGroupId": "g1"}])
	count(production_without_security_group.findings) == 0 with data.tenant as tenant
}

test_success_default_environment_is_open_by_design if {
	tenant := _tenant([{"id": "Default-t1", "displayName": "Contoso (default)", "type": "Default", "securityGroupId": null}])
	count(production_without_security_group.findings) == 0 with data.tenant as tenant
}

test_success_sandbox_without_security_group if {
	tenant := _tenant([{"id": "e2", "displayName": "Dev", "type": "Sandbox", "securityGroupId": null}])
	count(production_without_security_group.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_without_environments if {
	tenant := {"sections": {"users": true}}
	count(production_without_security_group.findings) == 0 with data.tenant as tenant
	{r.section | some r in production_without_security_group.not_evaluated} == {"environments"} with data.tenant as tenant
}

test_not_evaluated_when_security_groups_not_collected if {
	tenant := object.union(
		_tenant([
			{"id": "e1", "displayName": "Contoso Production", "type": "Production"},
			{"id": "e2", "displayName": "Finance", "type": "Production", "securityGroupId": "g1"},
		]),
		{"notCollected": {"environments[].securityGroupId": true}},
	)
	count(production_without_security_group.findings) == 0 with data.tenant as tenant
	[r] := [r | some r in production_without_security_group.not_evaluated] with data.tenant as tenant
	r.section == "environments[].securityGroupId"
	contains(r.reason, "1 Production environment(s), e.g. \"Contoso Production\"")
}
