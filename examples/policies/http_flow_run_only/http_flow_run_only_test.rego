package shareguard.custom.http_flow_run_only_test

import data.shareguard.custom.http_flow_run_only
import data.shareguard.lib.testing

_member(id) := {"id": id, "displayName": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "userType": "Member"}

_runners := {"id": "g-runners", "displayName": "Approved HTTP Runners", "transitiveMembers": ["ann"]}

_sales := {"id": "g-sales", "displayName": "Sales", "transitiveMembers": ["ann", "bob"]}

_flow(connectors, run_only) := {
	"id": "f1", "displayName": "Post orders to ERP", "environmentId": "e1", "creatorId": "own",
	"trigger": {"kind": "instant"},
	"connectionReferences": [{"id": sprintf("c-%s", [c]), "connectorId": c, "used": true} | some c in connectors],
	"runOnlyUsers": run_only,
}

_tenant(flow) := testing.with_indexes({
	"sections": {"users": true, "groups": true, "flows": true},
	"users": {u.id: u | some u in [_member("own"), _member("ann"), _member("bob")]},
	"groups": {"g-runners": _runners, "g-sales": _sales},
	"flows": {"f1": flow},
})

_params(group) := {"CONTOSO-FLOW-01": {"allowedRunOnlyGroup": group}}

_findings(flow, group) := findings if {
	findings := http_flow_run_only.findings with data.tenant as _tenant(flow) with input.params as _params(group)
}

_user(id) := {"principalId": id, "principalType": "User"}

test_fail_run_only_user_outside_group if {
	[f] := [f | some f in _findings(_flow(["http", "shared_office365"], [_user("bob")]), "Approved HTTP Runners")]
	f.controlId == "CONTOSO-FLOW-01"
	f.resource.id == "f1"
	f.principal.id == "bob"
	f.message == "Flow \"Post orders to ERP\" calls http and can be run by bob (bob@contoso.com) directly, who is not in the approved group \"Approved HTTP Runners\"."
}

test_fail_group_members_outside_approved_group if {
	findings := _findings(_flow(["http"], [{"principalId": "g-sales", "principalType": "Group"}]), "g-runners")
	{f.principal.id | some f in findings} == {"bob"}
}

test_fail_http_trigger_counts if {
	flow := object.union(_flow(["shared_office365"], [_user("bob")]), {"trigger": {"kind": "instant", "connectorId": "request"}})
	count(_findings(flow, "g-runners")) == 1
}

test_fail_no_group_approved if {
	[f] := [f | some f in _findings(_flow(["http"], [_user("ann")]), "")]
	endswith(f.message, "and no group is approved to run HTTP flows (parameter allowedRunOnlyGroup).")
}

test_success_member_of_approved_group if {
	count(_findings(_flow(["http"], [_user("ann")]), "approved http runners")) == 0
}

test_success_flow_without_http if {
	count(_findings(_flow(["shared_office365"], [_user("bob")]), "g-runners")) == 0
}

test_success_unknown_run_only_principal_is_not_reported if {
	count(_findings(_flow(["http"], [_user("deleted-1")]), "g-runners")) == 0
}

test_scope_reaches_the_finding_from_the_user_or_the_flow if {
	flow := _flow(["http"], [_user("bob")])
	count(_findings(flow, "g-runners")) == 1 with input.scope as {"flows": [], "users": ["bob"]}
	count(_findings(flow, "g-runners")) == 1 with input.scope as {"flows": ["f1"], "users": []}
	count(_findings(flow, "g-runners")) == 0 with input.scope as {"flows": [], "users": ["ann"]}
}

test_not_evaluated_when_the_group_is_not_in_the_export if {
	reports := http_flow_run_only.not_evaluated with data.tenant as _tenant(_flow(["http"], [_user("bob")]))
		with input.params as _params("Nonexistent group")
	[r] := [r | some r in reports]
	r.section == "groups"
	count(_findings(_flow(["http"], [_user("bob")]), "Nonexistent group")) == 0
}
