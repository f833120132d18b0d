package shareguard.lib.guests_test

import data.shareguard.lib.guests

test_ext_address_simple if {
	guests.ext_address("john_fabrikam.com#EXT#@contoso.onmicrosoft.com") == "john@fabrikam.com"
}

test_ext_address_underscore_in_local_part if {
	guests.ext_address("john_smith_fabrikam.com#ext#@contoso.onmicrosoft.com") == "john_smith@fabrikam.com"
}

test_ext_address_not_b2b if {
	not guests.ext_address("john@contoso.com")
}

test_email_domain_prefers_mail if {
	guests.email_domain({"mail": "Ana@Adatum.com", "userPrincipalName": "ana_other.com#EXT#@contoso.onmicrosoft.com"}) == "adatum.com"
}

test_email_domain_from_upn_without_mail if {
	guests.email_domain({"mail": null, "userPrincipalName": "a_b_wingtiptoys.com#EXT#@contoso.onmicrosoft.com"}) == "wingtiptoys.com"
}

test_email_domain_unknown if {
	not guests.email_domain({"userPrincipalName": "vendor@contoso.com"})
}

test_addresses_both_sources if {
	user := {"mail": "j.doe+x@outlook.com", "userPrincipalName": "jdoe_outlook.com#EXT#@contoso.onmicrosoft.com"}
	guests.addresses(user) == {"j.doe+x@outlook.com", "jdoe@outlook.com"}
}

test_local_part_takes_text_before_last_at if {
	guests.local_part("a@b@c.com") == "a@b"
}

test_unredeemed_invitation if {
	guests.unredeemed_invitation({"creationType": "Invitation", "externalUserState": "PendingAcceptance"})
	guests.unredeemed_invitation({"externalUserState": "PendingAcceptance"})
	not guests.unredeemed_invitation({"creationType": "LocalAccount", "externalUserState": "PendingAcceptance"})
	not guests.unredeemed_invitation({"creationType": "Invitation", "externalUserState": "Accepted"})
}
