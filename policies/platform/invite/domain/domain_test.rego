package shareguard.platform.invite.domain_test

import data.shareguard.platform.invite.domain
import data.shareguard.platform.testing as fx

_verdicts(tenant, email) := verdicts if {
	verdicts := domain.verdicts with data.tenant as tenant
		with input.change as object.union(fx.invite, {"email": email})
}

_allow_list := fx.tenant_with({"externalCollaboration": {"invitationDomains": {"mode": "allowList", "domains": ["fabrikam.com"]}}})

test_fail_blocked_domain if {
	_verdicts(fx.tenant, "eve@gmail.com") == {{
		"id": "PLT-INVITE-02", "effect": "refuse",
		"message": "eve@gmail.com cannot be invited: its domain gmail.com is on the invitation block list.",
	}}
}

test_fail_subdomain_of_blocked_domain if {
	[v] := [v | some v in _verdicts(fx.tenant, "eve@EU.Rival.com")]
	v.message == "eve@EU.Rival.com cannot be invited: its domain eu.rival.com is on the invitation block list."
}

test_success_domain_not_blocked if {
	count(_verdicts(fx.tenant, "bob@fabrikam.com")) == 0
	count(_verdicts(fx.tenant, "bob@notrival.com")) == 0
}

test_fail_not_on_allow_list if {
	_verdicts(_allow_list, "eve@northwind.com") == {{
		"id": "PLT-INVITE-02", "effect": "refuse",
		"message": "eve@northwind.com cannot be invited: invitations are allowed only to fabrikam.com, and northwind.com is not one of them.",
	}}
}

test_success_on_allow_list_or_subdomain if {
	count(_verdicts(_allow_list, "bob@fabrikam.com")) == 0
	count(_verdicts(_allow_list, "bob@sales.fabrikam.com")) == 0
}

test_success_no_restriction if {
	tenant := fx.tenant_with({"externalCollaboration": {"invitationDomains": {"mode": "none"}}})
	count(_verdicts(tenant, "eve@gmail.com")) == 0
}
