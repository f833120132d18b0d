package shareguard.platform.share.creator_removal_test

import data.shareguard.platform.share.creator_removal
import data.shareguard.platform.testing as fx

_verdicts(principal) := verdicts if {
	change := {"action": "unshare-flow", "actor": "carol", "flow": "f1", "role": "owner", "principal": principal, "principalType": "User"}
	verdicts := creator_removal.verdicts with data.tenant as fx.tenant with input.change as change
}

test_fail_remove_creator if {
	_verdicts("alice") == {{
		"id": "PLT-SHARE-02", "effect": "refuse",
		"message": "alice (alice@contoso.com) cannot be removed as owner of flow \"Expense Approval\": it is the flow's creator.",
	}}
}

test_success_remove_other_owner if {
	count(_verdicts("flow-owners")) == 0
}
