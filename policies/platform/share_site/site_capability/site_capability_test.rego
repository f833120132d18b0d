package shareguard.platform.share_site.site_capability_test

import data.shareguard.platform.share_site.site_capability
import data.shareguard.platform.share_site.testing as sx

_verdicts(tenant, change) := v if {
	v := site_capability.verdicts with data.tenant as tenant with input.change as change
}

test_fail_new_guest_above_site if {
	_verdicts(sx.tenant, sx.share_with({"site": "finance"})) == {{
		"id": "PLT-SITE-02", "effect": "refuse",
		"message": "SharePoint would refuse an invitation to bob@fabrikam.com to site \"Finance\" (https://contoso.sharepoint.com/sites/Finance): the site's own sharing is existingGuests, and this share needs newAndExistingGuests.",
	}}
}

test_success_existing_guest_at_site_boundary if {
	count(_verdicts(sx.tenant, object.union(sx.share_to("gus"), {"site": "finance"}))) == 0
}

test_success_anyone_site_allows_anyone_link if {
	count(_verdicts(sx.tenant, sx.anyone_link)) == 0
}

test_warn_site_setting_not_exported if {
	tenant := sx.tenant_with({"sites": {"finance": {"sharingCapability": null}}})
	[v] := [v | some v in _verdicts(tenant, sx.share_with({"site": "finance"}))]
	v.effect == "warn"
	v.message == "Whether site \"Finance\" (https://contoso.sharepoint.com/sites/Finance) allows an invitation to bob@fabrikam.com is not known: the export does not give the site's own sharing setting."
}

test_success_internal_share_needs_nothing if {
	tenant := sx.tenant_with({"sites": {"finance": {"sharingCapability": "disabled"}}})
	count(_verdicts(tenant, object.union(sx.share_to("carol"), {"site": "finance"}))) == 0
}
