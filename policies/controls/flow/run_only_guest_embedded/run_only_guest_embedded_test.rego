package shareguard.controls.flow.run_only_guest_embedded_test

import data.shareguard.controls.flow.run_only_guest_embedded

_member(id) := {
	"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "upnDomain": "contoso.com",
	"displayName": id, "userType": "Member",
}

_guest(id) := {
	"id": id, "userPrincipalName": sprintf("%s_northwind.com#EXT#@contoso.onmicrosoft.com", [id]),
	"upnDomain": "contoso.onmicrosoft.com", "mailDomain": "northwind.com",
	"displayName": id, "userType": "Guest",
	"identities": [{"signInType": "federated", "issuer": "ExternalAzureAD"}],
}

_conn(connector, owner, source, used) := {
	"id": sprintf("%s-1", [connector]), "connectorId": connector, "connectionOwnerId": owner,
	"runtimeSource": source, "used": used,
}

_flow(run_only, connections) := {
	"id": "f1", "displayName": "Request vendor quote", "environmentId": "e1", "creatorId": "isaiah",
	"trigger": {"kind": "instant"},
	"owners": [{"principalId": "isaiah", "principalType": "User"}],
	"runOnlyUsers": run_only,
	"connectionReferences": connections,
}

_tenant(users, groups, flow) := {
	"sections": {"users": true, "groups": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {u.id: u | some u in users},
	"groups": {g.id: g | some g in groups},
	"flows": {"f1": flow},
}

_users := [_member("isaiah"), _member("megan"), _guest("wei")]

_wei := [{"principalId": "wei", "principalType": "User"}]

test_fail_guest_runs_on_internal_embedded_connections if {
	flow := _flow(
		array.concat(_wei, [{"principalId": "megan", "principalType": "User"}]),
		[_conn("shared_sharepointonline", "isaiah", "embedded", true), _conn("shared_office365", "isaiah", "embedded", true)],
	)
	findings := run_only_guest_embedded.findings with data.tenant as _tenant(_users, [], flow)
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-03"
	f.severity == "critical"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Request vendor quote"}
	f.principal == {"kind": "user", "id": "wei", "displayName": "wei"}
	contains(f.message, "guest wei (wei_northwind.com#EXT#@contoso.onmicrosoft.com) directly")
	contains(f.message, "isaiah (isaiah@contoso.com) for shared_office365, shared_sharepointonline")
}

test_fail_guest_through_run_only_group if {
	group := {"id": "g1", "displayName": "Buyers", "transitiveMembers": ["megan", "wei"]}
	flow := _flow([{"principalId": "g1", "principalType": "Group"}], [_conn("shared_office365", "isaiah", "embedded", true)])
	findings := run_only_guest_embedded.findings with data.tenant as _tenant(_users, [group], flow)
	[f] := [f | some f in findings]
	f.principal.id == "wei"
	contains(f.message, "through group \"Buyers\"")
}

test_success_every_used_connection_is_invoker if {
	flow := _flow(_wei, [
		_conn("shared_approvals", "isaiah", "invoker", true),
		_conn("shared_office365", "isaiah", "invoker", true),
	])
	count(run_only_guest_embedded.findings) == 0 with data.tenant as _tenant(_users, [], flow)
}

test_success_embedded_connection_unused if {
	# "Other connections" are not used at run time: the guest never acts with them.
	flow := _flow(_wei, [
		_conn("shared_office365", "isaiah", "invoker", true),
		_conn("shared_teams", "isaiah", "embedded", false),
	])
	count(run_only_guest_embedded.findings) == 0 with data.tenant as _tenant(_users, [], flow)
}

test_success_embedded_connection_of_external_owner if {
	flow := _flow(_wei, [_conn("shared_office365", "wei", "embedded", true)])
	count(run_only_guest_embedded.findings) == 0 with data.tenant as _tenant(_users, [], flow)
}

test_success_internal_run_only_user if {
	flow := _flow([{"principalId": "megan", "principalType": "User"}], [_conn("shared_office365", "isaiah", "embedded", true)])
	count(run_only_guest_embedded.findings) == 0 with data.tenant as _tenant(_users, [], flow)
}

test_fail_use_not_confirmed_still_gives_the_finding if {
	# A listing that does not name the connector of every step leaves used null: the guest may act with it.
	flow := _flow(_wei, [_conn("shared_office365", "isaiah", "embedded", null), _conn("shared_approvals", "isaiah", "invoker", true)])
	findings := run_only_guest_embedded.findings with data.tenant as _tenant(_users, [], flow)
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-03"
	f.principal.id == "wei"
	contains(f.message, "isaiah (isaiah@contoso.com) for shared_office365: each run acts with that employee's credentials.")
	endswith(f.message, " Use of shared_office365 by the flow could not be confirmed: the export does not say which connectors its steps call.")
}

test_fail_confirmed_use_says_nothing_of_confirmation if {
	flow := _flow(_wei, [_conn("shared_office365", "isaiah", "embedded", true), _conn("shared_teams", "isaiah", "embedded", null)])
	findings := run_only_guest_embedded.findings with data.tenant as _tenant(_users, [], flow)
	[f] := [f | some f in findings]
	contains(f.message, "for shared_office365, shared_teams")
	contains(f.message, "Use of shared_teams by the flow could not be confirmed")
	not contains(f.message, "Use of shared_office365")
}

test_fail_used_absent_counts_as_used if {
	conn := object.remove(_conn("shared_office365", "isaiah", "embedded", true), ["used"])
	flow := _flow(_wei, [conn])
	count(run_only_guest_embedded.findings) == 1 with data.tenant as _tenant(_users, [], flow)
}

test_not_evaluated_without_users if {
	flow := _flow(_wei, [_conn("shared_office365", "isaiah", "embedded", true)])
	tenant := {"sections": {"flows": true}, "flows": {"f1": flow}}
	count(run_only_guest_embedded.findings) == 0 with data.tenant as tenant
	reports := run_only_guest_embedded.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"users"}
}

test_not_evaluated_run_only_group_without_groups_section if {
	flow := _flow([{"principalId": "g1", "principalType": "Group"}], [_conn("shared_office365", "isaiah", "embedded", true)])
	tenant := object.union(_tenant(_users, [], flow), {"sections": {"groups": false}})
	reports := run_only_guest_embedded.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "groups"
	r.controlId == "SG-FLOW-03"
}

test_not_evaluated_unknown_runtime_source if {
	flow := _flow(_wei, [_conn("shared_office365", "isaiah", null, true)])
	tenant := _tenant(_users, [], flow)
	count(run_only_guest_embedded.findings) == 0 with data.tenant as tenant
	reports := run_only_guest_embedded.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "flows[].connectionReferences[].runtimeSource"
	contains(r.reason, "\"Request vendor quote\"")
}

test_not_evaluated_absent_runtime_source if {
	conn := object.remove(_conn("shared_office365", "isaiah", null, true), ["runtimeSource"])
	reports := run_only_guest_embedded.not_evaluated with data.tenant as _tenant(_users, [], _flow(_wei, [conn]))
	{r.section | some r in reports} == {"flows[].connectionReferences[].runtimeSource"}
}

test_fail_scheduled_flow_still_judged_on_its_connections if {
	# Run-only users on a non-instant flow are SG-FLOW-06's concern; this control still looks at them.
	flow := object.union(_flow(_wei, [_conn("shared_office365", "isaiah", "embedded", true)]), {"trigger": {"kind": "scheduled"}})
	count(run_only_guest_embedded.findings) == 1 with data.tenant as _tenant(_users, [], flow)
}
