# METADATA
# title: Run-only users on a flow that is not instant
# description: |
#   Power Automate offers run-only sharing only for instant flows, those a person starts (a button, a
#   selected item). A scheduled or automated flow that still lists run-only users was shared while it had
#   a manual trigger, or the export is inconsistent. The share is forgotten access: it comes back into
#   force if the trigger is switched back, and it hides who the flow was really meant for.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (run-only permissions are for instant flows)
# custom:
#   id: SG-FLOW-06
#   severity: low
#   area: flow
#   sections: [flows]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName]}
#   remediation: |
#     On the flow's details page, under Run only users, select Edit and remove the users and groups listed.
#     If the run-only users cannot be removed in the portal, list and remove them with the Power Automate
#     Management connector or the Power Apps administration PowerShell module, and re-check the export.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.run_only_not_instant

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# METADATA
# title: Run-only users on a non-instant flow
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("flow", flow),
	"message": sprintf(
		"Flow \"%s\" has trigger kind \"%s\" but lists run-only users (%s): run-only sharing exists only for instant flows, so this is a leftover share or an inconsistent export.",
		[flow.displayName, kind, concat(", ", sort({flowlib.entry_label(e) | some e in entries}))],
	),
}) if {
	some flow in lib.flows_in_scope
	entries := flowlib.run_only(flow)
	count(entries) > 0
	kind := flow.trigger.kind
	kind != "instant"
}

# METADATA
# title: Sections or trigger missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].trigger.kind",
	sprintf(
		"%d flow(s) with run-only users do not say what triggers them: %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		count(flowlib.run_only(flow)) > 0
		not _kind_known(flow)
	}
	count(names) > 0
}

_kind_known(flow) if is_string(flow.trigger.kind)
