# METADATA
# title: Cross-tenant access blocks the invitee's organisation
# description: |
#   Entra cross-tenant access settings can block inbound B2B collaboration, by default or for one partner
#   organisation. The invitee's organisation is the partner whose tenant id is the invitee's home tenant
#   (when known) or whose domains cover the invitee's domain; a partner without its own inbound setting
#   (null) inherits the default. When the result is blocked, the invitee cannot collaborate with this
#   tenant. A partner entry saved without its inbound setting (the export says partners were not all
#   collected) is not known to inherit: the rule warns instead of judging it.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/cross-tenant-access-settings-b2b-collaboration
#     description: Configure cross-tenant access settings for B2B collaboration
# custom:
#   id: PLT-INVITE-04
#   effect: refuse
#   area: invite
package shareguard.platform.invite.cross_tenant

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_settings := object.get(lib.collab, "crossTenantAccess", {})

_partner_matches(partner) if {
	partner.tenantId == plt.change.homeTenantId
}

_partner_matches(partner) if {
	domain := plt.email_domain(plt.change.email)
	some listed in object.get(partner, "domains", [])
	plt.domain_matches(domain, listed)
}

_default := object.get(_settings, ["default", "b2bCollaborationInbound"], "allowed")

# A partner's own inbound setting, else (null: inherit) the default's.
_effective(partner) := setting if {
	setting := object.get(partner, "b2bCollaborationInbound", null)
	is_string(setting)
} else := _default

# Saved without the setting at all (a $select that left it out): not known, which is not "inherit".
_unknown(partner) if {
	not "b2bCollaborationInbound" in object.keys(partner)
	lib.not_collected("externalCollaboration.crossTenantAccess.partners")
}

_matching := [partner |
	some partner in object.get(_settings, "partners", [])
	_partner_matches(partner)
]

_name(partner) := object.get(partner, "displayName", partner.tenantId)

# The partner entries that apply to the invitee, and the inbound setting each one gives.
_partner_inbound := {{"name": _name(partner), "inbound": _effective(partner)} |
	some partner in _matching
	not _unknown(partner)
}

_unknown_partners := {_name(partner) | some partner in _matching; _unknown(partner)}

# METADATA
# title: Partner setting not collected
verdicts contains {
	"id": "PLT-INVITE-04",
	"effect": "warn",
	"message": sprintf(
		"Whether cross-tenant access lets %s in is not known: the partner entry for %s was exported without its inbound B2B collaboration setting.",
		[plt.change.email, concat(", ", sort(_unknown_partners))],
	),
} if {
	plt.action == "invite"
	count(_unknown_partners) > 0
}

# METADATA
# title: Blocked by a partner rule
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be invited: cross-tenant access for partner %s blocks inbound B2B collaboration.",
	[plt.change.email, name],
)) if {
	plt.action == "invite"
	some entry in _partner_inbound
	entry.inbound == "blocked"
	name := entry.name
}

# METADATA
# title: Blocked by the default
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be invited: the cross-tenant access default blocks inbound B2B collaboration and no partner rule allows %s.",
	[plt.change.email, plt.email_domain(plt.change.email)],
)) if {
	plt.action == "invite"
	count(_matching) == 0
	_default == "blocked"
}
