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
#   shards: [tenant]
#   params:
#     maxAnyoneLinkDays: 30
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing > Choose expiration and permissions options for
#     Anyone links, set "These links must expire within this many days" to 30 or fewer and both file and
#     folder permissions to View (Set-SPOTenant -RequireAnonymousLinksExpireInDays 30
#     -FileAnonymousLinkType View -FolderAnonymousLinkType View).
#   references: [SCuBA MS.SHAREPOINT.3.1, SCuBA MS.SHAREPOINT.3.2, CIS M365 7.2.11]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.anyone_link_limits

import data.shareguard.lib

_settings := lib.sharepoint

_anyone if _settings.sharingCapability == "anyone"

# Each problem found as {order, path, text}; one finding for the tenant lists them all, in order (expiry,
# then files, then folders), and points at the first one's setting (shareguard keeps one finding per
# control and resource).
_problems contains {
	"order": 1,
	"path": "sharePoint.anyoneLinkExpirationDays",
	"text": "they need not expire (anyoneLinkExpirationDays 0), so a leaked link works for as long as the item exists",
} if {
	_settings.anyoneLinkExpirationDays == 0
}

_problems contains {
	"order": 1,
	"path": "sharePoint.anyoneLinkExpirationDays",
	"text": sprintf("they expire after %d days, more than the %d allowed", [days, limit]),
} if {
	days := _settings.anyoneLinkExpirationDays
	limit := lib.param(rego.metadata.chain(), "maxAnyoneLinkDays")
	days > limit
}

_problems contains {
	"order": 2,
	"path": "sharePoint.anyoneLinkFilePermission",
	"text": "links to files may grant edit",
} if {
	_settings.anyoneLinkFilePermission == "edit"
}

_problems contains {
	"order": 3,
	"path": "sharePoint.anyoneLinkFolderPermission",
	"text": "links to folders may grant edit (the holder may also upload)",
} if {
	_settings.anyoneLinkFolderPermission == "edit"
}

_ordered := [problem |
	some order in sort({p.order | some p in _problems})
	some problem in _problems
	problem.order == order
]

# METADATA
# title: Anyone links unbounded
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": sprintf("\"Anyone\" links are allowed and %s.", [concat("; ", [p.text | some p in _ordered])]),
	"path": _ordered[0].path,
}) if {
	_anyone
	count(_ordered) > 0
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
	sprintf("sharePoint.%s", [field]),
	"setting absent or null in the export",
) if {
	_anyone
	some field in ["anyoneLinkExpirationDays", "anyoneLinkFilePermission", "anyoneLinkFolderPermission"]
	not lib.setting_known(["sharePoint", field])
}
