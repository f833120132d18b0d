package shareguard.controls.flow.external_access_without_dlp_test

import data.shareguard.controls.flow.external_access_without_dlp

_member(id) := {"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "upnDomain": "contoso.com", "displayName": id, "userType": "Member"}

_guest(id) := {
	"id": id, "userPrincipalName": sprintf("%s_litware.com#EXT#@contoso.onmicrosoft.com", [id]),
	"upnDomain": "contoso.onmicrosoft.com", "displayName": id, "userType": "Guest",
}

_flow(owners, run_only) := {
	"id": "f1", "displayName": "Sync product catalogue", "environmentId": "sandbox", "creatorId": "ian",
	"trigger": {"kind": "instant"},
	"owners": array.concat([{"principalId": "ian", "principalType": "User"}], owners),
	"runOnlyUsers": run_only,
}

_tenant(groups, flow, covered) := {
	"sections": {"users": true, "groups": true, "flows": true, "environments": true, "dlpPolicies": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {u.id: u | some u in [_member("ian"), _member("bob"), _guest("daniel")]},
	"groups": {g.id: g | some g in groups},
	"environments": {"sandbox": {"id": "sandbox", "displayName": "Contoso Dev Sandbox", "type": "Sandbox"}},
	"dlpPolicies": {"p1": {"id": "p1", "displayName": "Baseline", "environmentType": "ExceptEnvironments", "environments": ["sandbox"]}},
	"index": {"dlpPoliciesByEnvironment": {env: ["p1"] | some env in covered}},
	"flows": {"f1": flow},
}

_daniel := [{"principalId": "daniel", "principalType": "User"}]

test_fail_external_owner_without_dlp if {
	findings := external_access_without_dlp.findings with data.tenant as _tenant([], _flow(_daniel, []), [])
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-09"
	f.severity == "high"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Sync product catalogue"}
	not f.principal
	contains(f.message, "in environment \"Contoso Dev Sandbox\", which no DLP policy covers")
	contains(f.message, "(external owners: daniel (daniel_litware.com#EXT#@contoso.onmicrosoft.com) directly)")
}

test_fail_external_run_only_user_through_group if {
	group := {"id": "g1", "displayName": "Partners", "transitiveMembers": ["bob", "daniel"]}
	flow := _flow([], [{"principalId": "g1", "principalType": "Group"}])
	findings := external_access_without_dlp.findings with data.tenant as _tenant([group], flow, [])
	[f] := [f | some f in findings]
	contains(f.message, "(external run-only users: daniel (daniel_litware.com#EXT#@contoso.onmicrosoft.com) through group \"Partners\")")
}

test_fail_external_owner_through_group if {
	group := {"id": "g1", "displayName": "Makers", "transitiveMembers": ["daniel"]}
	flow := _flow([{"principalId": "g1", "principalType": "Group"}], [])
	findings := external_access_without_dlp.findings with data.tenant as _tenant([group], flow, [])
	[f] := [f | some f in findings]
	contains(f.message, "external owners: daniel (daniel_litware.com#EXT#@contoso.onmicrosoft.com) through group \"Makers\"")
}

test_success_environment_covered_by_dlp if {
	count(external_access_without_dlp.findings) == 0 with data.tenant as _tenant([], _flow(_daniel, _daniel), ["sandbox"])
}

test_success_internal_only if {
	flow := _flow([{"principalId": "bob", "principalType": "User"}], [{"principalId": "bob", "principalType": "User"}])
	count(external_access_without_dlp.findings) == 0 with data.tenant as _tenant([], flow, [])
}

test_not_evaluated_without_dlp_policies_section if {
	tenant := object.union(object.remove(_tenant([], _flow(_daniel, []), []), ["dlpPolicies"]), {"sections": {"dlpPolicies": false}})
	count(external_access_without_dlp.findings) == 0 with data.tenant as tenant
	reports := external_access_without_dlp.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-09"
	r.section == "dlpPolicies"
}

test_not_evaluated_groups_absent if {
	tenant := object.union(_tenant([], _flow([], [{"principalId": "g1", "principalType": "Group"}]), []), {"sections": {"groups": false}})
	reports := external_access_without_dlp.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"groups"}
}
