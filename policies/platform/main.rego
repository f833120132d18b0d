# METADATA
# title: shareguard platform-rule entrypoint
# description: |
#   Judges one proposed change (input.change) against what Entra ID, Power Automate, SharePoint and Teams themselves allow:
#   every platform rule's verdicts, whether the change goes through (no rule refuses), and the effects
#   Rego computes for it (the account an invitation creates, the patch a redemption applies). Each rule
#   package is listed by name: iterating data.shareguard.platform with variables evaluates badly in WASM.
package shareguard.platform.main

import data.shareguard.platform.group.guest_member
import data.shareguard.platform.invite.address
import data.shareguard.platform.invite.created
import data.shareguard.platform.invite.cross_tenant
import data.shareguard.platform.invite.domain
import data.shareguard.platform.invite.existing
import data.shareguard.platform.invite.inviter
import data.shareguard.platform.invite.redeemed
import data.shareguard.platform.license.guest_flow_licence
import data.shareguard.platform.maker.guests_make_off
import data.shareguard.platform.maker.sovereign_cloud
import data.shareguard.platform.share.creator_removal
import data.shareguard.platform.share.embedded_connections
import data.shareguard.platform.share.external_copy
import data.shareguard.platform.share.owner_rights
import data.shareguard.platform.share.run_only_instant
import data.shareguard.platform.share.sharepoint_list_owner
import data.shareguard.platform.share_site.access
import data.shareguard.platform.share_site.anyone_permission
import data.shareguard.platform.share_site.guest_created
import data.shareguard.platform.share_site.guest_invite
import data.shareguard.platform.share_site.sharing_domain
import data.shareguard.platform.share_site.sharing_groups
import data.shareguard.platform.share_site.site_capability
import data.shareguard.platform.share_site.tenant_capability
import data.shareguard.platform.teams.guest_access

_verdicts := {v |
	some verdicts in [
		inviter.verdicts, domain.verdicts, address.verdicts, cross_tenant.verdicts, created.verdicts,
		redeemed.verdicts, existing.verdicts, guest_member.verdicts, owner_rights.verdicts, creator_removal.verdicts,
		run_only_instant.verdicts, sharepoint_list_owner.verdicts, embedded_connections.verdicts,
		external_copy.verdicts, guests_make_off.verdicts, sovereign_cloud.verdicts, guest_flow_licence.verdicts,
		tenant_capability.verdicts, site_capability.verdicts, anyone_permission.verdicts, sharing_domain.verdicts,
		sharing_groups.verdicts, guest_invite.verdicts, guest_created.verdicts, access.verdicts, guest_access.verdicts,
	]
	some v in verdicts
}

default _allowed := true

_allowed := false if {
	some v in _verdicts
	v.effect == "refuse"
}

_change_effects := created.effects if {
	created.effects
} else := redeemed.effects if {
	redeemed.effects
} else := guest_created.effects if {
	guest_created.effects
} else := {}

# A share-site adds what it does to the site (the link, whether the recipient is external) to the guest
# it may create.
_site_effects := access.effects if {
	access.effects
} else := {}

_effects := object.union(_change_effects, _site_effects)

# METADATA
# title: Platform result
# description: |
#   rules: every verdict ({id, effect: refuse | warn | effect, message}); allowed: no verdict refuses;
#   effects: what Rego computes the change does ({} when TypeScript applies the change itself, or when
#   an invitation is refused): user and groups for an invitation or redemption (and a share that creates
#   a guest), link and externalUser for a share-site.
# entrypoint: true
result := {
	"rules": [v | some v in _verdicts],
	"allowed": _allowed,
	"effects": _effects,
}
