package shareguard.controls.env.guest_makers_enabled_test

import data.shareguard.controls.env.guest_makers_enabled

_tenant(settings) := {
	"sections": {"tenant": true, "powerPlatform": true},
	"tenant": {"id": "t1", "displayName": "Contoso"},
	"powerPlatform": {"tenantSettings": settings},
}

test_fail_guests_to_make if {
	findings := guest_makers_enabled.findings with data.tenant as _tenant({"enableGuestsToMake": true})
	[f] := [f | some f in findings]
	f.controlId == "SG-ENV-02"
	f.severity == "medium"
	f.resource == {"kind": "tenant", "id": "t1", "displayName": "Contoso"}
	f.path == "powerPlatform.tenantSettings.enableGuestsToMake"
	startswith(f.message, "enableGuestsToMake is true")
}

test_success_guests_to_make_off if {
	tenant := _tenant({"enableGuestsToMake": false, "disableShareWithEveryone": true})
	count(guest_makers_enabled.findings) == 0 with data.tenant as tenant
	count(guest_makers_enabled.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_when_setting_null if {
	tenant := _tenant({"enableGuestsToMake": null})
	count(guest_makers_enabled.findings) == 0 with data.tenant as tenant
	guest_makers_enabled.not_evaluated == {{
		"controlId": "SG-ENV-02",
		"section": "powerPlatform.tenantSettings.enableGuestsToMake",
		"reason": "setting absent or null in the export",
	}} with data.tenant as tenant
}

test_not_evaluated_when_tenant_settings_absent if {
	tenant := {"sections": {"powerPlatform": true}, "powerPlatform": {}}
	count(guest_makers_enabled.findings) == 0 with data.tenant as tenant
	{r.section | some r in guest_makers_enabled.not_evaluated} == {"powerPlatform.tenantSettings.enableGuestsToMake"} with data.tenant as tenant
}

test_not_evaluated_when_section_absent if {
	tenant := {"sections": {"users": true}}
	count(guest_makers_enabled.findings) == 0 with data.tenant as tenant
	{r.section | some r in guest_makers_enabled.not_evaluated} == {"powerPlatform"} with data.tenant as tenant
}
