package shareguard.platform.share.owner_rights_test

import data.shareguard.platform.share.owner_rights
import data.shareguard.platform.testing as fx

_verdicts(action, actor, role) := verdicts if {
	change := {"action": action, "actor": actor, "flow": "f1", "role": role, "principal": "gus", "principalType": "User"}
	verdicts := owner_rights.verdicts with data.tenant as fx.tenant with input.change as change
}

test_fail_non_owner_adds_owner if {
	_verdicts("share-flow", "ian", "owner") == {{
		"id": "PLT-SHARE-01", "effect": "refuse",
		"message": "ian (ian@contoso.com) cannot add gus (gus_fabrikam.com#EXT#@contoso.onmicrosoft.com) as owner of flow \"Expense Approval\": only the flow's creator and owners can manage its owners and run-only users.",
	}}
}

test_fail_non_owner_removes_run_only if {
	[v] := [v | some v in _verdicts("unshare-flow", "ian", "run-only")]
	contains(v.message, "cannot remove gus")
}

test_success_creator_and_group_co_owner if {
	count(_verdicts("share-flow", "alice", "owner")) == 0
	count(_verdicts("share-flow", "carol", "run-only")) == 0
	count(_verdicts("unshare-flow", "carol", "owner")) == 0
}

test_success_copy_not_governed if {
	count(_verdicts("share-flow", "ian", "copy")) == 0
}
