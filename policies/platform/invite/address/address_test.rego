package shareguard.platform.invite.address_test

import data.shareguard.platform.invite.address
import data.shareguard.platform.testing as fx

_verdicts(email) := verdicts if {
	verdicts := address.verdicts with data.tenant as fx.tenant
		with input.change as object.union(fx.invite, {"email": email})
}

test_fail_plus_sign if {
	_verdicts("bob+invoices@fabrikam.com") == {{
		"id": "PLT-INVITE-03", "effect": "refuse",
		"message": "bob+invoices@fabrikam.com cannot be invited: it contains a plus sign, which Entra ID does not support in invitation addresses.",
	}}
}

test_fail_group_address if {
	[v] := [v | some v in _verdicts("Sales-Team@fabrikam.com")]
	v.message == "Sales-Team@fabrikam.com cannot be invited: it looks like a group or distribution-list address, and invitations must go to an individual."
	count(_verdicts("dl.finance@fabrikam.com")) == 1
	count(_verdicts("all@fabrikam.com")) == 1
}

test_fail_group_pattern_from_params if {
	verdicts := address.verdicts with data.tenant as fx.tenant
		with input.change as object.union(fx.invite, {"email": "info@fabrikam.com"})
		with input.params as {"PLT-INVITE-03": {"groupAddressPatterns": ["^info$"]}}
	count(verdicts) == 1
}

test_fail_not_an_address if {
	[v] := [v | some v in _verdicts("bob")]
	v.message == "bob cannot be invited: it is not an e-mail address."
}

test_success_individual_address if {
	count(_verdicts("bob@fabrikam.com")) == 0
	count(_verdicts("teamlead.bob@fabrikam.com")) == 0
	count(_verdicts("bob.allen@fabrikam.com")) == 0
}
