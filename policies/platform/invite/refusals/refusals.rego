# METADATA
# title: Refusals of an invitation
# description: |
#   The verdicts that refuse an invitation before any account is looked at or created: who invites, the
#   invitee's domain, the address, cross-tenant access. Only verdicts whose effect is refuse count: a
#   warning (a partner setting that was not collected) does not stop the invitation.
package shareguard.platform.invite.refusals

import data.shareguard.platform.invite.address
import data.shareguard.platform.invite.cross_tenant
import data.shareguard.platform.invite.domain
import data.shareguard.platform.invite.inviter

# METADATA
# title: Refusing verdicts
refusals := {v |
	some verdicts in [inviter.verdicts, domain.verdicts, address.verdicts, cross_tenant.verdicts]
	some v in verdicts
	v.effect == "refuse"
}
