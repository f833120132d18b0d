# METADATA
# title: Default sharing link reaches more than the people named
# description: |
#   The share dialog proposes the tenant's default link type first, and most people keep it. "Anyone" as the
#   default makes every casual share a link with no sign-in; "people in your organization" makes it a link
#   that works for every employee it is forwarded to, so a document meant for two colleagues reaches the
#   whole company (and every search and assistant that indexes what each of them can open). "Specific
#   people" is the default that shares with whom the user named and no one else.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings (file and folder links)
#   - ref: https://learn.microsoft.com/powershell/module/sharepoint-online/set-spotenant
#     description: Set-SPOTenant (DefaultSharingLinkType)
# custom:
#   id: SG-SPO-02
#   severity: medium
#   area: spo
#   sections: [sharePoint]
#   shards: [tenant]
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing > File and folder links, choose "Specific people
#     (only the people the user specifies)" (Set-SPOTenant -DefaultSharingLinkType Direct).
#   references: [SCuBA MS.SHAREPOINT.2.1, CIS M365 7.2.7]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.default_link_type

import data.shareguard.lib

_settings := lib.sharepoint

# An "Anyone" default is a public link by default: high. An organisation-wide default stays inside the
# tenant's accounts: low.
_effect := {
	"anyone": {"severity": "high", "text": "\"Anyone\": every share made with the default is a link that needs no sign-in"},
	"organization": {"severity": "low", "text": "\"People in your organization\": every share made with the default works for every employee the link reaches"},
}

# METADATA
# title: Default link too wide
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"severity": effect.severity,
	"message": sprintf("The default sharing link type is %s.", [effect.text]),
	"path": "sharePoint.defaultSharingLinkType",
}) if {
	effect := _effect[_settings.defaultSharingLinkType]
}

# METADATA
# title: Section or setting missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.defaultSharingLinkType",
	"setting absent or null in the export",
) if {
	lib.has_section("sharePoint")
	not lib.setting_known(["sharePoint", "defaultSharingLinkType"])
}
