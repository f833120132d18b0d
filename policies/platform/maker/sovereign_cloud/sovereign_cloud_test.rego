package shareguard.platform.maker.sovereign_cloud_test

import data.shareguard.platform.maker.sovereign_cloud
import data.shareguard.platform.testing as fx

_verdicts(tenant) := verdicts if {
	change := {"action": "assign-environment-role", "actor": "adele", "environment": "e1", "principal": "gina", "principalType": "User", "role": "EnvironmentMaker"}
	verdicts := sovereign_cloud.verdicts with data.tenant as tenant with input.change as change
}

test_fail_commercial_guest_in_gcc_tenant if {
	tenant := fx.tenant_with({"tenant": {"cloud": "GCC"}, "users": {"gina": {"homeCloud": "Commercial"}}})
	_verdicts(tenant) == {{
		"id": "PLT-MAKER-02", "effect": "refuse",
		"message": "gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) cannot be a maker (EnvironmentMaker) in this GCC tenant: its home tenant is in the Commercial cloud, and B2B makers cannot cross sovereign cloud boundaries.",
	}}
}

test_success_same_or_unknown_cloud if {
	tenant := fx.tenant_with({"users": {"gina": {"homeCloud": "Commercial"}}})
	count(_verdicts(tenant)) == 0
	count(_verdicts(fx.tenant_with({"tenant": {"cloud": "GCC"}}))) == 0
}
