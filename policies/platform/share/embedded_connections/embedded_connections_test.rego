package shareguard.platform.share.embedded_connections_test

import data.shareguard.platform.share.embedded_connections
import data.shareguard.platform.testing as fx

_verdicts(tenant, principal) := verdicts if {
	change := {"action": "unshare-flow", "actor": "alice", "flow": "f1", "role": "owner", "principal": principal, "principalType": "User"}
	verdicts := embedded_connections.verdicts with data.tenant as tenant with input.change as change
}

test_fail_owner_with_embedded_connection if {
	_verdicts(fx.tenant, "carol") == {{
		"id": "PLT-SHARE-05", "effect": "warn",
		"message": "Removing carol (carol@contoso.com) from flow \"Expense Approval\" leaves its embedded connection(s) shared_office365 in the flow: switch them to another account or those actions will fail.",
	}}
}

test_fail_use_not_confirmed_still_warns if {
	tenant := json.patch(fx.tenant, [{"op": "replace", "path": "/flows/f1/connectionReferences/0/used", "value": null}])
	_verdicts(tenant, "carol") == {{
		"id": "PLT-SHARE-05", "effect": "warn",
		"message": "Removing carol (carol@contoso.com) from flow \"Expense Approval\" leaves its embedded connection(s) shared_office365 in the flow: switch them to another account or those actions will fail. Use of shared_office365 by the flow could not be confirmed: the export does not say which connectors its steps call.",
	}}
}

test_success_unused_or_invoker_connection if {
	tenant := json.patch(fx.tenant, [{"op": "replace", "path": "/flows/f1/connectionReferences/0/used", "value": false}])
	count(_verdicts(tenant, "carol")) == 0
	tenant2 := json.patch(fx.tenant, [{"op": "replace", "path": "/flows/f1/connectionReferences/0/runtimeSource", "value": "invoker"}])
	count(_verdicts(tenant2, "carol")) == 0
}

test_success_owner_without_connections if {
	count(_verdicts(fx.tenant, "flow-owners")) == 0
}
