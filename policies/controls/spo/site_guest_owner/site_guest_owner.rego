# METADATA
# title: Guest owns a site
# description: |
#   A site owner decides who else gets in: they can share the whole site, add members and owners, and change
#   the site's own sharing level within the tenant's. Owned by a guest, control over who reads the site's
#   content sits outside the organisation. Owners are the site's own owners (users, or the members of an owner
#   group) and, for a site that belongs to a Microsoft 365 group, that group's owners.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/customize-sharepoint-site-permissions
#     description: Customize permissions for a SharePoint site
#   - ref: https://learn.microsoft.com/microsoft-365/solutions/collaborate-in-site
#     description: Collaborate with guests in a site
# custom:
#   id: SG-SPO-09
#   severity: high
#   area: spo
#   sections: [sites, users]
#   shards: [tenant]
#   remediation: |
#     Make an employee an owner of the site (or of its Microsoft 365 group), then remove the guest from the
#     owners (SharePoint admin center > Active sites > the site > Membership, or Remove-MgGroupOwnerByRef for a
#     group-connected site); keep the guest as a member if they still need the content.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.site_guest_owner

import data.shareguard.lib

# The users owning a site, each as {"id": user id, "via": how}: direct owners, members of owner groups,
# owners of the site's Microsoft 365 group.
_owner_users(site) := (_direct_owners(site) | _owner_group_members(site)) | _group_site_owners(site)

_direct_owners(site) := {{"id": id, "via": "directly"} |
	some id in object.get(site, "owners", [])
	lib.users[id]
}

_owner_group_members(site) := {{"id": member, "via": sprintf("through owner group \"%s\"", [_group_name(id)])} |
	some id in object.get(site, "owners", [])
	some member in lib.groups[id].transitiveMembers
}

_group_site_owners(site) := {{"id": owner, "via": sprintf("as an owner of its Microsoft 365 group \"%s\"", [_group_name(site.groupId)])} |
	some owner in lib.groups[site.groupId].owners
}

_group_name(id) := object.get(lib.groups[id], "displayName", id)

_name(site) := object.get(site, "title", site.url)

# METADATA
# title: Guest site owner
findings contains lib.finding(rego.metadata.chain(), {
	"resource": {"kind": "site", "id": site.id, "displayName": _name(site)},
	"principal": lib.principal(owner.id),
	"message": sprintf(
		"Guest %s owns site \"%s\" (%s) %s: they decide who else gets in.",
		[lib.label(owner.id), _name(site), site.url, owner.via],
	),
}) if {
	some site in lib.sites_in_scope
	some owner in _owner_users(site)
	lib.is_guest(lib.users[owner.id])
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sites[].owners",
	"not collected: site owners are not known",
) if {
	lib.not_collected("sites[].owners")
}
