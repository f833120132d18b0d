package shareguard.controls.spo.guest_access_expiry_test

import data.shareguard.controls.spo.guest_access_expiry as control

_tenant(settings) := {"sections": {"sharePoint": true}, "sharePoint": object.union({"sharingCapability": "newAndExistingGuests"}, settings)}

test_fail_never_expires if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"guestAccessExpires": false, "guestAccessExpiryDays": 60})
	f.controlId == "SG-SPO-07"
	f.severity == "low"
	f.path == "sharePoint.guestAccessExpires"
}

test_success_at_the_limit if {
	count(control.findings) == 0 with data.tenant as _tenant({"guestAccessExpires": true, "guestAccessExpiryDays": 90})
	count(control.not_evaluated) == 0 with data.tenant as _tenant({"guestAccessExpires": true, "guestAccessExpiryDays": 90})
}

test_fail_one_day_over if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"guestAccessExpires": true, "guestAccessExpiryDays": 91})
	f.path == "sharePoint.guestAccessExpiryDays"
	contains(f.message, "91 days, more than the 90 allowed")
}

test_param_lowers_the_limit if {
	count(control.findings) == 1 with data.tenant as _tenant({"guestAccessExpires": true, "guestAccessExpiryDays": 31})
		with input.params as {"SG-SPO-07": {"maxGuestAccessDays": 30}}
}

test_success_sharing_disabled if {
	count(control.findings) == 0 with data.tenant as _tenant({"sharingCapability": "disabled", "guestAccessExpires": false})
}

test_not_evaluated_unknown if {
	{r.section | some r in control.not_evaluated} == {"sharePoint.guestAccessExpires"} with data.tenant as _tenant({})
	{r.section | some r in control.not_evaluated} == {"sharePoint.guestAccessExpiryDays"} with data.tenant as _tenant({"guestAccessExpires": true})
	{r.section | some r in control.not_evaluated} == {"sharePoint.sharingCapability"} with data.tenant as _tenant({"sharingCapability": null, "guestAccessExpires": false})
}

test_not_evaluated_without_section if {
	{r.section | some r in control.not_evaluated} == {"sharePoint"} with data.tenant as {"sections": {}}
}
