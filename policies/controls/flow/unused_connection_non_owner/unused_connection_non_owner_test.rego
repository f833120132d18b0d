package shareguard.controls.flow.unused_connection_non_owner_test

import data.shareguard.controls.flow.unused_connection_non_owner

_user(id) := {"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id, "userType": "Member"}

_conn(connector, owner, used) := {
	"id": sprintf("%s-%s", [connector, owner]), "connectorId": connector, "connectionOwnerId": owner,
	"runtimeSource": "embedded", "used": used,
}

_flow(owners, connections) := {
	"id": "f1", "displayName": "New starter onboarding", "environmentId": "e1", "creatorId": "diego",
	"owners": owners, "connectionReferences": connections,
}

_tenant(groups, flow) := {
	"sections": {"users": true, "groups": true, "flows": true},
	"users": {u.id: u | some u in [_user("diego"), _user("joni"), _user("tomasz")]},
	"groups": {g.id: g | some g in groups},
	"flows": {"f1": flow},
}

_joni := [{"principalId": "joni", "principalType": "User"}]

test_fail_unused_connection_of_non_owner if {
	flow := _flow(_joni, [_conn("shared_office365", "diego", true), _conn("shared_teams", "tomasz", false)])
	findings := unused_connection_non_owner.findings with data.tenant as _tenant([], flow)
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-11"
	f.severity == "low"
	f.resource.id == "f1"
	f.principal == {"kind": "user", "id": "tomasz", "displayName": "tomasz"}
	contains(f.message, "keeps unused connection(s) shared_teams of tomasz (tomasz@contoso.com), who is not an owner")
}

test_not_evaluated_use_not_confirmed if {
	# used null: the connection may be used by an action or left under Other connections. Neither a finding
	# nor a pass: the flow is reported as not evaluated.
	flow := _flow(_joni, [_conn("shared_teams", "tomasz", null), _conn("shared_office365", "joni", null)])
	tenant := _tenant([], flow)
	count(unused_connection_non_owner.findings) == 0 with data.tenant as tenant
	reports := unused_connection_non_owner.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-11"
	r.section == "flows[].connectionReferences[].used"
	r.reason == "1 flow(s) hold connections of non-owners whose use could not be confirmed (used by an action, or left under Other connections): \"New starter onboarding\""
}

test_success_use_not_confirmed_of_owner_reports_nothing if {
	flow := _flow(_joni, [_conn("shared_teams", "joni", null)])
	count(unused_connection_non_owner.not_evaluated) == 0 with data.tenant as _tenant([], flow)
}

test_success_used_connection_of_non_owner if {
	# A used connection is not an "Other connection": this control is only about unused ones.
	flow := _flow(_joni, [_conn("shared_teams", "tomasz", true)])
	count(unused_connection_non_owner.findings) == 0 with data.tenant as _tenant([], flow)
}

test_success_unused_connection_of_owner if {
	flow := _flow(_joni, [_conn("shared_teams", "joni", false)])
	count(unused_connection_non_owner.findings) == 0 with data.tenant as _tenant([], flow)
}

test_success_unused_connection_of_unlisted_creator if {
	# The creator is an owner even when the owners list leaves them out.
	flow := _flow(_joni, [_conn("shared_teams", "diego", false)])
	count(unused_connection_non_owner.findings) == 0 with data.tenant as _tenant([], flow)
}

test_success_owner_through_group if {
	group := {"id": "g1", "displayName": "HR Automation", "transitiveMembers": ["tomasz"]}
	flow := _flow([{"principalId": "g1", "principalType": "Group"}], [_conn("shared_teams", "tomasz", false)])
	count(unused_connection_non_owner.findings) == 0 with data.tenant as _tenant([group], flow)
}

test_fail_deleted_connection_owner if {
	flow := _flow(_joni, [_conn("shared_teams", "gone-1", false)])
	findings := unused_connection_non_owner.findings with data.tenant as _tenant([], flow)
	[f] := [f | some f in findings]
	f.principal.kind == "unknown"
}

test_not_evaluated_group_owner_without_groups if {
	flow := _flow([{"principalId": "g1", "principalType": "Group"}], [_conn("shared_teams", "tomasz", false)])
	tenant := object.union(_tenant([], flow), {"sections": {"groups": false}})
	count(unused_connection_non_owner.findings) == 0 with data.tenant as tenant
	reports := unused_connection_non_owner.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-11"
	r.section == "flows[].owners"
	contains(r.reason, "\"New starter onboarding\"")
}

test_not_evaluated_sharepoint_list_owner if {
	flow := _flow([{"principalId": "list-1", "principalType": "SharePointList"}], [_conn("shared_teams", "tomasz", false)])
	count(unused_connection_non_owner.findings) == 0 with data.tenant as _tenant([], flow)
	count(unused_connection_non_owner.not_evaluated) == 1 with data.tenant as _tenant([], flow)
}
