package shareguard.controls.flow.too_many_co_owners_test

import data.shareguard.controls.flow.too_many_co_owners

_user(id) := {"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id, "userType": "Member"}

_users := [_user(id) | some id in ["carol", "u1", "u2", "u3", "u4", "u5", "u6", "u7"]]

_owner(id) := {"principalId": id, "principalType": "User"}

_flow(owners) := {
	"id": "f1", "displayName": "Customer escalation alerts", "environmentId": "e1", "creatorId": "carol",
	"owners": owners,
}

_tenant(groups, flow) := {
	"sections": {"users": true, "groups": true, "flows": true},
	"users": {u.id: u | some u in _users},
	"groups": {g.id: g | some g in groups},
	"flows": {"f1": flow},
}

test_fail_six_direct_co_owners if {
	flow := _flow([_owner(id) | some id in ["carol", "u1", "u2", "u3", "u4", "u5", "u6"]])
	findings := too_many_co_owners.findings with data.tenant as _tenant([], flow)
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-04"
	f.severity == "medium"
	f.resource.id == "f1"
	not f.principal
	contains(f.message, "has 6 co-owners besides its creator carol (carol@contoso.com) (limit 5):")
}

test_success_five_co_owners if {
	flow := _flow([_owner(id) | some id in ["carol", "u1", "u2", "u3", "u4", "u5"]])
	count(too_many_co_owners.findings) == 0 with data.tenant as _tenant([], flow)
}

test_success_creator_not_counted_whether_listed_or_not if {
	# The creator is an owner even when not listed, and is never one of the co-owners counted.
	unlisted := _flow([_owner(id) | some id in ["u1", "u2", "u3", "u4", "u5"]])
	count(too_many_co_owners.findings) == 0 with data.tenant as _tenant([], unlisted)
	group := {"id": "g1", "displayName": "Escalations", "transitiveMembers": ["carol", "u5"]}
	through_group := _flow([_owner("u1"), _owner("u2"), _owner("u3"), _owner("u4"), {"principalId": "g1", "principalType": "Group"}])
	count(too_many_co_owners.findings) == 0 with data.tenant as _tenant([group], through_group)
}

test_fail_group_members_counted_once_and_named if {
	group := {"id": "g1", "displayName": "Escalation rota", "transitiveMembers": ["u3", "u4", "u5", "u6"]}
	flow := _flow([_owner("u1"), _owner("u2"), _owner("u3"), {"principalId": "g1", "principalType": "Group"}])
	findings := too_many_co_owners.findings with data.tenant as _tenant([group], flow)
	[f] := [f | some f in findings]
	contains(f.message, "has 6 co-owners")
	contains(f.message, "3 of them only through group \"Escalation rota\"")
}

test_success_with_higher_limit if {
	flow := _flow([_owner(id) | some id in ["u1", "u2", "u3", "u4", "u5", "u6"]])
	count(too_many_co_owners.findings) == 0 with data.tenant as _tenant([], flow)
		with input.params as {"SG-FLOW-04": {"maxCoOwners": 6}}
}

test_fail_sharepoint_list_counted_as_one if {
	owners := array.concat([_owner(id) | some id in ["u1", "u2", "u3", "u4", "u5"]], [{"principalId": "list-1", "principalType": "SharePointList"}])
	findings := too_many_co_owners.findings with data.tenant as _tenant([], _flow(owners))
	[f] := [f | some f in findings]
	contains(f.message, "has 6 co-owners")
	contains(f.message, "counting SharePoint list list-1 as one co-owner each")
}

test_not_evaluated_sharepoint_list_under_limit if {
	flow := _flow([_owner("u1"), {"principalId": "list-1", "principalType": "SharePointList"}])
	tenant := _tenant([], flow)
	count(too_many_co_owners.findings) == 0 with data.tenant as tenant
	reports := too_many_co_owners.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "flows[].owners"
	contains(r.reason, "\"Customer escalation alerts\"")
}

test_not_evaluated_groups_absent_counts_each_group_as_one if {
	owners := array.concat([_owner(id) | some id in ["u1", "u2", "u3", "u4", "u5"]], [{"principalId": "g1", "principalType": "Group"}])
	tenant := {"sections": {"users": true, "flows": true}, "users": {u.id: u | some u in _users}, "flows": {"f1": _flow(owners)}}
	findings := too_many_co_owners.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	contains(f.message, "has 6 co-owners")
	contains(f.message, "counting group g1 as one co-owner each")
	reports := too_many_co_owners.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"groups"}
}

test_not_evaluated_without_flows if {
	reports := too_many_co_owners.not_evaluated with data.tenant as {"sections": {"users": true}}
	{r.section | some r in reports} == {"flows"}
}
