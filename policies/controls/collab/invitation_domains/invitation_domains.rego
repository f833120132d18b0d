# METADATA
# title: Invitations may go to any domain
# description: |
#   Entra ID can limit B2B invitations to an allow list of partner domains, or only refuse a block list.
#   Without an allow list, anyone allowed to invite can bring in an account from any organisation or any
#   personal email provider; a block list only stops the domains someone thought of in advance.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/allow-deny-list
#     description: Allow or block invitations to B2B users from specific organizations
# custom:
#   id: SG-COLLAB-03
#   severity: medium
#   area: collab
#   sections: [externalCollaboration]
#   shards: [tenant]
#   remediation: |
#     Under External collaboration settings > Collaboration restrictions, choose "Allow invitations only to
#     the specified domains" and list the partner domains you work with.
#   references: [CIS M365 5.1.6.1, SCuBA MS.AAD.8.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.invitation_domains

import data.shareguard.lib

_describe("blockList", domains) := sprintf(
	"only %d blocked domain(s) are refused; invitations may go to any other domain",
	[count(domains)],
)

_describe("none", _) := "no domain restriction is set; invitations may go to any domain"

# METADATA
# title: No invitation allow list
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": sprintf("invitationDomains.mode is \"%s\": %s.", [mode, _describe(mode, domains)]),
	"path": "externalCollaboration.invitationDomains",
}) if {
	mode := lib.collab.invitationDomains.mode
	mode != "allowList"
	domains := object.get(lib.collab.invitationDomains, "domains", [])
}

# METADATA
# title: Setting not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.invitationDomains",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "invitationDomains", "mode"])
}
