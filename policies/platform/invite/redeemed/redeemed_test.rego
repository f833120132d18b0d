package shareguard.platform.invite.redeemed_test

import data.shareguard.platform.invite.redeemed
import data.shareguard.platform.testing as fx

_change := {"action": "redeem", "user": "gina", "identityIssuer": "google.com"}

test_success_redeem_effects if {
	redeemed.effects == {"user": {
		"externalUserState": "Accepted",
		"externalUserStateChangeDateTimeEpoch": fx.as_of,
		"identities": [{"signInType": "federated", "issuer": "google.com"}],
	}} with data.tenant as fx.tenant with input.change as _change with input.asOf as fx.as_of
	redeemed.verdicts == {{
		"id": "PLT-INVITE-06", "effect": "effect",
		"message": "gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) accepts the invitation and signs in with google.com.",
	}} with data.tenant as fx.tenant with input.change as _change with input.asOf as fx.as_of
}

test_fail_other_action_no_effect if {
	not redeemed.effects with data.tenant as fx.tenant with input.change as fx.invite with input.asOf as fx.as_of
	count(redeemed.verdicts) == 0 with data.tenant as fx.tenant with input.change as fx.invite
}
