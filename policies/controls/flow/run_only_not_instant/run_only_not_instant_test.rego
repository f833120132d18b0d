package shareguard.controls.flow.run_only_not_instant_test

import data.shareguard.controls.flow.run_only_not_instant

_flow(trigger, run_only) := {
	"id": "f1", "displayName": "Daily stock level report", "environmentId": "e1", "creatorId": "fay",
	"trigger": trigger, "owners": [{"principalId": "fay", "principalType": "User"}], "runOnlyUsers": run_only,
}

_tenant(flow) := {
	"sections": {"users": true, "flows": true},
	"users": {"oliver": {"id": "oliver", "userPrincipalName": "oliver@contoso.com", "displayName": "Oliver Hughes", "userType": "Member"}},
	"flows": {"f1": flow},
}

_oliver := [{"principalId": "oliver", "principalType": "User"}]

test_fail_scheduled_flow_with_run_only_user if {
	findings := run_only_not_instant.findings with data.tenant as _tenant(_flow({"kind": "scheduled"}, _oliver))
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-06"
	f.severity == "low"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Daily stock level report"}
	not f.principal
	contains(f.message, "has trigger kind \"scheduled\" but lists run-only users (Oliver Hughes (oliver@contoso.com))")
}

test_fail_automated_flow_with_run_only_group if {
	flow := _flow({"kind": "automated", "connectorId": "shared_sharepointonline"}, [{"principalId": "g1", "principalType": "Group"}])
	findings := run_only_not_instant.findings with data.tenant as _tenant(flow)
	[f] := [f | some f in findings]
	contains(f.message, "has trigger kind \"automated\"")
}

test_success_instant_flow_with_run_only_user if {
	count(run_only_not_instant.findings) == 0 with data.tenant as _tenant(_flow({"kind": "instant"}, _oliver))
}

test_success_scheduled_flow_without_run_only_users if {
	count(run_only_not_instant.findings) == 0 with data.tenant as _tenant(_flow({"kind": "scheduled"}, []))
	count(run_only_not_instant.findings) == 0 with data.tenant as _tenant(_flow({"kind": "scheduled"}, null))
}

test_not_evaluated_trigger_unknown if {
	tenant := _tenant(object.remove(_flow({}, _oliver), ["trigger"]))
	count(run_only_not_instant.findings) == 0 with data.tenant as tenant
	reports := run_only_not_instant.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-06"
	r.section == "flows[].trigger.kind"
	contains(r.reason, "\"Daily stock level report\"")
}

test_not_evaluated_without_flows if {
	reports := run_only_not_instant.not_evaluated with data.tenant as {"sections": {}}
	{r.section | some r in reports} == {"flows"}
}
