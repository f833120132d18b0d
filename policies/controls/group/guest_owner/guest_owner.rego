# METADATA
# title: Guest owns a group
# description: |
#   A group owner manages the group's membership and settings: they can add or remove members (other
#   guests included, where guest access allows it) and, for a Microsoft 365 group, rename it, change its
#   privacy and delete it with its mailbox, files and team. Owned by a guest, control over who can read
#   the group's content sits with someone outside the organisation.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/fundamentals/how-to-manage-groups
#     description: Manage Microsoft Entra groups and group membership
#   - ref: https://learn.microsoft.com/entra/fundamentals/users-default-permissions
#     description: Default user permissions (group owners)
# custom:
#   id: SG-GROUP-02
#   severity: high
#   area: group
#   sections: [groups, users]
#   shards: [groups]
#   reads: {users: [displayName, userPrincipalName, userType]}
#   remediation: |
#     Make an employee an owner of the group, then remove the guest from its owners (Entra admin center >
#     Groups > the group > Owners, or Remove-MgGroupOwnerByRef); keep the guest as a member if they still
#     need the content.
#   references: [CISA SCuBA MS.AAD.8]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.group.guest_owner

import data.shareguard.lib

# METADATA
# title: Guest group owner
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("group", group),
	"principal": lib.principal(user_id),
	"message": sprintf(
		"Guest %s owns group \"%s\": they manage its membership and settings.",
		[lib.label(user_id), group.displayName],
	),
}) if {
	some group in lib.groups_in_scope
	some user_id in group.owners
	lib.is_guest(lib.users[user_id])
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
