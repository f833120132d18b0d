# METADATA
# title: Guest invitation pending for too long
# description: |
#   A B2B invitation creates the guest account at once, and the invitation never expires. An account that
#   is still PendingAcceptance weeks later was probably not needed, or went to the wrong address, and its
#   redemption link stays usable by whoever holds it. Until it is redeemed the account signs in with the
#   host's domain as issuer, so it is easy to mistake for an internal account.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/redemption-experience
#     description: B2B collaboration invitation redemption
# custom:
#   id: SG-GUEST-01
#   severity: medium
#   area: guest
#   sections: [users]
#   shards: [users]
#   params:
#     pendingInvitationDays: 30
#   remediation: |
#     Ask the sponsor whether the invitation is still needed: resend it if so, otherwise delete the guest
#     account. Review pending invitations on a schedule (for example with an access review).
#   references: [CISA SCuBA MS.AAD.8]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.pending_invitation

import data.shareguard.lib

# The invitation's age counts from the last state change, else from the account's creation.
_pending_since(user) := user.externalUserStateChangeDateTimeEpoch

_pending_since(user) := user.createdDateTimeEpoch if not user.externalUserStateChangeDateTimeEpoch

_pending(user) if {
	user.externalUserState == "PendingAcceptance"
	lib.enabled(user)
}

# METADATA
# title: Invitation pending past the limit
findings contains lib.finding(chain, {
	"resource": lib.resource("user", user),
	"message": concat("", [
		lib.label(id), " was invited ", lib.int_text(days), " days ago and has not redeemed the invitation (limit ",
		lib.int_text(limit), " days).",
	]),
}) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "pendingInvitationDays")
	some id, user in lib.users_in_scope
	_pending(user)
	days := lib.days_since(_pending_since(user))
	days > limit
}

# METADATA
# title: Sections or dates missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].externalUserStateChangeDateTime",
	sprintf("%d pending invitation(s) carry neither externalUserStateChangeDateTime nor createdDateTime", [n]),
) if {
	undated := {id |
		some id, user in lib.users_in_scope
		_pending(user)
		not _pending_since(user)
	}
	n := count(undated)
	n > 0
}
