# METADATA
# title: Production environment open to every licensed user
# description: |
#   An environment without a security group admits every licensed user of the tenant. For the default
#   environment that is by design, but a dedicated Production environment usually holds one team's
#   business data and automations: with no security group, anyone (guests with a licence included) can
#   be added to its apps and flows, and nothing limits the people that makers can share with.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/control-user-access
#     description: Control user access to environments with security groups and licenses
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (best practices for segmenting duties)
# custom:
#   id: SG-ENV-03
#   severity: medium
#   area: env
#   sections: [environments]
#   shards: [tenant]
#   remediation: |
#     In the Power Platform admin center, open the environment > Edit, and under Security group select the
#     Microsoft Entra security group of the people who should use it (a dedicated group per environment),
#     then save. Users outside the group lose access to the environment's apps and flows.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.env.production_without_security_group

import data.shareguard.lib

_has_security_group(environment) if environment.securityGroupId != null

# METADATA
# title: Production environment without a security group
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("environment", environment),
	"message": sprintf(
		"Production environment \"%s\" has no security group: every licensed user in the tenant can access it.",
		[environment.displayName],
	),
}) if {
	some environment in lib.environments_in_scope
	environment.type == "Production"
	not _has_security_group(environment)
	not lib.not_collected(_field)
}

# Where the export says security groups were not collected (e.g. an environment listing saved by ConvertTo-Json
# too shallow to keep linkedEnvironmentMetadata), a missing group is not known to be missing.
_field := "environments[].securityGroupId"

_unknown contains environment.displayName if {
	lib.not_collected(_field)
	some environment in lib.environments_in_scope
	environment.type == "Production"
	not _has_security_group(environment)
}

# METADATA
# title: Security group not collected
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	_field,
	sprintf("the export does not say which security group guards %d Production environment(s), e.g. \"%s\"", [count(_unknown), min(_unknown)]),
) if {
	count(_unknown) > 0
}

# METADATA
# title: Section missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
