# METADATA
# title: Guests may reshare what was shared with them
# description: |
#   A guest who was given access to a file, folder or site can share it onward with people nobody in the
#   organisation chose, including other outsiders. The owner sees the access only if they look, and the chain
#   can continue as far as sharing allows.
#   Only evaluated while SharePoint shares outside the organisation at all (sharingCapability not disabled).
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings (more external sharing settings)
#   - ref: https://learn.microsoft.com/powershell/module/sharepoint-online/set-spotenant
#     description: Set-SPOTenant
# custom:
#   id: SG-SPO-05
#   severity: medium
#   area: spo
#   sections: [sharePoint]
#   shards: [tenant]
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing > More external sharing settings, clear "Allow
#     guests to share items they don't own" (Set-SPOTenant -PreventExternalUsersFromResharing $true).
#   references: [CIS M365 7.2.5]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.guest_reshare

import data.shareguard.lib

_settings := lib.sharepoint

_sharing_on if {
	lib.setting_known(["sharePoint", "sharingCapability"])
	_settings.sharingCapability != "disabled"
}

# METADATA
# title: Setting allows it
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "Guests may share items they do not own (guestsCanReshare true): access spreads to people nobody in the organisation chose.",
	"path": "sharePoint.guestsCanReshare",
}) if {
	_sharing_on
	_settings.guestsCanReshare == true
}

# METADATA
# title: Section or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.sharingCapability",
	"setting absent or null in the export",
) if {
	lib.has_section("sharePoint")
	not lib.setting_known(["sharePoint", "sharingCapability"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.guestsCanReshare",
	"setting absent or null in the export",
) if {
	_sharing_on
	not lib.setting_known(["sharePoint", "guestsCanReshare"])
}
