# METADATA
# title: '"Anyone" links last too long or grant edit'
# description: |
#   Where "Anyone" links are allowed, two settings bound the harm of one that leaks: how long a new link
#   keeps working, and whether it may let its holder change the content. A link that never expires works
#   for as long as the file exists, long after the project that needed it; an edit link lets an
#   unidentified person alter or overwrite files (a folder edit link also lets them upload). The
#   expiry limit is the maxAnyoneLinkDays parameter (30 days, as SCuBA and CIS ask).
#   Only evaluated while SharePoint allows "Anyone" links; below that no such link can be made.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings (expiration and permissions for Anyone links)
#   - ref: https://learn.microsoft.com/microsoft-365/solutions/best-practices-anonymous-sharing
#     description: Best practices for unauthenticated sharing
# custom:
#   id: SG-SPO-03
#   severity: medium
#   area: spo
#   sections: [sharePoint]
#   params:
#     maxAnyoneLinkDays: 30
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing > Choose expiration and permissions options for
#     Anyone links, set "These links must expire within this many days" to 30 or fewer and both file and
#     folder permissions to View (Set-SPOTenant -RequireAnonymousLinksExpireInDays 30
#     -FileAnonymousLinkType View -FolderAnonymousLinkType View).
#   references: [SCuBA MS.SHAREPOINT.3.1, SCuBA MS.SHAREPOINT.3.2, CIS M365 7.2.11]
package shareguard.controls.spo.anyone_link_limits

import data.shareguard.lib

_settings := object.get(data.tenant, "sharePoint", {})

_anyone if _settings.sharingCapability == "anyone"

# METADATA
# title: Anyone links never expire
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "\"Anyone\" links are allowed and need not expire (anyoneLinkExpirationDays 0): a leaked link works for as long as the item exists.",
	"path": "sharePoint.anyoneLinkExpirationDays",
}) if {
	_anyone
	_settings.anyoneLinkExpirationDays == 0
}

# METADATA
# title: Anyone links expire too late
findings contains lib.finding(chain, {
	"resource": lib.tenant_resource,
	"message": sprintf("\"Anyone\" links are allowed and expire after %d days, more than the %d allowed.", [days, limit]),
	"path": "sharePoint.anyoneLinkExpirationDays",
}) if {
	chain := rego.metadata.chain()
	_anyone
	days := _settings.anyoneLinkExpirationDays
	limit := lib.param(chain, "maxAnyoneLinkDays")
	days > limit
}

_item := {"anyoneLinkFilePermission": "files", "anyoneLinkFolderPermission": "folders (the holder may also upload)"}

# METADATA
# title: Anyone links may grant edit
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": sprintf("\"Anyone\" links to %s may grant edit: someone who never signed in can change the content.", [what]),
	"path": sprintf("sharePoint.%s", [field]),
}) if {
	_anyone
	some field, what in _item
	_settings[field] == "edit"
}

# METADATA
# title: Section or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(rego.metadata.chain(), "sharePoint.sharingCapability", "setting absent or null in the export") if {
	lib.has_section("sharePoint")
	not lib.setting_known(["sharePoint", "sharingCapability"])
}

not_evaluated contains lib.not_evaluated(rego.metadata.chain(), sprintf("sharePoint.%s", [field]), "setting absent or null in the export") if {
	_anyone
	some field in ["anyoneLinkExpirationDays", "anyoneLinkFilePermission", "anyoneLinkFolderPermission"]
	not lib.setting_known(["sharePoint", field])
}
