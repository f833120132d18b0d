# METADATA
# title: Guest has no sponsor
# description: |
#   The Sponsor attribute names the people in the organisation who answer for a guest: who asked for the
#   account, who confirms it is still needed, who is asked in an access review. The inviter becomes the
#   sponsor by default. A guest with no sponsor, or whose sponsors have all left (disabled or deleted
#   accounts), has nobody to vouch for its access, so it tends to outlive the collaboration.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/b2b-sponsors
#     description: Add sponsors to a guest user in the Microsoft Entra admin center
#   - ref: https://learn.microsoft.com/entra/external-id/user-properties
#     description: Properties of a Microsoft Entra B2B collaboration user
# custom:
#   id: SG-GUEST-03
#   severity: low
#   area: guest
#   sections: [users]
#   shards: [users]
#   remediation: |
#     In the Entra admin center, open the guest (Users > the guest > Properties > Sponsors) and add the
#     employee who owns the relationship, or use Graph (POST /users/{id}/sponsors/$ref). If nobody will
#     sponsor the guest, disable and remove the account.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.no_sponsor

import data.shareguard.lib

_active_sponsor(id) if lib.enabled(lib.users[id])

_active_sponsor(id) if lib.groups[id]

# Without the groups section an id that is no user may be a sponsoring group: assume it is active.
_active_sponsor(id) if {
	not lib.users[id]
	not lib.has_section("groups")
}

_sponsor_state(id) := "disabled" if {
	user := lib.users[id]
	not lib.enabled(user)
}

# Not in the export: the label ("unknown principal … (deleted or not exported)") says all that is known.
_sponsor_state(id) := "" if {
	not lib.users[id]
	not lib.groups[id]
}

_why(sponsors) := "has no sponsor" if count(sponsors) == 0

_why(sponsors) := concat("", ["has no active sponsor (", concat("; ", states), ")"]) if {
	count(sponsors) > 0
	states := sort([trim_space(concat(" ", [lib.label(id), _sponsor_state(id)])) | some id in sponsors])
}

_has_active_sponsor(sponsors) if {
	some id in sponsors
	_active_sponsor(id)
}

# METADATA
# title: Guest without an active sponsor
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("user", user),
	"message": concat("", ["Guest ", lib.label(id), " ", _why(user.sponsors), ": nobody in the organisation answers for this account."]),
}) if {
	some id, user in lib.users_in_scope
	lib.is_guest(user)
	is_array(user.sponsors)
	not _has_active_sponsor(user.sponsors)
}

# METADATA
# title: Sections or sponsors missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].sponsors",
	sprintf("%d guest(s) carry no sponsors field: whether they have a sponsor is not known", [n]),
) if {
	unknown := {id |
		some id, user in lib.users_in_scope
		lib.is_guest(user)
		not _sponsors_known(user)
	}
	n := count(unknown)
	n > 0
}

_sponsors_known(user) if is_array(user.sponsors)
