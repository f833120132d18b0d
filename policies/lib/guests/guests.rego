# METADATA
# title: shareguard guest helpers
# description: |
#   Helpers shared by the guest and group controls: a guest's original email address and its domain
#   (from mail, else from the #EXT# form of the UPN), and whether an account is a B2B invitation that
#   has not been redeemed yet.
package shareguard.lib.guests

# METADATA
# title: Unredeemed invitation
# description: |
#   A B2B invitation not yet redeemed: externalUserState PendingAcceptance, created by invitation (or of
#   unknown creation type: only invitations have a pending state). Until redemption such an account
#   carries the host's domain as identity issuer.
unredeemed_invitation(user) if {
	user.externalUserState == "PendingAcceptance"
	_invitation_or_unknown(object.get(user, "creationType", null))
}

_invitation_or_unknown("Invitation")

_invitation_or_unknown(null)

# METADATA
# title: Address from an #EXT# UPN
# description: |
#   The original address a B2B UPN was made from, lower-cased: `john_fabrikam.com#EXT#@contoso.onmicrosoft.com`
#   gives `john@fabrikam.com`. The invitation replaced the `@` with `_`, so the domain follows the last `_`
#   (a local part may itself contain underscores).
ext_address(upn) := concat("@", [concat("_", array.slice(parts, 0, n - 1)), parts[n - 1]]) if {
	at := indexof(upper(upn), "#EXT#")
	at > 0
	parts := split(lower(substring(upn, 0, at)), "_")
	n := count(parts)
	n > 1
	parts[n - 1] != ""
}

_mail(user) := lower(trim_space(user.mail)) if {
	is_string(user.mail)
	contains(user.mail, "@")
}

# METADATA
# title: Addresses of a user
# description: Every address known for the user, lower-cased (mail, and the original address behind an #EXT# UPN).
addresses(user) := {a | a := _mail(user)} | {a | a := ext_address(user.userPrincipalName)}

# METADATA
# title: Email address
# description: The user's email address, lower-cased (mail, else the original address behind an #EXT# UPN).
address(user) := mail if {
	mail := _mail(user)
} else := ext_address(user.userPrincipalName)

# An else-chain, so that mail is read once (the planner runs every body of a function), and concat in
# ext_address rather than sprintf, which crosses into JavaScript: the guest controls take every guest's
# address, 15,000 of them in the 100,000-user bench tenant.

# METADATA
# title: Local part
# description: The part of an address before its last `@`.
local_part(address) := concat("@", array.slice(parts, 0, count(parts) - 1)) if {
	parts := split(address, "@")
	count(parts) > 1
}

# METADATA
# title: Domain part
# description: The part of an address after its last `@`.
domain_part(address) := parts[count(parts) - 1] if {
	parts := split(address, "@")
	count(parts) > 1
	parts[count(parts) - 1] != ""
}

# METADATA
# title: Email domain
# description: The domain of the user's email address (mail, else the #EXT# UPN), lower-cased.
email_domain(user) := domain_part(address(user))
