# METADATA
# title: The share is more open than the site's own sharing setting allows
# description: |
#   Each site (and each OneDrive) has its own external sharing setting, which can narrow, never widen,
#   the tenant's. A share that needs more openness than the site allows (anyone for an "Anyone" link,
#   newAndExistingGuests for an address with no account, existingGuests for a guest already in the
#   directory) is not offered. A site exported without its setting is not judged here: the tenant's
#   ceiling (PLT-SITE-01) still is, and the rule warns.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/change-external-sharing-site
#     description: Change the sharing settings for a site
# custom:
#   id: PLT-SITE-02
#   effect: refuse
#   area: share-site
package shareguard.platform.share_site.site_capability

import data.shareguard.platform.helpers as plt
import data.shareguard.platform.share_site.common

_site := common.rank(common.site.sharingCapability)

# METADATA
# title: Above the site's own setting
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint would refuse %s to %s: the site's own sharing is %s, and this share needs %s.",
	[common.how, common.item_label, common.name(_site), common.name(common.needed)],
)) if {
	common.active
	common.needed > _site
}

# METADATA
# title: Site setting not exported
verdicts contains {
	"id": "PLT-SITE-02",
	"effect": "warn",
	"message": sprintf(
		"Whether site %s allows %s is not known: the export does not give the site's own sharing setting.",
		[common.site_label, common.how],
	),
} if {
	common.active
	common.site
	common.needed > 0
	not _site
}
