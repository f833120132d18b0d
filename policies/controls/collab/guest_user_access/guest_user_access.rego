# METADATA
# title: Guests have the same directory access as members
# description: |
#   Entra ID's guest user access level decides how much of the directory a guest can read. At "same as
#   member users", every guest can enumerate users, groups and their memberships like an employee, which
#   hands an outsider a map of the organisation. "Limited" is the default; "restricted" is stricter still.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure
#     description: Configure external collaboration settings
# custom:
#   id: SG-COLLAB-01
#   severity: high
#   area: collab
#   sections: [externalCollaboration]
#   shards: [tenant]
#   remediation: |
#     In the Entra admin center, External Identities > External collaboration settings, set "Guest user
#     access" to "Guest users have limited access" or, better, "Guest user access is restricted".
#   references: [CIS M365 5.1.6.2, SCuBA MS.AAD.8.1]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.guest_user_access

import data.shareguard.lib

# METADATA
# title: Guest access equals member access
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "Guest user access is \"sameAsMember\": every guest can read the directory as an employee can.",
	"path": "externalCollaboration.guestUserAccess",
}) if {
	lib.collab.guestUserAccess == "sameAsMember"
}

# METADATA
# title: Setting not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.guestUserAccess",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "guestUserAccess"])
}
