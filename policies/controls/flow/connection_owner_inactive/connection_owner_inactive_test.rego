package shareguard.controls.flow.connection_owner_inactive_test

import data.shareguard.controls.flow.connection_owner_inactive

_user(id, enabled) := {
	"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id,
	"userType": "Member", "accountEnabled": enabled,
}

_conn(connector, owner, source, used) := {
	"id": sprintf("%s-1", [connector]), "connectorId": connector, "connectionOwnerId": owner,
	"runtimeSource": source, "used": used,
}

_flow(connections) := {
	"id": "f1", "displayName": "Monthly stock reconciliation", "environmentId": "e1", "creatorId": "amy",
	"owners": [{"principalId": "amy", "principalType": "User"}],
	"connectionReferences": connections,
}

_tenant(flow) := {
	"sections": {"users": true, "flows": true},
	"users": {"amy": _user("amy", true), "robert": _user("robert", false)},
	"flows": {"f1": flow},
}

test_fail_embedded_connections_of_disabled_user if {
	flow := _flow([
		_conn("shared_excelonlinebusiness", "robert", "embedded", true),
		_conn("shared_sharepointonline", "robert", "embedded", true),
		_conn("shared_office365", "amy", "embedded", true),
	])
	findings := connection_owner_inactive.findings with data.tenant as _tenant(flow)
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-07"
	f.severity == "medium"
	f.resource.id == "f1"
	f.principal == {"kind": "user", "id": "robert", "displayName": "robert"}
	contains(f.message, "embedded connection(s) shared_excelonlinebusiness, shared_sharepointonline of robert (robert@contoso.com), who is disabled")
}

test_fail_embedded_connection_of_deleted_user if {
	findings := connection_owner_inactive.findings with data.tenant as _tenant(_flow([_conn("shared_office365", "gone-1", "embedded", true)]))
	[f] := [f | some f in findings]
	f.principal == {"kind": "unknown", "id": "gone-1", "displayName": "gone-1"}
	f.message == "Flow \"Monthly stock reconciliation\" uses embedded connection(s) shared_office365 of unknown principal gone-1 (deleted or not exported): if the account was deleted, the actions that use them will fail."
}

test_fail_use_not_confirmed_still_gives_the_finding if {
	# The flows listing did not name the connector of every step: the connection may be used.
	flow := _flow([_conn("shared_office365", "robert", "embedded", null), _conn("shared_teams", "robert", "embedded", true)])
	findings := connection_owner_inactive.findings with data.tenant as _tenant(flow)
	[f] := [f | some f in findings]
	f.principal.id == "robert"
	contains(f.message, "embedded connection(s) shared_office365, shared_teams of robert (robert@contoso.com), who is disabled")
	endswith(f.message, " Use of shared_office365 by the flow could not be confirmed: the export does not say which connectors its steps call.")
}

test_success_confirmed_use_says_nothing_of_confirmation if {
	findings := connection_owner_inactive.findings with data.tenant as _tenant(_flow([_conn("shared_office365", "robert", "embedded", true)]))
	[f] := [f | some f in findings]
	not contains(f.message, "could not be confirmed")
}

test_success_active_owner if {
	count(connection_owner_inactive.findings) == 0 with data.tenant as _tenant(_flow([_conn("shared_office365", "amy", "embedded", true)]))
}

test_success_unused_connection_of_disabled_user if {
	# "Other connections" are not used at run time: nothing fails.
	count(connection_owner_inactive.findings) == 0 with data.tenant as _tenant(_flow([_conn("shared_teams", "robert", "embedded", false)]))
}

test_success_invoker_connection_of_disabled_user if {
	count(connection_owner_inactive.findings) == 0 with data.tenant as _tenant(_flow([_conn("shared_approvals", "robert", "invoker", true)]))
}

test_not_evaluated_without_users_never_reports_every_owner if {
	tenant := {"sections": {"flows": true}, "flows": {"f1": _flow([_conn("shared_office365", "amy", "embedded", true)])}}
	count(connection_owner_inactive.findings) == 0 with data.tenant as tenant
	reports := connection_owner_inactive.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"users"}
}

test_not_evaluated_runtime_source_unknown if {
	conn := object.remove(_conn("shared_office365", "robert", null, true), ["runtimeSource"])
	tenant := _tenant(_flow([conn]))
	count(connection_owner_inactive.findings) == 0 with data.tenant as tenant
	reports := connection_owner_inactive.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-07"
	r.section == "flows[].connectionReferences[].runtimeSource"
	contains(r.reason, "\"Monthly stock reconciliation\"")
}

test_not_evaluated_connection_owner_missing if {
	conn := object.remove(_conn("shared_office365", "x", "embedded", true), ["connectionOwnerId"])
	reports := connection_owner_inactive.not_evaluated with data.tenant as _tenant(_flow([conn]))
	[r] := [r | some r in reports]
	r.section == "flows[].connectionReferences[].connectionOwnerId"
}
