# METADATA
# title: Refusals of a share
# description: |
#   The verdicts that refuse a share-site: the tenant's and the site's sharing ceilings, the "Anyone" link
#   permission, SharePoint's domain lists, the groups allowed to share externally, and Entra's rules for the
#   guest a new address needs. Only refusing verdicts count: a warning (a setting not exported) does not
#   stop the share. The effects (the guest created, the access granted) are given only for a share none of
#   these refuse.
package shareguard.platform.share_site.refusals

import data.shareguard.platform.share_site.anyone_permission
import data.shareguard.platform.share_site.guest_invite
import data.shareguard.platform.share_site.sharing_domain
import data.shareguard.platform.share_site.sharing_groups
import data.shareguard.platform.share_site.site_capability
import data.shareguard.platform.share_site.tenant_capability

# METADATA
# title: Refusing verdicts
refusals := {v |
	some verdicts in [
		tenant_capability.verdicts, site_capability.verdicts, anyone_permission.verdicts,
		sharing_domain.verdicts, sharing_groups.verdicts, guest_invite.verdicts,
	]
	some v in verdicts
	v.effect == "refuse"
}

# METADATA
# title: No rule refuses the share
accepted if count(refusals) == 0
