# METADATA
# title: Environment covered by no DLP policy
# description: |
#   Data loss prevention (data) policies decide which connectors apps and flows may use, and which may be
#   combined. An environment that no policy covers (not in scope of an "all environments" policy,
#   excluded from an "all except" one, and not listed by any "only these" policy) puts no limit on
#   connectors: a flow there can move business data to any service, personal and social ones included.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/wp-data-loss-prevention
#     description: Data policies
#   - ref: https://learn.microsoft.com/power-platform/admin/prevent-data-loss
#     description: Manage data policies
# custom:
#   id: SG-DLP-01
#   severity: high
#   area: dlp
#   sections: [environments, dlpPolicies]
#   shards: [tenant]
#   remediation: |
#     In the Power Platform admin center, Policies > Data policies, bring the environment into scope: add
#     it to an "Add multiple environments" policy, remove it from the exclusions of an "all environments
#     except" policy, or create a policy for it. A tenant-wide baseline policy covering every environment
#     keeps new environments from starting uncovered.
#   references: [CISA SCuBA MS.POWERPLATFORM.2.1, CISA SCuBA MS.POWERPLATFORM.2.2]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.dlp.environment_not_covered

import data.shareguard.lib

# METADATA
# title: Environment without a DLP policy
findings contains lib.finding(chain, {
	"resource": lib.resource("environment", environment),
	"message": sprintf(
		"%s environment \"%s\" is covered by no DLP policy: apps and flows there may use and combine any connector.",
		[object.get(environment, "type", "The"), environment.displayName],
	),
}) if {
	chain := rego.metadata.chain()

	# Without the policies every environment would look uncovered.
	count(lib.missing_sections(chain)) == 0
	some environment_id, environment in lib.environments_in_scope
	count(lib.dlp_policies_for(environment_id)) == 0
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
