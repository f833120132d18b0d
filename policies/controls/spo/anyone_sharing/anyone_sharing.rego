# METADATA
# title: '"Anyone" links allowed for SharePoint or OneDrive'
# description: |
#   With sharing set to "Anyone", a user can make a link that opens a file or folder with no sign-in at all:
#   whoever holds the link (a forwarded mail, a pasted chat message, a search engine that found it) reaches
#   the content, and nothing in Entra ID (guest accounts, invitation restrictions, Conditional Access) sees
#   them. OneDrive can be at most as open as SharePoint, so OneDrive is only reported when both allow it.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings for SharePoint and OneDrive
#   - ref: https://learn.microsoft.com/powershell/module/sharepoint-online/set-spotenant
#     description: Set-SPOTenant (SharingCapability, OneDriveSharingCapability)
# custom:
#   id: SG-SPO-01
#   severity: high
#   area: spo
#   sections: [sharePoint]
#   shards: [tenant]
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing, move the SharePoint and OneDrive sliders to "New and
#     existing guests" or lower (Set-SPOTenant -SharingCapability ExternalUserSharingOnly and
#     -OneDriveSharingCapability ExternalUserSharingOnly), so that every outsider signs in as a guest.
#   references: [SCuBA MS.SHAREPOINT.1.1, SCuBA MS.SHAREPOINT.1.2, CIS M365 7.2.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.anyone_sharing

import data.shareguard.lib

_settings := lib.sharepoint

# One finding for the tenant: shareguard keeps one finding per control and resource.
_services := "SharePoint and OneDrive" if {
	_settings.oneDriveSharingCapability == "anyone"
} else := "SharePoint (OneDrive is set lower)"

# METADATA
# title: Anyone links allowed
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": sprintf("%s sharing is set to \"Anyone\": files and folders can be shared by links that need no sign-in.", [_services]),
	"path": "sharePoint.sharingCapability",
}) if {
	_settings.sharingCapability == "anyone"
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

# OneDrive's own value only matters while SharePoint allows "Anyone": below that, SharePoint caps it.
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.oneDriveSharingCapability",
	"setting absent or null in the export",
) if {
	_settings.sharingCapability == "anyone"
	not lib.setting_known(["sharePoint", "oneDriveSharingCapability"])
}
