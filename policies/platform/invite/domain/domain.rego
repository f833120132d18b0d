# METADATA
# title: The invitee's domain may not be invited
# description: |
#   Entra ID's collaboration restrictions either refuse invitations to a block list of domains or accept
#   them only for an allow list. A listed domain also covers its subdomains. An invitation to a blocked
#   domain, or to a domain missing from the allow list, is rejected when it is sent.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/allow-deny-list
#     description: Allow or block invitations to B2B users from specific organizations
# custom:
#   id: PLT-INVITE-02
#   effect: refuse
#   area: invite
package shareguard.platform.invite.domain

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_restriction := object.get(lib.collab, "invitationDomains", {})

_listed(domain) if {
	some listed in object.get(_restriction, "domains", [])
	plt.domain_matches(domain, listed)
}

# METADATA
# title: Domain on the block list
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be invited: its domain %s is on the invitation block list.",
	[plt.change.email, domain],
)) if {
	plt.action == "invite"
	_restriction.mode == "blockList"
	domain := plt.email_domain(plt.change.email)
	_listed(domain)
}

# METADATA
# title: Domain not on the allow list
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be invited: invitations are allowed only to %s, and %s is not one of them.",
	[plt.change.email, concat(", ", sort(object.get(_restriction, "domains", []))), domain],
)) if {
	plt.action == "invite"
	_restriction.mode == "allowList"
	domain := plt.email_domain(plt.change.email)
	not _listed(domain)
}
