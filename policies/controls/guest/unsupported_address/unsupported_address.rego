# METADATA
# title: Guest address has a plus sign or is a group mailbox
# description: |
#   B2B invitations are meant for one person's address. Entra ID does not support a plus sign in a guest's
#   email address, and does not support group addresses: a shared mailbox such as info@ or sales@ lets
#   whoever reads it redeem the invitation or receive its one-time passcodes, so nobody knows who holds the
#   access. Both the mail attribute and the original address inside an #EXT# UPN are checked.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/add-users-administrator
#     description: Add B2B collaboration users in the Microsoft Entra admin center
# custom:
#   id: SG-GUEST-06
#   severity: low
#   area: guest
#   sections: [users]
#   shards: [users]
#   params:
#     groupAddressPatterns:
#       - "^(info|admin|sales|support|team|office|contact|hello|noreply|no-reply)@"
#   remediation: |
#     Ask the partner for the named person's own address, invite that address (without the plus sign and
#     the text after it), move the group memberships and shares across, then delete the old guest account.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.unsupported_address

import data.shareguard.lib
import data.shareguard.lib.guests

_problems(user, patterns) := {concat("", [address, " contains a plus sign"]) |
	some address in addresses
	contains(guests.local_part(address), "+")
} | {concat("", [address, " looks like a group address"]) |
	some address in addresses
	_group_address(address, patterns)
} if {
	addresses := guests.addresses(user)
}

# A plus tag does not change the mailbox: info+b2b@ is still info@.
_untagged(address) := concat("@", [split(guests.local_part(address), "+")[0], guests.domain_part(address)])

# An else-chain (the planner runs every body of a function) and concat rather than sprintf (a call into
# JavaScript): every address of the 15,000 guests of the 100,000-user bench tenant is tested.
_group_address(address, patterns) if {
	_matches(address, patterns)
} else if {
	_matches(_untagged(address), patterns)
}

_matches(address, patterns) if {
	some pattern in patterns
	regex.match(concat("", ["(?i)", pattern]), address)
}

# METADATA
# title: Unsupported guest address
findings contains lib.finding(chain, {
	"resource": lib.resource("user", user),
	"message": concat("", ["Guest ", lib.label(id), " has an address B2B does not support for one person: ", concat("; ", sort(problems)), "."]),
}) if {
	chain := rego.metadata.chain()
	patterns := lib.param(chain, "groupAddressPatterns")
	some id, user in lib.users_in_scope
	lib.is_guest(user)
	problems := _problems(user, patterns)
	count(problems) > 0
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
