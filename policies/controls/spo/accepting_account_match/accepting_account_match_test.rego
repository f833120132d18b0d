package shareguard.controls.spo.accepting_account_match_test

import data.shareguard.controls.spo.accepting_account_match as control

_tenant(capability, value) := {"sections": {"sharePoint": true}, "sharePoint": {"sharingCapability": capability, "requireAcceptingAccountMatchInvitedAccount": value}}

test_fail_every_sharing_level if {
	every level in ["existingGuests", "newAndExistingGuests", "anyone"] {
		[f] := [f | some f in control.findings] with data.tenant as _tenant(level, false)
		f.controlId == "SG-SPO-06"
		f.severity == "medium"
		f.path == "sharePoint.requireAcceptingAccountMatchInvitedAccount"
	}
}

test_success_setting_safe if {
	count(control.findings) == 0 with data.tenant as _tenant("anyone", true)
	count(control.not_evaluated) == 0 with data.tenant as _tenant("anyone", true)
}

test_success_sharing_disabled if {
	count(control.findings) == 0 with data.tenant as _tenant("disabled", false)
	count(control.not_evaluated) == 0 with data.tenant as _tenant("disabled", null)
}

test_not_evaluated_setting_unknown if {
	count(control.findings) == 0 with data.tenant as _tenant("anyone", null)
	{r.section | some r in control.not_evaluated} == {"sharePoint.requireAcceptingAccountMatchInvitedAccount"} with data.tenant as _tenant("anyone", null)
}

test_not_evaluated_sharing_unknown if {
	count(control.findings) == 0 with data.tenant as _tenant(null, false)
	{r.section | some r in control.not_evaluated} == {"sharePoint.sharingCapability"} with data.tenant as _tenant(null, false)
}

test_not_evaluated_without_section if {
	{r.section | some r in control.not_evaluated} == {"sharePoint"} with data.tenant as {"sections": {}}
}
