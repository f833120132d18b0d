package shareguard.controls.flow.orphaned_test

import data.shareguard.controls.flow.orphaned

_user(id, enabled) := {
	"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id,
	"userType": "Member", "accountEnabled": enabled,
}

_flow(creator, owners) := {
	"id": "f1", "displayName": "Month-end close", "environmentId": "e1", "creatorId": creator,
	"state": "Started", "owners": owners,
}

_tenant(users, groups, flow) := {
	"sections": {"users": true, "groups": true, "flows": true},
	"users": {u.id: u | some u in users},
	"groups": {g.id: g | some g in groups},
	"flows": {"f1": flow},
}

test_fail_creator_disabled_no_other_owner if {
	tenant := _tenant([_user("dan", false)], [], _flow("dan", [{"principalId": "dan", "principalType": "User"}]))
	findings := orphaned.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-02"
	f.resource.id == "f1"
	contains(f.message, "dan (dan@contoso.com) disabled")
}

test_fail_creator_deleted if {
	tenant := _tenant([_user("amy", true)], [], _flow("gone-1", []))
	findings := orphaned.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	endswith(f.message, "has no enabled owner: unknown principal gone-1 (deleted or not exported).")

	# One phrasing for a principal not in the export: the label's, not a second verdict.
	not contains(f.message, "no longer exists")
}

test_fail_group_owner_with_only_disabled_members if {
	group := {"id": "g1", "displayName": "Ops", "transitiveMembers": ["dan"]}
	flow := _flow("dan", [{"principalId": "g1", "principalType": "Group"}])
	tenant := _tenant([_user("dan", false)], [group], flow)
	count(orphaned.findings) == 1 with data.tenant as tenant
}

test_fail_deleted_group_owner if {
	flow := _flow("dan", [{"principalId": "g-deleted", "principalType": "Group"}])
	tenant := _tenant([_user("dan", false)], [], flow)
	count(orphaned.findings) == 1 with data.tenant as tenant
}

test_success_enabled_co_owner if {
	flow := _flow("dan", [{"principalId": "eve", "principalType": "User"}])
	tenant := _tenant([_user("dan", false), _user("eve", true)], [], flow)
	count(orphaned.findings) == 0 with data.tenant as tenant
}

test_success_group_with_enabled_member if {
	group := {"id": "g1", "displayName": "Ops", "transitiveMembers": ["dan", "eve"]}
	flow := _flow("dan", [{"principalId": "g1", "principalType": "Group"}])
	tenant := _tenant([_user("dan", false), _user("eve", true)], [group], flow)
	count(orphaned.findings) == 0 with data.tenant as tenant
}

test_success_enabled_creator if {
	tenant := _tenant([_user("amy", true)], [], _flow("amy", []))
	count(orphaned.findings) == 0 with data.tenant as tenant
}

test_success_sharepoint_list_owner if {
	flow := _flow("dan", [{"principalId": "list-1", "principalType": "SharePointList"}])
	tenant := _tenant([_user("dan", false)], [], flow)
	count(orphaned.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_without_users if {
	tenant := {"sections": {"flows": true}, "flows": {"f1": _flow("dan", [])}}
	count(orphaned.findings) == 0 with data.tenant as tenant
	reports := orphaned.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"users"}
}
