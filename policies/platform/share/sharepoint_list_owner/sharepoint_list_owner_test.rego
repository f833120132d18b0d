package shareguard.platform.share.sharepoint_list_owner_test

import data.shareguard.platform.share.sharepoint_list_owner
import data.shareguard.platform.testing as fx

_change := {"action": "share-flow", "actor": "alice", "flow": "f1", "role": "owner", "principal": "list-1", "principalType": "SharePointList"}

test_fail_list_co_owner_in_gcc_high if {
	tenant := fx.tenant_with({"tenant": {"cloud": "GCCHigh"}})
	sharepoint_list_owner.verdicts == {{
		"id": "PLT-SHARE-04", "effect": "refuse",
		"message": "SharePoint list list-1 cannot be made a co-owner of flow \"Expense Approval\": list co-owners are not available in GCCHigh tenants.",
	}} with data.tenant as tenant with input.change as _change
}

test_success_list_co_owner_in_commercial_or_gcc if {
	count(sharepoint_list_owner.verdicts) == 0 with data.tenant as fx.tenant with input.change as _change
	tenant := fx.tenant_with({"tenant": {"cloud": "GCC"}})
	count(sharepoint_list_owner.verdicts) == 0 with data.tenant as tenant with input.change as _change
}
