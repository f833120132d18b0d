package shareguard.views_test

import data.shareguard.views

_users := {
	"alice": {"id": "alice", "userPrincipalName": "alice@contoso.com", "upnDomain": "contoso.com", "userType": "Member"},
	"gina": {"id": "gina", "userPrincipalName": "gina_fabrikam.com#EXT#@contoso.onmicrosoft.com", "userType": "Guest"},
}

_flow(id, run_only) := {"id": id, "displayName": id, "environmentId": "e1", "creatorId": "alice", "owners": [], "runOnlyUsers": run_only}

_tenant := {
	"sections": {"users": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": _users,
	"flows": {
		"internal": _flow("internal", []),
		"shared": _flow("shared", [{"principalId": "gina", "principalType": "User"}]),
	},
}

test_flows_with_external_access if {
	result := views.result with data.tenant as _tenant
	result == {"externalAccessFlows": ["shared"]}
}

test_only_flows_in_scope_are_judged if {
	scope := {"users": [], "groups": [], "environments": [], "flows": ["internal"], "apps": [], "dlpPolicies": []}
	result := views.result with data.tenant as _tenant with input.scope as scope
	result == {"externalAccessFlows": []}
}
