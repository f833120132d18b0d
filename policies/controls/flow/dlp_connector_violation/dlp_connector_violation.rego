# METADATA
# title: Flow uses connectors its environment's DLP policies forbid
# description: |
#   A DLP policy sorts connectors into Business, Non-business and Blocked: a flow may not use a blocked
#   connector, nor combine Business with Non-business ones. Every policy in force for the environment
#   applies on its own, so a flow must satisfy each of them; a connector a policy does not list falls into
#   its default group. A flow that breaks a policy is suspended or will fail, and it shows a maker trying
#   to move data between business and personal services. The connectors counted are those of the
#   connections the flow uses and its trigger's; a connection whose use the export does not give counts,
#   and the finding says its use could not be confirmed.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/wp-data-loss-prevention
#     description: Data policies (DLP) in Power Platform
#   - ref: https://learn.microsoft.com/power-platform/admin/dlp-connector-classification
#     description: Connector classification in data policies
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (best practice, enforce DLP policies)
# custom:
#   id: SG-FLOW-10
#   severity: high
#   area: flow
#   sections: [flows, environments, dlpPolicies]
#   shards: [flows]
#   remediation: |
#     Redesign the flow so that it only combines connectors of one group, or remove the blocked connector;
#     if the combination is legitimate, have the DLP policy owner reclassify the connector in the Power
#     Platform admin center (Security > Data and privacy > Data policy). Turn off the flow until it
#     complies, and review what it may already have sent.
#   references: [CISA SCuBA MS.POWERPLATFORM.2]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.dlp_connector_violation

import data.shareguard.lib
import data.shareguard.lib.dlp
import data.shareguard.lib.flow as flowlib

# Each connector's class under one policy, worked out once per (flow, policy) and passed down.
_classified(policy, connectors) := {c: dlp.classification(policy, c) | some c in connectors}

_of_class(classes, class) := {c | some c, cls in classes; cls == class}

_blocked_reason(classes) := [sprintf("blocks %s", [concat(", ", sort(blocked))])] if {
	blocked := _of_class(classes, "blocked")
	count(blocked) > 0
}

_blocked_reason(classes) := [] if count(_of_class(classes, "blocked")) == 0

_mix_reason(classes) := [sprintf(
	"mixes business %s with non-business %s",
	[concat(", ", sort(business)), concat(", ", sort(non_business))],
)] if {
	business := _of_class(classes, "business")
	non_business := _of_class(classes, "nonBusiness")
	count(business) > 0
	count(non_business) > 0
}

_mix_reason(classes) := [] if {
	some class in ["business", "nonBusiness"]
	count(_of_class(classes, class)) == 0
}

# One text per policy in force that the flow breaks.
_breaches(flow) := [sprintf("under \"%s\" it %s", [policy.displayName, concat(" and ", reasons)]) |
	connectors := flowlib.connectors(flow)
	some policy in dlp.policies_for(flow.environmentId)
	classes := _classified(policy, connectors)
	reasons := array.concat(_blocked_reason(classes), _mix_reason(classes))
	count(reasons) > 0
]

# The connectors a breach names: the blocked ones, and both sides of a business / non-business mix.
_named(classes) := _of_class(classes, "blocked") | _mixed(classes)

_mixed(classes) := _of_class(classes, "business") | _of_class(classes, "nonBusiness") if count(_mix_reason(classes)) > 0

_mixed(classes) := set() if count(_mix_reason(classes)) == 0

# Connectors named in a breach that the flow counts only through connections whose use is not confirmed.
# Classifying again is paid only by a flow that has such a connection: doing it for every breaking flow
# made this control take 1.7 times as long on the 100,000-user bench tenant (1.7 s to 2.9 s).
_unconfirmed(flow) := {c |
	connectors := flowlib.connectors(flow)
	some policy in dlp.policies_for(flow.environmentId)
	some c in _named(_classified(policy, connectors))
} & flowlib.unconfirmed_connectors(flow) if {
	_any_unconfirmed(flow)
}

_unconfirmed(flow) := set() if not _any_unconfirmed(flow)

_any_unconfirmed(flow) if {
	some c in flow.connectionReferences
	flowlib.unconfirmed(c)
}

# The environments where a DLP policy in force has connector groups that were not collected: worked out once,
# not once per flow.
_undetermined := {environment_id |
	lib.not_collected("dlpPolicies[].connectorGroups")
	some environment_id, _ in lib.environments
	count(dlp.undetermined_policies(environment_id)) > 0
}

_state(flow) := sprintf(" (%s)", [flow.state]) if is_string(flow.state)

_state(flow) := "" if not _has_state(flow)

_has_state(flow) if is_string(flow.state)

# METADATA
# title: Connector use breaking a DLP policy in force
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("flow", flow),
	"message": sprintf(
		"Flow \"%s\"%s in environment %s breaks the DLP policies in force: %s.%s",
		[
			flow.displayName, _state(flow), flowlib.environment_label(flow.environmentId),
			concat("; ", sort(breaches)), flowlib.unconfirmed_note(_unconfirmed(flow)),
		],
	),
}) if {
	some flow in lib.flows_in_scope
	not _undetermined[flow.environmentId]
	breaches := _breaches(flow)
	count(breaches) > 0
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

# METADATA
# title: Connector groups not collected
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"dlpPolicies[].connectorGroups",
	sprintf("the connector groups of DLP policies in force (%s) are not in the export: %d flow(s) in their environments not judged", [concat(", ", sort(names)), count(flows)]),
) if {
	flows := {flow.id | some flow in lib.flows_in_scope; _undetermined[flow.environmentId]}
	count(flows) > 0
	names := {name | some environment_id in _undetermined; some name in dlp.undetermined_policies(environment_id)}
}
