package shareguard.platform.share.external_copy_test

import data.shareguard.platform.share.external_copy
import data.shareguard.platform.testing as fx

_verdicts(change) := verdicts if {
	base := {"action": "share-flow", "actor": "alice", "flow": "f1", "role": "copy", "principal": null, "principalType": "User"}
	verdicts := external_copy.verdicts with data.tenant as fx.tenant with input.change as object.union(base, change)
}

test_fail_copy_to_external_address if {
	_verdicts({"recipientEmail": "eve@litware.com"}) == {{
		"id": "PLT-SHARE-06", "effect": "warn",
		"message": "Sending a copy of flow \"Expense Approval\" to external recipient eve@litware.com cannot be revoked; the recipient gets the flow's definition but none of its connections.",
	}}
}

test_fail_copy_to_guest if {
	[v] := [v | some v in _verdicts({"principal": "gina"})]
	contains(v.message, "external recipient gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com)")
}

test_success_copy_inside if {
	count(_verdicts({"principal": "carol"})) == 0
	count(_verdicts({"recipientEmail": "new.hire@Contoso.com"})) == 0
}

test_success_owner_share_not_a_copy if {
	count(_verdicts({"principal": "gina", "role": "owner"})) == 0
}
