# METADATA
# title: Guest signs in with credentials issued by this tenant
# description: |
#   An internal guest is an account with userType Guest whose identity issuer is the tenant itself (its
#   initial or a verified domain): the old way of giving partners access, with a password the tenant
#   issues and has to manage. Nothing ties the account to the partner's own lifecycle, so it survives the
#   person leaving the partner, and shared credentials are common. B2B invitations not yet redeemed carry
#   the host's domain too, and are left out (see SG-GUEST-01).
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/user-properties
#     description: Properties of a Microsoft Entra B2B collaboration user (internal guest)
#   - ref: https://learn.microsoft.com/entra/external-id/invite-internal-users
#     description: Invite internal users to B2B collaboration
# custom:
#   id: SG-GUEST-08
#   severity: low
#   area: guest
#   sections: [users, tenant]
#   shards: [users]
#   remediation: |
#     Convert the account to B2B so the person signs in with their own identity: in the Entra admin center
#     open the user's Overview, under B2B collaboration choose "Invite internal user to B2B collaboration"
#     (or Graph POST /invitations with invitedUser set to the user). The object id, memberships and access
#     are kept. If several people share the account, replace it with one guest per person.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.internal_guest

import data.shareguard.lib
import data.shareguard.lib.guests

_local_issuers(user) := sort({issuer |
	some identity in user.identities
	issuer := lower(identity.issuer)
	lib.domains[issuer]
})

# METADATA
# title: Internal guest
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("user", user),
	"message": concat("", [
		"Guest ", lib.label(id), " signs in with local credentials issued by ", concat(", ", issuers),
		": an internal guest that should be a B2B invitation.",
	]),
}) if {
	some id, user in lib.users_in_scope
	lib.is_guest(user)
	not guests.unredeemed_invitation(user)
	issuers := _local_issuers(user)
	count(issuers) > 0
}

# METADATA
# title: Sections or identities missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].identities",
	sprintf("%d guest(s) carry no identities: how they sign in is not known", [n]),
) if {
	unknown := {id |
		some id, user in lib.users_in_scope
		lib.is_guest(user)
		not _identities_known(user)
	}
	n := count(unknown)
	n > 0
}

_identities_known(user) if count(user.identities) > 0
