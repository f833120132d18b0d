# METADATA
# title: A valid invitation creates a pending guest account
# description: |
#   When Entra ID accepts an invitation it creates the account at once: userType as requested (Guest by
#   default), creationType Invitation, a UPN made of the address with @ replaced by _ followed by
#   #EXT#@ and the tenant's initial domain, externalUserState PendingAcceptance, and, until the invitee
#   redeems, an identity issued by the host tenant's domain. The inviter becomes the sponsor. The groups
#   the invitation names are joined where the platform allows it.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/b2b-quickstart-add-guest-users-portal
#     description: Add a guest user and send an invitation
#   - ref: https://learn.microsoft.com/entra/external-id/user-properties
#     description: Properties of a Microsoft Entra B2B collaboration user
# custom:
#   id: PLT-INVITE-05
#   effect: effect
#   area: invite
package shareguard.platform.invite.created

import data.shareguard.lib
import data.shareguard.platform.group.guest_member
import data.shareguard.platform.helpers as plt
import data.shareguard.platform.invite.existing
import data.shareguard.platform.invite.refusals

_accepted if {
	plt.action == "invite"
	count(refusals.refusals) == 0
	not existing.found
}

_email := plt.change.email

_upn := sprintf("%s#EXT#@%s", [replace(_email, "@", "_"), plt.initial_domain])

_given_name := object.get(plt.change, "displayName", null)

_display_name := _given_name if is_string(_given_name)

_display_name := plt.email_local(_email) if not is_string(_given_name)

_user_type := object.get(plt.change, "userType", "Guest")

# Home tenant and cloud, when the change gives them, are kept on the account so later rules see them.
_optional := {key: value |
	some key in ["homeTenantId", "homeCloud"]
	value := plt.change[key]
	is_string(value)
}

_user := object.union(
	{
		"userPrincipalName": _upn,
		"mail": _email,
		"displayName": _display_name,
		"userType": _user_type,
		"creationType": "Invitation",
		"externalUserState": "PendingAcceptance",
		"externalUserStateChangeDateTimeEpoch": input.asOf,
		"identities": [{"signInType": "userPrincipalName", "issuer": plt.initial_domain}],
		"sponsors": [plt.change.actor],
		"invitedBy": plt.change.actor,
		"accountEnabled": true,
	},
	_optional,
)

_groups := [group_id |
	some group_id in object.get(plt.change, "groups", [])
	lib.groups[group_id]
	not _refused(group_id)
]

_refused(group_id) if guest_member.invite_refused[group_id]

# METADATA
# title: What the invitation creates
# description: The new user (without an id; TypeScript assigns one) and the group ids it joins.
effects := {"user": _user, "groups": _groups} if _accepted

# METADATA
# title: Account created
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Invitation creates %s %s (%s), pending acceptance, sponsored by %s%s.",
	[lower(_user_type), _upn, _display_name, lib.label(plt.change.actor), _joins],
)) if {
	_accepted
}

_group_names := [lib.groups[group_id].displayName | some group_id in _groups]

_joins := "" if count(_groups) == 0

_joins := sprintf("; joins %s", [concat(", ", _group_names)]) if count(_groups) > 0
