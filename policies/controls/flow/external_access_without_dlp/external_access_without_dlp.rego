# METADATA
# title: Flow shared with external people in an environment without DLP
# description: |
#   DLP policies do not stop sharing, but they limit what a shared flow can do: which connectors it may
#   use and which may be combined. A flow that an external person co-owns (and can edit) or runs, in an
#   environment no DLP policy covers, can be made to send its data to any service, including HTTP
#   endpoints and personal or social connectors. Owners and run-only users through groups count.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (best practice, enforce DLP policies)
#   - ref: https://learn.microsoft.com/power-platform/admin/wp-data-loss-prevention
#     description: Data policies (DLP) in Power Platform
# custom:
#   id: SG-FLOW-09
#   severity: high
#   area: flow
#   sections: [flows, users, environments, dlpPolicies]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, userType, identities, upnDomain, mailDomain]}
#   remediation: |
#     In the Power Platform admin center, under Security > Data and privacy > Data policy, create a policy
#     that covers the environment (or remove it from the exceptions of a tenant-wide one), classifying the
#     connectors the flow needs as Business and blocking HTTP, custom and personal connectors. Remove the
#     external owners or run-only users who do not need access.
#   references: [CISA SCuBA MS.POWERPLATFORM.2]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.external_access_without_dlp

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

_who(routes, _) := "" if count(routes) == 0

_who(routes, role) := sprintf("%s %s", [role, concat(", ", flowlib.describe_routes(routes))]) if count(routes) > 0

# METADATA
# title: External access with no DLP policy in force
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"message": sprintf(
		"Flow \"%s\" is in environment %s, which no DLP policy covers, and is shared outside the organisation (%s): nothing limits which connectors can be used to move its data.",
		[
			flow.displayName, flowlib.environment_label(flow.environmentId),
			concat("; ", [text |
				some text in [_who(owners, "external owners:"), _who(runners, "external run-only users:")]
				text != ""
			]),
		],
	),
}) if {
	chain := rego.metadata.chain()

	# Without environments a tenant-wide policy covers nothing; without users nobody looks external.
	count(lib.missing_sections(chain)) == 0
	some flow in lib.flows_in_scope
	count(lib.dlp_policies_for(flow.environmentId)) == 0
	owners := flowlib.external_routes(flowlib.owners(flow))
	runners := flowlib.external_routes(flowlib.run_only(flow))
	count(owners) + count(runners) > 0
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: external owners and run-only users through groups not checked",
) if {
	some flow in lib.flows
	entries := flowlib.owners(flow) | flowlib.run_only(flow)
	flowlib.unexpanded_groups(entries)
}
