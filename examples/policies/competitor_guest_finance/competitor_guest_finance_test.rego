package shareguard.custom.competitor_guest_finance_test

import data.shareguard.custom.competitor_guest_finance
import data.shareguard.lib.testing

_params := {"CONTOSO-FIN-01": {"competitorDomains": ["fabrikam.com"]}}

_member(id) := {
	"id": id, "displayName": id, "userPrincipalName": sprintf("%s@contoso.com", [id]),
	"mail": sprintf("%s@contoso.com", [id]), "userType": "Member",
}

_guest(id, domain) := {
	"id": id, "displayName": id, "userPrincipalName": sprintf("%s_%s#EXT#@contoso.onmicrosoft.com", [id, domain]),
	"mail": sprintf("%s@%s", [id, domain]), "userType": "Guest",
}

_flow(environment_id, owners, run_only) := {
	"id": "f1", "displayName": "Invoice approval", "environmentId": environment_id, "creatorId": "ada",
	"owners": owners, "runOnlyUsers": run_only,
}

_tenant(users, groups, flow) := testing.with_indexes({
	"sections": {"users": true, "groups": true, "environments": true, "flows": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {u.id: u | some u in users},
	"groups": {g.id: g | some g in groups},
	"environments": {
		"fin": {"id": "fin", "displayName": "Finance Automation", "type": "Production"},
		"ops": {"id": "ops", "displayName": "Operations", "type": "Production"},
	},
	"flows": {"f1": flow},
})

_findings(tenant) := findings if {
	findings := competitor_guest_finance.findings with data.tenant as tenant with input.params as _params
}

test_fail_competitor_guest_co_owner if {
	tenant := _tenant([_member("ada"), _guest("ravi", "fabrikam.com")], [], _flow("fin", [{"principalId": "ravi", "principalType": "User"}], []))
	[f] := [f | some f in _findings(tenant)]
	f.controlId == "CONTOSO-FIN-01"
	f.severity == "critical"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Invoice approval"}
	f.principal.id == "ravi"
	f.message == "Flow \"Invoice approval\" in Finance environment \"Finance Automation\" can be owned by ravi (ravi_fabrikam.com#EXT#@contoso.onmicrosoft.com), a guest from competitor fabrikam.com (directly)."
}

test_fail_competitor_guest_runs_through_group if {
	group := {"id": "g1", "displayName": "AP Clerks", "transitiveMembers": ["ravi", "bob"]}
	flow := _flow("fin", [], [{"principalId": "g1", "principalType": "Group"}])
	tenant := _tenant([_member("ada"), _member("bob"), _guest("ravi", "fabrikam.com")], [group], flow)
	[f] := [f | some f in _findings(tenant)]
	f.principal.id == "ravi"
	contains(f.message, "can be run by")
	endswith(f.message, "(through group \"AP Clerks\").")
}

test_fail_owner_and_run_only_is_one_finding if {
	flow := _flow("fin", [{"principalId": "ravi", "principalType": "User"}], [{"principalId": "ravi", "principalType": "User"}])
	tenant := _tenant([_member("ada"), _guest("ravi", "fabrikam.com")], [], flow)
	[f] := [f | some f in _findings(tenant)]
	contains(f.message, "can be owned and run by")
}

test_fail_subdomain_and_case if {
	tenant := _tenant([_member("ada"), _guest("ravi", "EU.Fabrikam.com")], [], _flow("fin", [{"principalId": "ravi", "principalType": "User"}], []))
	count(_findings(tenant)) == 1
}

test_fail_address_from_ext_upn_without_mail if {
	guest := object.remove(_guest("ravi", "fabrikam.com"), ["mail"])
	tenant := _tenant([_member("ada"), guest], [], _flow("fin", [{"principalId": "ravi", "principalType": "User"}], []))
	count(_findings(tenant)) == 1
}

test_success_flow_outside_finance if {
	tenant := _tenant([_member("ada"), _guest("ravi", "fabrikam.com")], [], _flow("ops", [{"principalId": "ravi", "principalType": "User"}], []))
	count(_findings(tenant)) == 0
}

test_success_guest_not_from_a_competitor if {
	tenant := _tenant([_member("ada"), _guest("lee", "adatum.com")], [], _flow("fin", [{"principalId": "lee", "principalType": "User"}], []))
	count(_findings(tenant)) == 0
}

test_success_similar_domain_is_not_a_subdomain if {
	tenant := _tenant([_member("ada"), _guest("lee", "notfabrikam.com")], [], _flow("fin", [{"principalId": "lee", "principalType": "User"}], []))
	count(_findings(tenant)) == 0
}

test_success_no_competitors_by_default if {
	tenant := _tenant([_member("ada"), _guest("ravi", "fabrikam.com")], [], _flow("fin", [{"principalId": "ravi", "principalType": "User"}], []))
	count(competitor_guest_finance.findings) == 0 with data.tenant as tenant
}

test_success_only_flows_in_scope if {
	tenant := _tenant([_member("ada"), _guest("ravi", "fabrikam.com")], [], _flow("fin", [{"principalId": "ravi", "principalType": "User"}], []))
	count(_findings(tenant)) == 0 with input.scope as {"flows": [], "users": ["ravi"]}
	count(_findings(tenant)) == 1 with input.scope as {"flows": ["f1"], "users": []}
}

test_not_evaluated_groups_absent if {
	flow := _flow("fin", [], [{"principalId": "g1", "principalType": "Group"}])
	tenant := object.union(_tenant([_member("ada")], [], flow), {"sections": {"groups": false}})
	reports := competitor_guest_finance.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "groups"
}
