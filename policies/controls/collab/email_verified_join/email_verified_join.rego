# METADATA
# title: Email-verified users can join the organisation
# description: |
#   allowEmailVerifiedUsersToJoinOrganization lets anyone who proves they own a mailbox in a domain that
#   has no Entra tenant of its own sign themselves up (viral, or "email verified", self-service sign-up)
#   and become a user of the directory without an administrator or an invitation. Accounts should only
#   appear in the directory through a controlled process.
# related_resources:
#   - ref: https://learn.microsoft.com/graph/api/resources/authorizationpolicy
#     description: authorizationPolicy resource (allowEmailVerifiedUsersToJoinOrganization)
#   - ref: https://learn.microsoft.com/entra/identity/users/directory-self-service-signup
#     description: What is self-service sign-up for Microsoft Entra ID
# custom:
#   id: SG-COLLAB-05
#   severity: medium
#   area: collab
#   sections: [externalCollaboration]
#   shards: [tenant]
#   remediation: |
#     Turn it off with Microsoft Graph PowerShell:
#     Update-MgPolicyAuthorizationPolicy -AllowEmailVerifiedUsersToJoinOrganization:$false
#     (or PATCH /policies/authorizationPolicy with allowEmailVerifiedUsersToJoinOrganization false), then
#     review users whose creationType is SelfServiceSignUp.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.email_verified_join

import data.shareguard.lib

# METADATA
# title: Email-verified join allowed
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "allowEmailVerifiedUsersToJoinOrganization is true: anyone who verifies an email address can sign up and join the directory without an invitation.",
	"path": "externalCollaboration.allowEmailVerifiedUsersToJoinOrganization",
}) if {
	lib.collab.allowEmailVerifiedUsersToJoinOrganization == true
}

# METADATA
# title: Setting not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.allowEmailVerifiedUsersToJoinOrganization",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "allowEmailVerifiedUsersToJoinOrganization"])
}
