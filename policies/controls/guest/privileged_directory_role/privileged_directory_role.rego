# METADATA
# title: Guest holds a privileged directory role
# description: |
#   Directory roles such as Global Administrator, User Administrator or Guest Inviter act on the whole
#   tenant: managing users and their credentials, inviting more outsiders, changing security settings.
#   Held by a guest, that power sits with an account whose credentials, MFA and lifecycle are controlled
#   by another organisation (or a personal provider), outside the tenant's own protections and reviews.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
#     description: Microsoft Entra built-in roles
#   - ref: https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices
#     description: Best practices for Microsoft Entra roles
# custom:
#   id: SG-GUEST-04
#   severity: critical
#   area: guest
#   sections: [users]
#   params:
#     privilegedRoles:
#       - Global Administrator
#       - Privileged Role Administrator
#       - Privileged Authentication Administrator
#       - User Administrator
#       - Guest Inviter
#       - Security Administrator
#       - Exchange Administrator
#       - SharePoint Administrator
#       - Teams Administrator
#       - Application Administrator
#       - Cloud Application Administrator
#       - Helpdesk Administrator
#       - Authentication Administrator
#       - Conditional Access Administrator
#       - Intune Administrator
#       - Power Platform Administrator
#       - Dynamics 365 Administrator
#       - Billing Administrator
#   remediation: |
#     Remove the role from the guest (Entra admin center > Roles & admins > the role > Assignments, or
#     Remove-MgRoleManagementDirectoryRoleAssignment). If an outside administrator is really needed, give
#     them an account in this tenant, protected by its MFA and Conditional Access policies, and make the
#     role eligible through Privileged Identity Management rather than permanent.
#   references: [CIS M365 1.1.1, CISA SCuBA MS.AAD.7]
package shareguard.controls.guest.privileged_directory_role

import data.shareguard.lib

# Whether the export lists roles at all: without any directoryRoles field, no guest can be judged.
_roles_exported if data.tenant.index.userFields.directoryRoles

_held(user, privileged) := {role |
	some role in user.directoryRoles
	lower(role) in privileged
}

# METADATA
# title: Guest with a privileged role
findings contains lib.finding(chain, {
	"resource": lib.resource("user", user),
	"message": sprintf(
		"Guest %s holds the privileged directory role(s) %s.",
		[lib.label(id), concat(", ", sort(held))],
	),
}) if {
	chain := rego.metadata.chain()
	privileged := {lower(role) | some role in lib.param(chain, "privilegedRoles")}
	some id, user in lib.users_in_scope
	lib.is_guest(user)
	held := _held(user, privileged)
	count(held) > 0
}

# METADATA
# title: Sections or roles missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].directoryRoles",
	"no user in the export carries directoryRoles: directory role assignments were not collected",
) if {
	not _roles_exported
	some user in lib.users
	lib.is_guest(user)
}
