package shareguard.platform.invite.created_test

import data.shareguard.platform.invite.created
import data.shareguard.platform.testing as fx

test_success_valid_invite_effects if {
	change := object.union(fx.invite, {"groups": ["team", "finance"], "homeCloud": "Commercial"})
	effects := created.effects with data.tenant as fx.tenant with input.change as change with input.asOf as fx.as_of
	effects == {
		"user": {
			"userPrincipalName": "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com",
			"mail": "bob@fabrikam.com",
			"displayName": "bob",
			"userType": "Guest",
			"creationType": "Invitation",
			"externalUserState": "PendingAcceptance",
			"externalUserStateChangeDateTimeEpoch": fx.as_of,
			"identities": [{"signInType": "userPrincipalName", "issuer": "contoso.onmicrosoft.com"}],
			"sponsors": ["ian"],
			"invitedBy": "ian",
			"accountEnabled": true,
			"homeCloud": "Commercial",
		},
		"groups": ["team"],
	}
	verdicts := created.verdicts with data.tenant as fx.tenant with input.change as change with input.asOf as fx.as_of
	verdicts == {{
		"id": "PLT-INVITE-05", "effect": "effect",
		"message": "Invitation creates guest bob_fabrikam.com#EXT#@contoso.onmicrosoft.com (bob), pending acceptance, sponsored by ian (ian@contoso.com); joins Project Team.",
	}}
}

test_success_display_name_and_case_kept if {
	change := object.union(fx.invite, {"email": "Bob.Allen@Fabrikam.com", "displayName": "Bob Allen", "userType": "Member"})
	effects := created.effects with data.tenant as fx.tenant with input.change as change with input.asOf as fx.as_of
	effects.user.userPrincipalName == "Bob.Allen_Fabrikam.com#EXT#@contoso.onmicrosoft.com"
	effects.user.displayName == "Bob Allen"
	effects.user.userType == "Member"
	effects.groups == []
}

test_fail_refused_invite_has_no_effect if {
	change := object.union(fx.invite, {"actor": "alice"})
	not created.effects with data.tenant as fx.tenant with input.change as change with input.asOf as fx.as_of
	count(created.verdicts) == 0 with data.tenant as fx.tenant with input.change as change with input.asOf as fx.as_of
}

# A warning (the partner's cross-tenant setting was not collected) does not stop the invitation.
test_success_warning_does_not_refuse if {
	tenant := object.union(fx.tenant, {"notCollected": {"externalCollaboration.crossTenantAccess.partners": true}})
	effects := created.effects with data.tenant as tenant with input.change as fx.invite with input.asOf as fx.as_of
	effects.user.userPrincipalName == "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com"
}
