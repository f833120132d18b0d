# METADATA
# title: Sensitive site open to guests or "Anyone"
# description: |
#   A site whose name or sensitivity label marks it as sensitive (finance, HR, legal, board, confidential...)
#   should be reachable only by the people who work on it. Reported when such a site can be shared with new
#   guests or by "Anyone" links (its own sharing level, capped by the tenant's: a site is never more open
#   than the tenant), or when guests already have access to it; "Anyone" links that still work on the as-of
#   date are counted in the message. OneDrive accounts are left to the OneDrive settings (SG-SPO-01). Names
#   are matched with the same sensitiveGroupPatterns habit as SG-COLLAB-07, labels with sensitiveLabelPatterns.
#   "Anyone" reach is high; guests only, medium.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/change-external-sharing-site
#     description: Change the sharing settings for a site
#   - ref: https://learn.microsoft.com/purview/sensitivity-labels-teams-groups-sites
#     description: Use sensitivity labels to protect content in Microsoft Teams, Microsoft 365 groups, and SharePoint sites
# custom:
#   id: SG-SPO-08
#   severity: medium
#   area: spo
#   sections: [sites, sharePoint]
#   shards: [tenant]
#   params:
#     sensitiveGroupPatterns:
#       - '\b(finance|payroll|hr|human resources|legal|executive|board|confidential|m&a)\b'
#     sensitiveLabelPatterns:
#       - '\b(confidential|secret|restricted)\b'
#   remediation: |
#     Lower the site's sharing to "Only people in your organization" or "Existing guests" (SharePoint admin
#     center > Active sites > the site > Sharing, or Set-SPOSite -SharingCapability Disabled), remove guests
#     who no longer need it, delete its "Anyone" links, and apply a sensitivity label that restricts external
#     sharing so the setting cannot be widened again.
#   references: [CIS M365 7.2.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.sensitive_site_open

import data.shareguard.lib

_rank := {"disabled": 0, "existingGuests": 1, "newAndExistingGuests": 2, "anyone": 3}

_tenant_level := object.get(lib.sharepoint, "sharingCapability", null)

# The site's own level, capped by the tenant's; a site without its own value gets the tenant's.
_level(site) := level if {
	own := site.sharingCapability
	_rank[own] <= _rank[_tenant_level]
	level := own
} else := _tenant_level if {
	_rank[_tenant_level]
} else := site.sharingCapability

_name(site) := object.get(site, "title", site.url)

_sensitive_because(site, chain) := sprintf("its name \"%s\"", [_name(site)]) if {
	some pattern in lib.param(chain, "sensitiveGroupPatterns")
	regex.match(concat("", ["(?i)", pattern]), _name(site))
} else := sprintf("its sensitivity label \"%s\"", [site.sensitivityLabel]) if {
	some pattern in lib.param(chain, "sensitiveLabelPatterns")
	regex.match(concat("", ["(?i)", pattern]), site.sensitivityLabel)
}

_live_anyone_links(site) := [link |
	some link in object.get(site, "sharingLinks", [])
	link.scope == "anyone"
	not _expired(link)
]

_expired(link) if link.expirationDateTimeEpoch <= input.asOf

# Lowering a site's (or the tenant's) level below "Anyone" stops its existing "Anyone" links working, so
# the links only add to the message while the level allows them.
_open(site) := {"severity": "high", "text": sprintf("it can be shared by \"Anyone\" links%s", [_links_text(site)])} if {
	_level(site) == "anyone"
} else := {"severity": "medium", "text": "it can be shared with new guests"} if {
	_level(site) == "newAndExistingGuests"
} else := {"severity": "medium", "text": sprintf("%d guest(s) or other external users have access", [n])} if {
	n := count(object.get(site, "externalUsers", []))
	n > 0
}

_links_text(site) := sprintf(", and %d such link(s) still work", [n]) if {
	n := count(_live_anyone_links(site))
	n > 0
} else := ""

# METADATA
# title: Sensitive site reachable from outside
findings contains lib.finding(chain, {
	"resource": {"kind": "site", "id": site.id, "displayName": _name(site)},
	"severity": open.severity,
	"message": sprintf("Site \"%s\" (%s) is sensitive by %s, and %s.", [_name(site), site.url, because, open.text]),
}) if {
	chain := rego.metadata.chain()
	some site in lib.sites_in_scope
	not site.isOneDrive == true
	because := _sensitive_because(site, chain)
	open := _open(site)
}

# METADATA
# title: Sections or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.sharingCapability",
	"setting absent or null in the export: sites without their own sharing level are judged by their guests and links only",
) if {
	lib.has_section("sharePoint")
	not lib.setting_known(["sharePoint", "sharingCapability"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	field,
	"not collected: sites are judged without it",
) if {
	some field in ["sites[].externalUsers", "sites[].sharingLinks", "sites[].sharingCapability"]
	lib.not_collected(field)
}
