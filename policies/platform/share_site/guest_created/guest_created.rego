# METADATA
# title: A share with a new outside address creates a guest account
# description: |
#   When SharePoint shares with an address that has no account (through its Entra B2B integration), Entra
#   creates a guest for it at once, exactly as an invitation from the person sharing would (PLT-INVITE-05:
#   pending acceptance, the sharer as sponsor). The guest then has the access the share grants. A share
#   another rule refuses creates nothing.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/sharepoint-azureb2b-integration
#     description: SharePoint and OneDrive integration with Microsoft Entra B2B
# custom:
#   id: PLT-SITE-07
#   effect: effect
#   area: share-site
package shareguard.platform.share_site.guest_created

import data.shareguard.lib
import data.shareguard.platform.helpers as plt
import data.shareguard.platform.invite.created
import data.shareguard.platform.share_site.common
import data.shareguard.platform.share_site.refusals

_created := effects if {
	effects := created.effects with input.change as common.invite_change
}

# METADATA
# title: What the share creates
# description: The new guest (without an id; TypeScript assigns the one resolution gave it).
effects := {"user": _created.user} if {
	common.invite_change
	refusals.accepted
}

# METADATA
# title: Guest account created
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Sharing %s creates guest %s for %s through SharePoint's Entra B2B integration, pending acceptance, sponsored by %s.",
	[common.item_label, _created.user.userPrincipalName, plt.change.recipientEmail, lib.label(plt.change.actor)],
)) if {
	common.invite_change
	refusals.accepted
}
