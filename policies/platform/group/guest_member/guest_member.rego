# METADATA
# title: Guests may not be added to this Microsoft 365 group
# description: |
#   Whether guests can be added to Microsoft 365 groups is a tenant-wide setting (the Group.Unified
#   directory setting allowToAddGuests), which a group can override with its own allowToAddGuests.
#   When the group's value is false, or the tenant's is false and the group does not set true, adding a
#   user with userType Guest fails. This applies both to adding an existing guest and to the groups an
#   invitation asks to add the new guest to (when the invitee's userType is Guest). Security groups
#   are not governed by this setting.
# related_resources:
#   - ref: https://learn.microsoft.com/microsoft-365/solutions/per-group-guest-access
#     description: Prevent guests from being added to a specific Microsoft 365 group
#   - ref: https://learn.microsoft.com/entra/identity/users/groups-settings-cmdlets
#     description: Microsoft Entra cmdlets for configuring group settings
# custom:
#   id: PLT-GROUP-01
#   effect: refuse
#   area: group
package shareguard.platform.group.guest_member

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_tenant_off if lib.collab.m365Groups.allowToAddGuests == false

_why(group) := "its allowToAddGuests is false" if group.allowToAddGuests == false

_why(group) := "guest access to Microsoft 365 groups is off tenant-wide and the group has no override" if {
	not group.allowToAddGuests == false
	not group.allowToAddGuests == true
	_tenant_off
}

# METADATA
# title: Groups closed to guests
# description: The ids of the Microsoft 365 groups among group_ids that refuse guests, with the reason.
closed(group_ids) := {group_id: _why(group) |
	some group_id in group_ids
	group := lib.groups[group_id]
	plt.m365_group(group)
}

_invitee_is_guest if object.get(plt.change, "userType", "Guest") == "Guest"

# METADATA
# title: Groups an invitation may not add the guest to
invite_refused := closed(object.get(plt.change, "groups", [])) if {
	plt.action == "invite"
	_invitee_is_guest
}

# METADATA
# title: Existing guest added to a closed group
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Guest %s cannot be added to Microsoft 365 group \"%s\": %s.",
	[lib.label(user_id), lib.groups[group_id].displayName, why],
)) if {
	plt.action == "add-group-member"
	user_id := plt.change.principal
	lib.is_guest(lib.users[user_id])
	group_id := plt.change.group
	some group_id_closed, why in closed([group_id])
	group_id_closed == group_id
}

# METADATA
# title: Invitee added to a closed group
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Invited guest %s cannot be added to Microsoft 365 group \"%s\": %s.",
	[plt.change.email, lib.groups[group_id].displayName, why],
)) if {
	some group_id, why in invite_refused
}
