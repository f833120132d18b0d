package shareguard.platform.license.guest_flow_licence_test

import data.shareguard.platform.license.guest_flow_licence
import data.shareguard.platform.testing as fx

_verdicts(tenant, principal, type, role) := verdicts if {
	change := {"action": "share-flow", "actor": "alice", "flow": "f1", "role": role, "principal": principal, "principalType": type}
	verdicts := guest_flow_licence.verdicts with data.tenant as tenant with input.change as change
}

test_fail_unlicensed_guest_owner if {
	_verdicts(fx.tenant, "gina", "User", "owner") == {{
		"id": "PLT-LICENSE-01", "effect": "warn",
		"message": "Guest gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) becomes owner of flow \"Expense Approval\" but it holds no Power Automate-capable licence here: the flow works for it only if its home tenant licenses Power Automate.",
	}}
}

test_fail_licences_not_exported_through_group if {
	tenant := json.remove(fx.tenant, ["users/gus/licenses"])
	verdicts := _verdicts(tenant, "partners", "Group", "run-only")
	count(verdicts) == 2
	some v in verdicts
	contains(v.message, "Guest gus (gus_fabrikam.com#EXT#@contoso.onmicrosoft.com) becomes run-only of flow \"Expense Approval\" but its licences were not exported")
}

test_success_licensed_guest_member_or_copy if {
	count(_verdicts(fx.tenant, "gus", "User", "owner")) == 0
	count(_verdicts(fx.tenant, "carol", "User", "owner")) == 0
	count(_verdicts(fx.tenant, "gina", "User", "copy")) == 0
}
