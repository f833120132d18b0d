package shareguard.platform.share_site.access_test

import data.shareguard.platform.share_site.access
import data.shareguard.platform.share_site.testing as sx

_messages(change) := {v.message | some v in verdicts} if {
	verdicts := access.verdicts with data.tenant as sx.tenant with input.change as change
}

test_success_anyone_link if {
	_messages(sx.anyone_link) == {"Anyone who holds the link, without signing in, gets view access to file /Shared Documents/plan.xlsx on \"Projects\" (https://contoso.sharepoint.com/sites/Projects)."}
}

test_success_new_guest_edit if {
	_messages(sx.share_with({"permission": "edit"})) == {"bob@fabrikam.com (a new guest) gets edit access to site \"Projects\" (https://contoso.sharepoint.com/sites/Projects)."}
}

test_success_existing_guest_and_member if {
	_messages(sx.share_to("gus")) == {"gus (gus_fabrikam.com#EXT#@contoso.onmicrosoft.com) (a guest) gets view access to site \"Projects\" (https://contoso.sharepoint.com/sites/Projects)."}
	_messages(sx.share_to("carol")) == {"carol (carol@contoso.com) (in the organisation) gets view access to site \"Projects\" (https://contoso.sharepoint.com/sites/Projects)."}
}

test_success_unknown_site_says_nothing if {
	count(_messages(sx.share_with({"site": "nowhere"}))) == 0
}
