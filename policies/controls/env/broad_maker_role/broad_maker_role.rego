# METADATA
# title: Environment Maker granted too broadly in a Production environment
# description: |
#   Environment Maker lets a user create, import and share apps, flows and connections in an environment.
#   In Production it should be kept to the people who really build there; everyone else should run what
#   makers share as a Basic User. A large group holding the role, or makers (direct or through groups)
#   forming a large share of the tenant's enabled users, means the role is used as a default rather than
#   granted, and every one of those users can build and share automations over production data.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (use security roles to segment duties)
#   - ref: https://learn.microsoft.com/power-platform/admin/database-security
#     description: Security roles and privileges
# custom:
#   id: SG-ENV-04
#   severity: medium
#   area: env
#   sections: [environments, users]
#   shards: [tenant]
#   params:
#     maxMakerGroupSize: 100
#     maxMakerShare: 0.2
#   paramSchema:
#     maxMakerGroupSize: {type: integer, minimum: 1}
#     maxMakerShare: {type: number, minimum: 0, maximum: 1}
#   remediation: |
#     In the Power Platform admin center, open the environment > Settings > Users + permissions, remove
#     Environment Maker from broad groups and from users who only run apps and flows (give them Basic
#     User), and grant Environment Maker through one dedicated, reviewed makers group.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.env.broad_maker_role

import data.shareguard.lib

_role := "EnvironmentMaker"

_production(environment) if environment.type == "Production"

_group_size(group) := group.memberCount if is_number(group.memberCount)

_group_size(group) := count(object.get(group, "transitiveMembers", [])) if not _has_member_count(group)

_has_member_count(group) if is_number(group.memberCount)

# Counted by the normaliser (users whose accountEnabled is not false, the lib.enabled rule): reading
# every user here would make each simulated change cost a pass over the tenant.
_enabled_count := lib.users_not_disabled_count

# METADATA
# title: Maker role granted to a large group
findings contains lib.finding(chain, {
	"resource": lib.resource("environment", environment),
	"principal": lib.principal(group.id),
	"message": sprintf(
		"EnvironmentMaker in Production environment \"%s\" is granted to %s, which has %d members (limit %d).",
		[environment.displayName, lib.label(group.id), size, limit],
	),
}) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "maxMakerGroupSize")
	some environment in lib.environments_in_scope
	_production(environment)
	some assignment in environment.roleAssignments
	assignment.role == _role
	assignment.principalType == "Group"
	group := lib.groups[assignment.principalId]
	size := _group_size(group)
	size > limit
}

# METADATA
# title: Too many makers in a Production environment
findings contains lib.finding(chain, {
	"resource": lib.resource("environment", environment),
	"message": sprintf(
		"%d of the tenant's %d enabled users (%d%%) hold EnvironmentMaker in Production environment \"%s\", directly or through groups (limit %d%%).",
		[count(makers), total, round((count(makers) * 100) / total), environment.displayName, round(share * 100)],
	),
}) if {
	chain := rego.metadata.chain()
	share := lib.param(chain, "maxMakerShare")
	some environment in lib.environments_in_count_scope
	_production(environment)
	makers := {holder.id |
		some holder in lib.role_holders(environment, _role)
		lib.enabled(lib.users[holder.id])
	}
	count(makers) > 0

	total := _enabled_count
	total > 0
	count(makers) > share * total
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: EnvironmentMaker granted to groups not checked or counted",
) if {
	not lib.has_section("groups")
	some environment in lib.environments
	_production(environment)
	some assignment in environment.roleAssignments
	assignment.role == _role
	assignment.principalType == "Group"
}
