package shareguard.platform.share_site.sharing_groups_test

import data.shareguard.platform.share_site.sharing_groups
import data.shareguard.platform.share_site.testing as sx

_verdicts(tenant, change) := v if {
	v := sharing_groups.verdicts with data.tenant as tenant with input.change as change
}

_limited := sx.tenant_with({"sharePoint": {"externalSharingGroups": ["team"]}})

test_fail_sharer_outside_groups if {
	_verdicts(_limited, sx.share) == {{
		"id": "PLT-SITE-05", "effect": "refuse",
		"message": "SharePoint would refuse an invitation to bob@fabrikam.com to site \"Projects\" (https://contoso.sharepoint.com/sites/Projects) by ian (ian@contoso.com): only members of Project Team may share outside the organisation.",
	}}
}

test_success_sharer_in_group if {
	count(_verdicts(_limited, sx.share_with({"actor": "alice"}))) == 0
}

test_fail_anyone_link_counts_as_external if {
	count(_verdicts(_limited, sx.anyone_link)) == 1
}

test_success_internal_share_not_limited if {
	count(_verdicts(_limited, sx.share_to("carol"))) == 0
}

test_success_no_groups_no_limit if {
	count(_verdicts(sx.tenant, sx.share)) == 0
}

test_warn_groups_not_exported if {
	tenant := sx.tenant_with({"sharePoint": {"externalSharingGroups": null}})
	[v] := [v | some v in _verdicts(tenant, sx.share)]
	v.effect == "warn"
	v.id == "PLT-SITE-05"
	count(_verdicts(tenant, sx.share_to("carol"))) == 0
}
