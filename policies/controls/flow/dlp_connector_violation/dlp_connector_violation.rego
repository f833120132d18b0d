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
#   reads: {users: []}
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

# Each flow's connectors are classified once per policy in force, and everything the finding needs (the
# breach text, the connectors it names) is read from that one verdict: the classes used to be worked out
# again for every reason, every clause and the unconfirmed note, and SG-FLOW-10 took 1.3 s to 2.0 s of
# the 100,000-user bench scan (20,000 flows). Texts are joined with concat, native in WebAssembly,
# instead of sprintf, which crosses into JavaScript for every call.
_grouped(policy, connectors) := {class: {c | some c, cls in classified; cls == class} |
	classified := {c: dlp.classification(policy, c) | some c in connectors}
	some class in ["blocked", "business", "nonBusiness"]
}

_blocked_reason(groups) := [concat("", ["blocks ", concat(", ", sort(groups.blocked))])] if count(groups.blocked) > 0

_blocked_reason(groups) := [] if count(groups.blocked) == 0

_mixes(groups) if {
	count(groups.business) > 0
	count(groups.nonBusiness) > 0
}

_mix_reason(groups) := [concat("", [
	"mixes business ", concat(", ", sort(groups.business)),
	" with non-business ", concat(", ", sort(groups.nonBusiness)),
])] if {
	_mixes(groups)
}

_mix_reason(groups) := [] if not _mixes(groups)

# The connectors a breach names: the blocked ones, and both sides of a business / non-business mix.
_named(groups) := (groups.blocked | groups.business) | groups.nonBusiness if _mixes(groups)

_named(groups) := groups.blocked if not _mixes(groups)

# One verdict per policy in force that the flow breaks: its text and the connectors it names.
_breaches(flow) := [{"text": concat("", ["under \"", lib.text(policy.displayName), "\" it ", concat(" and ", reasons)]), "named": _named(groups)} |
	connectors := flowlib.connectors(flow)
	some policy in dlp.policies_for(flow.environmentId)
	groups := _grouped(policy, connectors)
	reasons := array.concat(_blocked_reason(groups), _mix_reason(groups))
	count(reasons) > 0
]

# Connectors named in a breach that the flow counts only through connections whose use is not confirmed.
_unconfirmed(flow, breaches) := {c | some breach in breaches; some c in breach.named} & flowlib.unconfirmed_connectors(flow) if {
	_any_unconfirmed(flow)
}

_unconfirmed(flow, _) := set() if not _any_unconfirmed(flow)

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

_state(flow) := concat("", [" (", flow.state, ")"]) if is_string(flow.state)

_state(flow) := "" if not _has_state(flow)

_has_state(flow) if is_string(flow.state)

# METADATA
# title: Connector use breaking a DLP policy in force
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("flow", flow),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\"", _state(flow), " in environment ", flowlib.environment_label(flow.environmentId),
		" breaks the DLP policies in force: ", concat("; ", sort([breach.text | some breach in breaches])), ".",
		flowlib.unconfirmed_note(_unconfirmed(flow, breaches)),
	]),
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
