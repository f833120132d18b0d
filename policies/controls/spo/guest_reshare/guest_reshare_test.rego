package shareguard.controls.spo.guest_reshare_test

import data.shareguard.controls.spo.guest_reshare as control

_tenant(capability, value) := {"sections": {"sharePoint": true}, "sharePoint": {"sharingCapability": capability, "guestsCanReshare": value}}

test_fail_every_sharing_level if {
	every level in ["existingGuests", "newAndExistingGuests", "anyone"] {
		[f] := [f | some f in control.findings] with data.tenant as _tenant(level, true)
		f.controlId == "SG-SPO-05"
		f.severity == "medium"
		f.path == "sharePoint.guestsCanReshare"
	}
}

test_success_setting_safe if {
	count(control.findings) == 0 with data.tenant as _tenant("anyone", false)
	count(control.not_evaluated) == 0 with data.tenant as _tenant("anyone", false)
}

test_success_sharing_disabled if {
	count(control.findings) == 0 with data.tenant as _tenant("disabled", true)
	count(control.not_evaluated) == 0 with data.tenant as _tenant("disabled", null)
}

test_not_evaluated_setting_unknown if {
	count(control.findings) == 0 with data.tenant as _tenant("anyone", null)
	{r.section | some r in control.not_evaluated} == {"sharePoint.guestsCanReshare"} with data.tenant as _tenant("anyone", null)
}

test_not_evaluated_sharing_unknown if {
	count(control.findings) == 0 with data.tenant as _tenant(null, true)
	{r.section | some r in control.not_evaluated} == {"sharePoint.sharingCapability"} with data.tenant as _tenant(null, true)
}

test_not_evaluated_without_section if {
	{r.section | some r in control.not_evaluated} == {"sharePoint"} with data.tenant as {"sections": {}}
}
