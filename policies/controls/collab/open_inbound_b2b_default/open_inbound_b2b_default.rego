# METADATA
# title: Inbound B2B collaboration is open to every organisation
# description: |
#   Cross-tenant access settings decide which Microsoft Entra organisations may collaborate with the
#   tenant. The default settings "apply to all Microsoft Entra organizations external to your tenant,
#   except those for which you've configured organizational settings" (Microsoft): when the default
#   inbound B2B collaboration is "allowed" and invitations are not limited to an allow list of domains,
#   users from every organisation without a partner entry can be brought in as guests. Partner entries
#   do not change that (an entry that blocks one organisation leaves all the others open): they are
#   named in the finding as context. Blocking the default, or an invitation domain allow list (see
#   SG-COLLAB-03), clears this control.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/cross-tenant-access-overview
#     description: Cross-tenant access overview
#   - ref: https://learn.microsoft.com/entra/external-id/cross-tenant-access-settings-b2b-collaboration
#     description: Configure cross-tenant access settings for B2B collaboration
#   - ref: https://learn.microsoft.com/entra/external-id/allow-deny-list
#     description: Allow or block invitations to B2B users from specific organisations
# custom:
#   id: SG-COLLAB-06
#   severity: low
#   area: collab
#   sections: [externalCollaboration]
#   shards: [tenant]
#   remediation: |
#     In the Entra admin center, External Identities > Cross-tenant access settings, add the organisations
#     you work with under "Organizational settings" and set the default inbound B2B collaboration to
#     blocked (or limit it to selected users and applications); alternatively, restrict invitations to an
#     allow list of partner domains under External collaboration settings > Collaboration restrictions.
#   references: [SCuBA MS.AAD.8.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.open_inbound_b2b_default

import data.shareguard.lib

_inbound_path := ["externalCollaboration", "crossTenantAccess", "default", "b2bCollaborationInbound"]

_partners_path := ["externalCollaboration", "crossTenantAccess", "partners"]

_mode_path := ["externalCollaboration", "invitationDomains", "mode"]

# Either one settles the control as passing, whatever the other setting is.
_cleared if lib.setting(_inbound_path) == "blocked"

_cleared if lib.setting(_mode_path) == "allowList"

# The partner entries, as context for the finding: their own inbound setting (null: inherits the default).
_partner_label(partner) := sprintf("%s (inbound %s)", [object.get(partner, "displayName", partner.tenantId), _inbound_of(partner)])

_inbound_of(partner) := setting if {
	setting := object.get(partner, "b2bCollaborationInbound", null)
	is_string(setting)
}

_inbound_of(partner) := "inherited" if not is_string(object.get(partner, "b2bCollaborationInbound", null))

_partners_note := "no partner organisation is configured" if {
	partners := lib.setting(_partners_path)
	is_array(partners)
	count(partners) == 0
}

_partners_note := sprintf("partner entries (%d, each governed by its own settings): %s%s", [
	count(partners),
	concat(", ", array.slice(sort([_partner_label(p) | some p in partners]), 0, 5)),
	_more(count(partners)),
]) if {
	partners := lib.setting(_partners_path)
	is_array(partners)
	count(partners) > 0
}

_partners_note := "partner entries not exported" if not is_array(lib.setting(_partners_path))

_more(n) := sprintf(", and %d more", [n - 5]) if n > 5

_more(n) := "" if n <= 5

# METADATA
# title: Open inbound default, no allow list
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": sprintf(
		"Default inbound B2B collaboration is \"allowed\" and invitation domains are not an allow list (mode \"%s\"): users from every organisation without a partner entry can be invited; %s.",
		[mode, _partners_note],
	),
	"path": "externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound",
}) if {
	lib.setting(_inbound_path) == "allowed"
	mode := lib.setting(_mode_path)
	is_string(mode)
	mode != "allowList"
}

# METADATA
# title: Settings not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

# A missing setting is reported only while the settings that are known leave the outcome open.
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	concat(".", path),
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not _cleared
	some path in [_inbound_path, _mode_path]
	not lib.setting_known(path)
}
