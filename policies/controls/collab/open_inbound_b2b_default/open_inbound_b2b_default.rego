# METADATA
# title: Inbound B2B collaboration is open to every organisation
# description: |
#   Cross-tenant access settings decide which Microsoft Entra organisations may collaborate with the
#   tenant. When the default inbound B2B collaboration setting is "allowed", no partner organisation is
#   configured and invitations are not limited to an allow list of domains, users from any other tenant
#   can be brought in as guests, and nothing in the configuration says who the intended partners are.
#   A partner entry or an invitation domain allow list scopes collaboration and clears this control.
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
#   remediation: |
#     In the Entra admin center, External Identities > Cross-tenant access settings, add the organisations
#     you work with under "Organizational settings" and set the default inbound B2B collaboration to
#     blocked (or limit it to selected users and applications); alternatively, restrict invitations to an
#     allow list of partner domains under External collaboration settings > Collaboration restrictions.
#   references: [SCuBA MS.AAD.8.3]
package shareguard.controls.collab.open_inbound_b2b_default

import data.shareguard.lib

_inbound_path := ["externalCollaboration", "crossTenantAccess", "default", "b2bCollaborationInbound"]

_partners_path := ["externalCollaboration", "crossTenantAccess", "partners"]

_mode_path := ["externalCollaboration", "invitationDomains", "mode"]

# Any one of these settles the control as passing, whatever the other settings are.
_cleared if object.get(data.tenant, _inbound_path, null) == "blocked"

_cleared if {
	partners := object.get(data.tenant, _partners_path, null)
	is_array(partners)
	count(partners) > 0
}

_cleared if object.get(data.tenant, _mode_path, null) == "allowList"

# METADATA
# title: Open inbound default, no partner, no allow list
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": sprintf(
		"Default inbound B2B collaboration is \"allowed\", no partner organisation is configured and invitation domains are not an allow list (mode \"%s\"): users from any tenant can be invited.",
		[mode],
	),
	"path": "externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound",
}) if {
	object.get(data.tenant, _inbound_path, null) == "allowed"
	partners := object.get(data.tenant, _partners_path, null)
	is_array(partners)
	count(partners) == 0
	mode := object.get(data.tenant, _mode_path, null)
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
	some path in [_inbound_path, _partners_path, _mode_path]
	not lib.setting_known(path)
}
