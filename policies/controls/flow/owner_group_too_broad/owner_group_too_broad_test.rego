package shareguard.controls.flow.owner_group_too_broad_test

import data.shareguard.controls.flow.owner_group_too_broad

_member(id) := {"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "upnDomain": "contoso.com", "displayName": id, "userType": "Member"}

_guest(id) := {
	"id": id, "userPrincipalName": sprintf("%s_tailspin.com#EXT#@contoso.onmicrosoft.com", [id]),
	"upnDomain": "contoso.onmicrosoft.com", "displayName": id, "userType": "Guest",
}

_flow(owners) := {
	"id": "f1", "displayName": "Weekly sales digest", "environmentId": "e1", "creatorId": "amy",
	"owners": array.concat([{"principalId": "amy", "principalType": "User"}], owners),
}

_group_owner(id) := {"principalId": id, "principalType": "Group"}

_tenant(users, groups, flow) := {
	"sections": {"users": true, "groups": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {u.id: u | some u in users},
	"groups": {g.id: g | some g in groups},
	"flows": {"f1": flow},
}

_sales := {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["amy", "bob", "tariq"]}

test_fail_group_contains_guest if {
	tenant := _tenant([_member("amy"), _member("bob"), _guest("tariq")], [_sales], _flow([_group_owner("g1")]))
	findings := owner_group_too_broad.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-05"
	f.severity == "medium"
	f.resource.id == "f1"
	f.principal == {"kind": "group", "id": "g1", "displayName": "Sales Operations"}
	contains(f.message, "co-owned by group \"Sales Operations\", which contains 1 external user(s) (tariq (tariq_tailspin.com#EXT#@contoso.onmicrosoft.com)): every member")
}

test_fail_group_too_large if {
	members := [sprintf("u%d", [i]) | some i in numbers.range(1, 51)]
	group := {"id": "g2", "displayName": "All Sales", "transitiveMembers": members}
	tenant := _tenant([_member(id) | some id in members], [group], _flow([_group_owner("g2")]))
	findings := owner_group_too_broad.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	contains(f.message, "which has 51 members (limit 50):")
}

test_fail_large_and_guest_one_finding if {
	group := {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["amy", "bob", "tariq"]}
	tenant := _tenant([_member("amy"), _member("bob"), _guest("tariq")], [group], _flow([_group_owner("g1")]))
	findings := owner_group_too_broad.findings with data.tenant as tenant with input.params as {"SG-FLOW-05": {"maxOwnerGroupSize": 2}}
	[f] := [f | some f in findings]
	contains(f.message, "which has 3 members (limit 2) and contains 1 external user(s)")
}

test_success_small_internal_group if {
	group := {"id": "g1", "displayName": "Payroll Approvers", "transitiveMembers": ["amy", "bob"]}
	tenant := _tenant([_member("amy"), _member("bob")], [group], _flow([_group_owner("g1")]))
	count(owner_group_too_broad.findings) == 0 with data.tenant as tenant
}

test_success_guest_in_run_only_group_is_not_co_ownership if {
	flow := object.union(_flow([]), {"runOnlyUsers": [_group_owner("g1")]})
	tenant := _tenant([_member("amy"), _member("bob"), _guest("tariq")], [_sales], flow)
	count(owner_group_too_broad.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_sharepoint_list_co_owner if {
	flow := _flow([{"principalId": "list-1", "principalType": "SharePointList"}])
	tenant := _tenant([_member("amy")], [], flow)
	count(owner_group_too_broad.findings) == 0 with data.tenant as tenant
	reports := owner_group_too_broad.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-05"
	r.section == "flows[].owners"
	contains(r.reason, "\"Weekly sales digest\"")
}

test_not_evaluated_guests_without_users_section if {
	tenant := object.remove(_tenant([], [_sales], _flow([_group_owner("g1")])), ["users"])
	t := object.union(tenant, {"sections": {"users": false}})
	count(owner_group_too_broad.findings) == 0 with data.tenant as t
	reports := owner_group_too_broad.not_evaluated with data.tenant as t
	{r.section | some r in reports} == {"users"}
}

test_not_evaluated_without_groups if {
	tenant := {"sections": {"flows": true, "users": true}, "users": {}, "flows": {"f1": _flow([_group_owner("g1")])}}
	count(owner_group_too_broad.findings) == 0 with data.tenant as tenant
	reports := owner_group_too_broad.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"groups"}
}
