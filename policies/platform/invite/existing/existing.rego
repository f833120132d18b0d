# METADATA
# title: An invitation to an address that already has an account
# description: |
#   Entra ID keeps one account per address. Inviting an address that already belongs to a guest of the
#   tenant creates nothing: the invitation is sent again and the existing guest account is returned
#   (its state and groups unchanged). An address that belongs to a member of the directory cannot be
#   invited as a B2B guest at all: Entra refuses the invitation because the account already exists in
#   the directory as a member. The account is found by its mail, its user principal name, or the guest
#   UPN the invitation would give it (address with @ as _, then #EXT#@ and the initial domain), among
#   the tenant's accounts and those earlier changes of the same simulation created.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/add-users-administrator
#     description: Add B2B collaboration users (resend an invitation to an existing guest)
#   - ref: https://learn.microsoft.com/entra/external-id/invite-internal-users
#     description: Invite internal users to B2B collaboration (members are converted, not invited)
# custom:
#   id: PLT-INVITE-07
#   effect: refuse
#   area: invite
package shareguard.platform.invite.existing

import data.shareguard.lib
import data.shareguard.platform.helpers as plt
import data.shareguard.platform.invite.refusals

_keys := {lower(plt.change.email), lower(sprintf("%s#EXT#@%s", [replace(plt.change.email, "@", "_"), plt.initial_domain]))}

# The normaliser's (and the simulator's) lookups when present; a scan of the users otherwise (opa test).
_matches contains id if {
	some key in _keys
	id := lib.user_id_by_mail(key)
}

_matches contains id if {
	some key in _keys
	id := lib.user_id_by_upn(key)
}

_matches contains id if {
	not lib.indexed
	some id, user in lib.users
	some field in ["mail", "userPrincipalName"]
	lower(object.get(user, field, "")) in _keys
}

# METADATA
# title: Existing account
# description: The id of the account the invited address already has, when there is exactly one.
found := id if {
	plt.action == "invite"
	[id] := [id | some id in _matches]
}

_user := lib.users[found]

# METADATA
# title: The address belongs to a member
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be invited: the address belongs to %s, who is already a member of the directory, and Entra ID does not invite an existing member as a B2B guest.",
	[plt.change.email, lib.label(found)],
)) if {
	_user.userType == "Member"
}

# Not a refusal: the invitation goes out again, to the account that exists.
verdicts contains {
	"id": "PLT-INVITE-07",
	"effect": "effect",
	"message": sprintf(
		"%s is already guest %s: Entra ID sends the invitation again and returns that account; nothing is created.",
		[plt.change.email, lib.label(found)],
	),
} if {
	_user.userType != "Member"
	count(refusals.refusals) == 0
}
