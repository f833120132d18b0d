# METADATA
# title: The recipient's domain is outside SharePoint's sharing domain lists
# description: |
#   SharePoint can limit sharing to a list of domains (allowList) or forbid a list (blockList)
#   (SharingDomainRestrictionMode, SharingAllowedDomainList, SharingBlockedDomainList), apart from
#   Entra's invitation lists. It applies to people outside the organisation, new or already guests. A
#   listed domain is taken to cover its subdomains, as Entra's lists do. When the mode was not exported,
#   the rule warns.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/restricted-domains-sharing
#     description: Restrict sharing of SharePoint and OneDrive content by domain
# custom:
#   id: PLT-SITE-04
#   effect: refuse
#   area: share-site
package shareguard.platform.share_site.sharing_domain

import data.shareguard.platform.helpers as plt
import data.shareguard.platform.share_site.common

_mode := object.get(common.settings, "sharingDomainRestrictionMode", null)

_domain := plt.email_domain(common.recipient_email)

_listed(field) if {
	some listed in object.get(common.settings, field, [])
	is_string(listed)
	plt.domain_matches(_domain, listed)
}

_applies if {
	common.active
	plt.change.scope == "specific-people"
	common.external
}

# METADATA
# title: Domain on SharePoint's block list
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint would refuse to share %s with %s: the domain %s is on SharePoint's sharing block list.",
	[common.item_label, common.recipient_label, _domain],
)) if {
	_applies
	_mode == "blockList"
	_listed("sharingBlockedDomains")
}

# METADATA
# title: Domain not on SharePoint's allow list
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint would refuse to share %s with %s: SharePoint shares only with %s, and %s is not one of them.",
	[common.item_label, common.recipient_label, concat(", ", sort(object.get(common.settings, "sharingAllowedDomains", []))), _domain],
)) if {
	_applies
	_mode == "allowList"
	not _listed("sharingAllowedDomains")
}

# METADATA
# title: Domain restriction not exported
verdicts contains {
	"id": "PLT-SITE-04",
	"effect": "warn",
	"message": sprintf(
		"Whether SharePoint's domain lists let %s be shared with %s is not known: the export does not give SharePoint's sharing domain restriction.",
		[common.item_label, common.recipient_label],
	),
} if {
	_applies
	not is_string(_mode)
}
