package shareguard.platform.share_site.sharing_domain_test

import data.shareguard.platform.share_site.sharing_domain
import data.shareguard.platform.share_site.testing as sx

_verdicts(tenant, change) := v if {
	v := sharing_domain.verdicts with data.tenant as tenant with input.change as change
}

_allow := sx.tenant_with({"sharePoint": {"sharingDomainRestrictionMode": "allowList", "sharingAllowedDomains": ["northwind.com", "fabrikam.com"]}})

_block := sx.tenant_with({"sharePoint": {"sharingDomainRestrictionMode": "blockList", "sharingBlockedDomains": ["fabrikam.com"]}})

test_fail_not_on_allow_list if {
	_verdicts(_allow, sx.share_with({"recipientEmail": "eve@tailspin.com"})) == {{
		"id": "PLT-SITE-04", "effect": "refuse",
		"message": "SharePoint would refuse to share site \"Projects\" (https://contoso.sharepoint.com/sites/Projects) with eve@tailspin.com: SharePoint shares only with fabrikam.com, northwind.com, and tailspin.com is not one of them.",
	}}
}

test_success_on_allow_list_or_subdomain if {
	count(_verdicts(_allow, sx.share)) == 0
	count(_verdicts(_allow, sx.share_with({"recipientEmail": "bob@eu.fabrikam.com"}))) == 0
}

test_fail_existing_guest_on_block_list if {
	# gus's address is at fabrikam.com (his mail domain in the fixture); his UPN is the fallback.
	tenant := object.union(_block, {"users": {"gus": {"mail": "gus@fabrikam.com"}}})
	[v] := [v | some v in _verdicts(tenant, sx.share_to("gus"))]
	v.effect == "refuse"
	v.message == "SharePoint would refuse to share site \"Projects\" (https://contoso.sharepoint.com/sites/Projects) with gus (gus_fabrikam.com#EXT#@contoso.onmicrosoft.com): the domain fabrikam.com is on SharePoint's sharing block list."
}

test_success_not_on_block_list if {
	count(_verdicts(_block, sx.share_with({"recipientEmail": "bob@northwind.com"}))) == 0
}

test_success_members_and_links_not_judged if {
	count(_verdicts(_allow, sx.share_to("carol"))) == 0
	count(_verdicts(_allow, sx.anyone_link)) == 0
}

test_warn_mode_not_exported if {
	tenant := sx.tenant_with({"sharePoint": {"sharingDomainRestrictionMode": null}})
	[v] := [v | some v in _verdicts(tenant, sx.share)]
	v.effect == "warn"
}

test_success_no_restriction if {
	count(_verdicts(sx.tenant, sx.share)) == 0
}
