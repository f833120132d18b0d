# METADATA
# title: Guest self-service sign-up is enabled
# description: |
#   With self-service sign-up turned on in the external collaboration settings, a person outside the
#   organisation can create their own guest account through an app's sign-up user flow, with nobody
#   inside sending an invitation or sponsoring them. Guest accounts should come from invitations that
#   someone in the organisation chose to send and answers for.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure
#     description: Configure external collaboration settings
#   - ref: https://learn.microsoft.com/entra/external-id/self-service-sign-up-overview
#     description: Self-service sign-up for guest users
# custom:
#   id: SG-COLLAB-04
#   severity: medium
#   area: collab
#   sections: [externalCollaboration]
#   shards: [tenant]
#   remediation: |
#     In the Entra admin center, External Identities > External collaboration settings, set "Enable guest
#     self-service sign up via user flows" to No (or, with Microsoft Graph, set
#     authenticationFlowsPolicy selfServiceSignUp.isEnabled to false), and remove the sign-up user flows
#     from apps that do not need them.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.guest_self_service_sign_up

import data.shareguard.lib

# METADATA
# title: Self-service sign-up on
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "Guest self-service sign-up is enabled: outsiders can create their own guest accounts through a sign-up user flow, without an invitation.",
	"path": "externalCollaboration.guestSelfServiceSignUp",
}) if {
	lib.collab.guestSelfServiceSignUp == true
}

# METADATA
# title: Setting not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.guestSelfServiceSignUp",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "guestSelfServiceSignUp"])
}
