# METADATA
# title: Entra would not invite the guest the share needs
# description: |
#   Sharing with an address that has no account makes a guest account through SharePoint and OneDrive's
#   Entra B2B integration, so Entra's rules for an invitation sent by the person sharing apply: who may
#   invite (allowInvitesFrom), the invitation domain lists, the address, cross-tenant access. Each
#   refusal they would give refuses the share; each of their warnings is passed on. The rule judges the
#   share as with the integration on, Microsoft's setting for tenants since 2023; with it off, SharePoint
#   would send its own invitation, and Entra's lists still apply when the guest account is created.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/sharepoint-azureb2b-integration
#     description: SharePoint and OneDrive integration with Microsoft Entra B2B
# custom:
#   id: PLT-SITE-06
#   effect: refuse
#   area: share-site
package shareguard.platform.share_site.guest_invite

import data.shareguard.platform.helpers as plt
import data.shareguard.platform.invite.address
import data.shareguard.platform.invite.cross_tenant
import data.shareguard.platform.invite.domain
import data.shareguard.platform.invite.inviter
import data.shareguard.platform.share_site.common

_invite_verdicts := {v |
	some verdicts in [inviter.verdicts, domain.verdicts, address.verdicts, cross_tenant.verdicts]
	some v in verdicts
}

_judged := verdicts if {
	verdicts := _invite_verdicts with input.change as common.invite_change
}

# METADATA
# title: Entra refuses the guest account
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Sharing %s with %s needs a new guest account, which Entra would refuse (%s): %s",
	[common.item_label, plt.change.recipientEmail, v.id, v.message],
)) if {
	common.invite_change
	some v in _judged
	v.effect == "refuse"
}

# METADATA
# title: Entra's rules could not tell
verdicts contains {
	"id": "PLT-SITE-06",
	"effect": "warn",
	"message": sprintf("Sharing %s with %s needs a new guest account (%s): %s", [common.item_label, plt.change.recipientEmail, v.id, v.message]),
} if {
	common.invite_change
	some v in _judged
	v.effect == "warn"
}
