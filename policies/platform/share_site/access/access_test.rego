package shareguard.platform.share_site.access_test

import data.shareguard.platform.share_site.access
import data.shareguard.platform.share_site.testing as sx

# The base tenant shares with new and existing guests; "Anyone" links need the tenant at anyone.
_open := sx.tenant_with({"sharePoint": {"sharingCapability": "anyone"}})

_messages(change) := {v.message | some v in verdicts} if {
	verdicts := access.verdicts with data.tenant as _open with input.change as change
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

_effects(tenant, change) := e if {
	e := access.effects with data.tenant as tenant with input.change as change with input.asOf as 1795996800
}

test_success_invitation_link_and_external_user if {
	_effects(sx.tenant, sx.share) == {
		"link": {"scope": "specificPeople", "permission": "view", "item": null, "expirationDateTime": null},
		"externalUser": true,
	}
	_effects(sx.tenant, sx.share_to("carol")).externalUser == false
	_effects(sx.tenant, sx.share_to("gus")).externalUser == true
}

# An "Anyone" link expires after anyoneLinkExpirationDays when above 0; 0 means no expiry.
test_success_anyone_link_expiry if {
	tenant := sx.tenant_with({"sharePoint": {"sharingCapability": "anyone", "anyoneLinkExpirationDays": 30}})
	_effects(tenant, sx.anyone_link) == {
		"link": {
			"scope": "anyone", "permission": "view", "item": "/Shared Documents/plan.xlsx",
			"expirationDateTimeEpoch": 1795996800 + (30 * 86400),
		},
		"externalUser": false,
	}
	never := sx.tenant_with({"sharePoint": {"sharingCapability": "anyone", "anyoneLinkExpirationDays": 0}})
	_effects(never, sx.anyone_link).link.expirationDateTime == null
}

test_success_organisation_link_has_no_recipient if {
	_effects(sx.tenant, object.union(sx.anyone_link, {"scope": "organization"})).link.scope == "organization"
}

# A share another rule refuses grants nothing: no access message, no link.
test_fail_refused_share_grants_nothing if {
	change := sx.share_with({"site": "finance"})
	count(_messages(change)) == 0
	not access.effects with data.tenant as sx.tenant with input.change as change with input.asOf as 1795996800
	count(_messages(sx.anyone_link)) == 1
	refused := access.verdicts with data.tenant as sx.tenant with input.change as sx.anyone_link
	count(refused) == 0
}
