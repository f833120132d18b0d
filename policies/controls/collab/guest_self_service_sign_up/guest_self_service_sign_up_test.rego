package shareguard.controls.collab.guest_self_service_sign_up_test

import data.shareguard.controls.collab.guest_self_service_sign_up

_tenant(collab) := {
	"sections": {"tenant": true, "externalCollaboration": true},
	"tenant": {"id": "t1", "displayName": "Contoso"},
	"externalCollaboration": collab,
}

test_fail_sign_up_enabled if {
	findings := guest_self_service_sign_up.findings with data.tenant as _tenant({"guestSelfServiceSignUp": true})
	[f] := [f | some f in findings]
	f.controlId == "SG-COLLAB-04"
	f.severity == "medium"
	f.resource == {"kind": "tenant", "id": "t1", "displayName": "Contoso"}
	f.path == "externalCollaboration.guestSelfServiceSignUp"
	contains(f.message, "without an invitation")
	not f.principal
}

test_success_sign_up_disabled if {
	tenant := _tenant({"guestSelfServiceSignUp": false})
	count(guest_self_service_sign_up.findings) == 0 with data.tenant as tenant
	count(guest_self_service_sign_up.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_when_setting_null if {
	tenant := _tenant({"guestSelfServiceSignUp": null})
	count(guest_self_service_sign_up.findings) == 0 with data.tenant as tenant
	guest_self_service_sign_up.not_evaluated == {{
		"controlId": "SG-COLLAB-04",
		"section": "externalCollaboration.guestSelfServiceSignUp",
		"reason": "setting absent or null in the export",
	}} with data.tenant as tenant
}

test_not_evaluated_when_setting_absent if {
	tenant := _tenant({"guestUserAccess": "limited"})
	count(guest_self_service_sign_up.findings) == 0 with data.tenant as tenant
	{r.section | some r in guest_self_service_sign_up.not_evaluated} == {"externalCollaboration.guestSelfServiceSignUp"} with data.tenant as tenant
}

test_not_evaluated_when_section_absent if {
	tenant := {"sections": {"users": true}}
	count(guest_self_service_sign_up.findings) == 0 with data.tenant as tenant
	{r.section | some r in guest_self_service_sign_up.not_evaluated} == {"externalCollaboration"} with data.tenant as tenant
}
