package shareguard.platform.maker.guests_make_off_test

import data.shareguard.platform.maker.guests_make_off
import data.shareguard.platform.testing as fx

_verdicts(tenant, principal, type, role) := verdicts if {
	change := {"action": "assign-environment-role", "actor": "adele", "environment": "e1", "principal": principal, "principalType": type, "role": role}
	verdicts := guests_make_off.verdicts with data.tenant as tenant with input.change as change
}

test_fail_guest_environment_maker_with_guests_make_off if {
	_verdicts(fx.tenant, "gina", "User", "EnvironmentMaker") == {{
		"id": "PLT-MAKER-01", "effect": "warn",
		"message": "gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) gets EnvironmentMaker in environment \"Production\" but cannot make apps or flows there: enableGuestsToMake is false.",
	}}
}

test_fail_guests_through_group_setting_absent if {
	tenant := json.remove(fx.tenant, ["powerPlatform/tenantSettings/enableGuestsToMake"])
	verdicts := _verdicts(tenant, "partners", "Group", "EnvironmentMaker")
	count(verdicts) == 2
	some v in verdicts
	contains(v.message, "enableGuestsToMake is not set (off by default)")
}

test_success_guests_make_on_member_or_basic_role if {
	tenant := fx.tenant_with({"powerPlatform": {"tenantSettings": {"enableGuestsToMake": true}}})
	count(_verdicts(tenant, "gina", "User", "EnvironmentMaker")) == 0
	count(_verdicts(fx.tenant, "carol", "User", "EnvironmentMaker")) == 0
	count(_verdicts(fx.tenant, "gina", "User", "BasicUser")) == 0
}
