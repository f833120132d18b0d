# METADATA
# title: Guest holds a maker or admin role in an environment
# description: |
#   In a Power Platform environment, Environment Maker lets a user create and share apps, flows and
#   connections, and Environment Admin or System Administrator lets them manage the environment itself.
#   A guest with one of these roles (granted directly or through a group) can build automations that
#   move the environment's data wherever they like, and share them further.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/invite-users-azure-active-directory-b2b-collaboration
#     description: Invite users with Microsoft Entra B2B collaboration
#   - ref: https://learn.microsoft.com/power-platform/admin/database-security
#     description: Security roles and privileges
# custom:
#   id: SG-ENV-01
#   severity: high
#   area: env
#   sections: [environments, users]
#   shards: [tenant]
#   remediation: |
#     Remove the role assignment (or the guest from the group holding it). Give guests who only run flows
#     or apps the Basic User role, and let internal makers own what guests use.
#   references: [CISA SCuBA MS.POWERPLATFORM.1]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.env.guest_privileged_role

import data.shareguard.lib

_privileged := {"EnvironmentMaker", "EnvironmentAdmin", "SystemAdministrator"}

# {environment, user (a guest), role, via (the group it came through or "")}
_grants contains {"environment": env_id, "user": route.id, "role": assignment.role, "via": route.via} if {
	some env_id, env in lib.environments_in_scope
	some assignment in env.roleAssignments
	assignment.role in _privileged
	some route in lib.principal_routes(assignment.principalId, assignment.principalType)
	lib.is_guest(lib.users[route.id])
}

_grant_text(role, "") := role

_grant_text(role, via) := sprintf("%s through %s", [role, lib.label(via)]) if via != ""

# METADATA
# title: Guest with a privileged environment role
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("environment", env),
	"principal": lib.principal(user_id),
	"message": sprintf(
		"Guest %s holds %s in environment \"%s\".",
		[lib.label(user_id), concat(", ", sort(grants)), env.displayName],
	),
}) if {
	some held in _grants
	env_id := held.environment
	user_id := held.user
	env := lib.environments[env_id]
	grants := {_grant_text(grant.role, grant.via) |
		some grant in _grants
		grant.environment == env_id
		grant.user == user_id
	}
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: roles granted to groups not expanded",
) if {
	not lib.has_section("groups")
	some env in lib.environments
	some assignment in env.roleAssignments
	assignment.principalType == "Group"
}
