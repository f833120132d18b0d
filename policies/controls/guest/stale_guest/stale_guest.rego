# METADATA
# title: Guest has not signed in for a long time
# description: |
#   A guest account keeps whatever access it was given (groups, sites, flows, apps) until someone removes
#   it, and nothing expires on its own. An enabled guest that has not signed in for months, or has no
#   recorded sign-in although it was created long ago, is access nobody uses and nobody watches, and a
#   quiet way in if the partner's account is compromised. Pending invitations are left to SG-GUEST-01.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/users/clean-up-stale-guest-accounts
#     description: Clean up stale guest accounts using access reviews
#   - ref: https://learn.microsoft.com/entra/identity/monitoring-health/howto-manage-inactive-user-accounts
#     description: How to manage inactive user accounts
# custom:
#   id: SG-GUEST-02
#   severity: medium
#   area: guest
#   sections: [users]
#   shards: [users]
#   params:
#     staleGuestDays: 90
#   remediation: |
#     Ask the guest's sponsor whether the access is still needed; if not, disable the account and delete it
#     after a grace period (Entra admin center > Users, filter on user type Guest and last sign-in). Set up a
#     recurring access review of guest users (Identity Governance > Access reviews) with "remove access"
#     applied when reviewers do not respond.
#   references: [CISA SCuBA MS.AAD.8]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.stale_guest

import data.shareguard.lib

_signed_in(user) if is_number(user.lastSignInDateTimeEpoch)

_dated(user) if is_number(user.createdDateTimeEpoch)

# Sign-in data was collected when at least one user in the export carries a last sign-in time.
_sign_in_data if lib.user_field_exported("lastSignInDateTimeEpoch")

# Enabled guests that could be stale; pending invitations are SG-GUEST-01's business.
_candidate(user) if {
	lib.is_guest(user)
	lib.enabled(user)
	not user.externalUserState == "PendingAcceptance"
}

_reason(user, limit) := concat("", ["last signed in ", lib.int_text(days), " days ago, on ", lib.text(user.lastSignInDateTime)]) if {
	days := lib.days_since(user.lastSignInDateTimeEpoch)
	days > limit
}

# No sign-in time for this guest: Graph leaves it out both for a guest who never signed in and for sign-ins it
# holds no record of, so the export cannot tell the two apart. The account's age is what is known.
_reason(user, limit) := concat("", ["has no recorded sign-in (sign-in not known), and the account was created ", lib.int_text(days), " days ago"]) if {
	_sign_in_data
	not _signed_in(user)
	days := lib.days_since(user.createdDateTimeEpoch)
	days > limit
}

# METADATA
# title: Stale guest
findings contains lib.finding(chain, {
	"resource": lib.resource("user", user),
	"message": concat("", ["Guest ", lib.label(id), " ", reason, " (limit ", lib.int_text(limit), " days)."]),
}) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "staleGuestDays")
	some id, user in lib.users_in_scope
	_candidate(user)
	reason := _reason(user, limit)
}

# The reason is found in the body, before the finding is built: in the head it came after the label, so
# every enabled guest was labelled (and its resource built) before its sign-in date was looked at.

# METADATA
# title: Sections or sign-in data missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].lastSignInDateTime",
	"no user in the export carries lastSignInDateTime: sign-in activity was not collected",
) if {
	not _sign_in_data
	some user in lib.users_in_scope
	_candidate(user)
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].createdDateTime",
	sprintf("%d guest(s) with sign-in not known carry no createdDateTime: their age is not known", [n]),
) if {
	_sign_in_data
	undated := {id |
		some id, user in lib.users_in_scope
		_candidate(user)
		not _signed_in(user)
		not _dated(user)
	}
	n := count(undated)
	n > 0
}
