package shareguard.platform.share_site.guest_created_test

import data.shareguard.platform.share_site.guest_created
import data.shareguard.platform.share_site.testing as sx

test_success_new_address_creates_guest if {
	effects := guest_created.effects with data.tenant as sx.tenant with input.change as sx.share with input.asOf as 1795996800
	effects.user.userPrincipalName == "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com"
	effects.user.userType == "Guest"
	effects.user.externalUserState == "PendingAcceptance"
	effects.user.invitedBy == "ian"
	verdicts := guest_created.verdicts with data.tenant as sx.tenant with input.change as sx.share with input.asOf as 1795996800
	verdicts == {{
		"id": "PLT-SITE-07", "effect": "effect",
		"message": "Sharing site \"Projects\" (https://contoso.sharepoint.com/sites/Projects) creates guest bob_fabrikam.com#EXT#@contoso.onmicrosoft.com for bob@fabrikam.com through SharePoint's Entra B2B integration, pending acceptance, sponsored by ian (ian@contoso.com).",
	}}
}

test_fail_refused_invitation_creates_nothing if {
	change := sx.share_with({"actor": "alice"})
	not guest_created.effects with data.tenant as sx.tenant with input.change as change with input.asOf as 1795996800
}

test_success_existing_guest_creates_nothing if {
	not guest_created.effects with data.tenant as sx.tenant with input.change as sx.share_to("gus") with input.asOf as 1795996800
}

# The site (existingGuests) refuses the share: no guest is created, and no verdict says one is.
test_fail_share_refused_by_site_creates_nothing if {
	change := sx.share_with({"site": "finance"})
	not guest_created.effects with data.tenant as sx.tenant with input.change as change with input.asOf as 1795996800
	count(guest_created.verdicts) == 0 with data.tenant as sx.tenant with input.change as change with input.asOf as 1795996800
}
