package shareguard.platform.share_site.tenant_capability_test

import data.shareguard.platform.share_site.tenant_capability
import data.shareguard.platform.share_site.testing as sx

_verdicts(tenant, change) := v if {
	v := tenant_capability.verdicts with data.tenant as tenant with input.change as change
}

_sp(capability) := sx.tenant_with({"sharePoint": {"sharingCapability": capability}})

test_fail_anyone_link_above_tenant if {
	_verdicts(sx.tenant, sx.anyone_link) == {{
		"id": "PLT-SITE-01", "effect": "refuse",
		"message": "SharePoint would refuse an \"Anyone\" link to file /Shared Documents/plan.xlsx on \"Projects\" (https://contoso.sharepoint.com/sites/Projects): SharePoint's tenant sharing is newAndExistingGuests, and this share needs anyone.",
	}}
}

test_success_anyone_link_at_tenant_anyone if {
	count(_verdicts(_sp("anyone"), sx.anyone_link)) == 0
}

# The boundary for a new address: newAndExistingGuests allows it, existingGuests does not.
test_success_new_guest_at_new_and_existing if {
	count(_verdicts(sx.tenant, sx.share)) == 0
}

test_fail_new_guest_at_existing_guests if {
	[v] := [v | some v in _verdicts(_sp("existingGuests"), sx.share)]
	v.effect == "refuse"
	v.message == "SharePoint would refuse an invitation to bob@fabrikam.com to site \"Projects\" (https://contoso.sharepoint.com/sites/Projects): SharePoint's tenant sharing is existingGuests, and this share needs newAndExistingGuests."
}

test_success_existing_guest_at_existing_guests if {
	count(_verdicts(_sp("existingGuests"), sx.share_to("gus"))) == 0
}

test_fail_existing_guest_when_disabled if {
	[v] := [v | some v in _verdicts(_sp("disabled"), sx.share_to("gus"))]
	v.effect == "refuse"
}

test_success_member_and_organisation_link_when_disabled if {
	count(_verdicts(_sp("disabled"), sx.share_to("carol"))) == 0
	count(_verdicts(_sp("disabled"), object.union(sx.anyone_link, {"scope": "organization"}))) == 0
}

# OneDrive: existingGuests of its own; capped by SharePoint when SharePoint is lower.
test_fail_onedrive_new_guest_above_onedrive if {
	[v] := [v | some v in _verdicts(sx.tenant, sx.share_with({"site": "od-alice"}))]
	v.effect == "refuse"
	endswith(v.message, ": OneDrive sharing is existingGuests, and this share needs newAndExistingGuests.")
}

test_fail_onedrive_capped_by_sharepoint if {
	tenant := sx.tenant_with({"sharePoint": {"sharingCapability": "existingGuests", "oneDriveSharingCapability": "anyone"}})
	[v] := [v | some v in _verdicts(tenant, sx.share_with({"site": "od-alice"}))]
	endswith(v.message, ": OneDrive sharing is anyone, but OneDrive can be no more open than SharePoint, which is existingGuests, and this share needs newAndExistingGuests.")
}

test_success_onedrive_existing_guest if {
	count(_verdicts(sx.tenant, object.union(sx.share_to("gus"), {"site": "od-alice"}))) == 0
}

test_fail_onedrive_own_unknown_but_sharepoint_too_low if {
	tenant := sx.tenant_with({"sharePoint": {"oneDriveSharingCapability": null}})
	[v] := [v | some v in _verdicts(tenant, object.union(sx.anyone_link, {"site": "od-alice"}))]
	v.effect == "refuse"
	endswith(v.message, ": SharePoint's tenant sharing is newAndExistingGuests, and OneDrive can be no more open, and this share needs anyone.")
}

test_warn_capability_not_exported if {
	tenant := sx.tenant_with({"sharePoint": {"sharingCapability": null}})
	_verdicts(tenant, sx.share) == {{
		"id": "PLT-SITE-01", "effect": "warn",
		"message": "Whether SharePoint allows an invitation to bob@fabrikam.com to site \"Projects\" (https://contoso.sharepoint.com/sites/Projects) is not known: the export does not say how far the tenant's SharePoint sharing goes.",
	}}
}

test_success_nothing_external_needs_no_capability if {
	tenant := sx.tenant_with({"sharePoint": {"sharingCapability": null}})
	count(_verdicts(tenant, sx.share_to("carol"))) == 0
}

test_success_other_actions_ignored if {
	count(_verdicts(sx.tenant, object.union(sx.anyone_link, {"action": "invite"}))) == 0
}
