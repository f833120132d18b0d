# METADATA
# title: The address cannot be invited
# description: |
#   Entra B2B invitations are for individual mailboxes: an address carrying a plus sign (sub-addressing
#   such as bob+test@fabrikam.com) is not supported, and neither is a group or distribution-list address.
#   A group address cannot be recognised with certainty; the rule refuses addresses whose local part
#   matches the groupAddressPatterns parameter (case-insensitive regular expressions).
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/add-users-administrator
#     description: Add B2B collaboration users (note on group addresses and plus signs)
# custom:
#   id: PLT-INVITE-03
#   effect: refuse
#   area: invite
#   params:
#     groupAddressPatterns:
#       - "^(all|everyone|team|group|grp|dl|distribution|list)([-._].*)?$"
#       - "^.*[-._](team|group|grp|dl|list|all)$"
package shareguard.platform.invite.address

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_local := plt.email_local(plt.change.email)

_reasons contains "it contains a plus sign, which Entra ID does not support in invitation addresses" if {
	contains(_local, "+")
}

_reasons contains "it looks like a group or distribution-list address, and invitations must go to an individual" if {
	some pattern in lib.param(rego.metadata.chain(), "groupAddressPatterns")
	regex.match(concat("", ["(?i)", pattern]), _local)
}

_reasons contains "it is not an e-mail address" if not _local

# METADATA
# title: Plus-addressed, group or malformed address
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be invited: %s.",
	[plt.change.email, concat("; ", sort(_reasons))],
)) if {
	plt.action == "invite"
	count(_reasons) > 0
}
