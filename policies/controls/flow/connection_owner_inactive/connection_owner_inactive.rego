# METADATA
# title: Flow runs on a connection of a disabled or deleted user
# description: |
#   An embedded connection holds the credentials of the user who created it, and the flow's actions run
#   with them. When that account is disabled, or no longer exists, the actions that use the connection
#   fail, and the flow keeps depending on an identity the organisation has already let go. Only
#   connections the flow uses at run time with the owner's credentials count (not "Other connections",
#   nor connections provided by whoever runs the flow); one whose use the export does not give counts,
#   and the finding says its use could not be confirmed.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (FAQ, flows whose connections belong to a user who left)
# custom:
#   id: SG-FLOW-07
#   severity: medium
#   area: flow
#   sections: [flows, users]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, accountEnabled]}
#   remediation: |
#     Edit the flow and, in each step that uses the connection, select or create a connection of an active
#     owner or a service account (Modify a connection); then remove the old connection from the flow. For a
#     solution-aware flow, update the connection references in the solution.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.connection_owner_inactive

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

_state(id) := "is disabled" if {
	user := lib.users[id]
	not lib.enabled(user)
}

# Not in the export: the label says "deleted or not exported", which is all that is known.
_state(id) := "deleted or not exported" if not lib.users[id]

_owner_text(id) := concat("", [lib.label(id), ", who is disabled: the actions that use them will fail"]) if lib.users[id]

_owner_text(id) := concat("", [lib.label(id), ": if the account was deleted, the actions that use them will fail"]) if not lib.users[id]

_owned(connection) if is_string(connection.connectionOwnerId)

_source_known(connection) if is_string(connection.runtimeSource)

# Used connections whose owner is disabled or gone, as {owner, label, source (runtimeSource)}.
_inactive(flow) := {{"owner": c.connectionOwnerId, "label": flowlib.connection_label(c), "source": object.get(c, "runtimeSource", null)} |
	some c in flowlib.used_connections(flow)
	_owned(c)
	_state(c.connectionOwnerId)
}

# Of those, the embedded ones whose use the export does not confirm, as {owner, label}.
_unconfirmed(flow) := {{"owner": c.connectionOwnerId, "label": flowlib.connection_label(c)} |
	some c in flowlib.used_connections(flow)
	_owned(c)
	c.runtimeSource == "embedded"
	_state(c.connectionOwnerId)
	flowlib.unconfirmed(c)
}

# METADATA
# title: Embedded connection of an inactive owner
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(owner_id),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" uses embedded connection(s) ", concat(", ", sort(labels)), " of ",
		_owner_text(owner_id), ".", flowlib.unconfirmed_note(unconfirmed),
	]),
}) if {
	chain := rego.metadata.chain()

	# Without users every connection owner would look deleted.
	count(lib.missing_sections(chain)) == 0
	some flow in lib.flows_in_scope
	inactive := _inactive(flow)
	some owner_id in {entry.owner | some entry in inactive; entry.source == "embedded"}
	labels := {entry.label | some entry in inactive; entry.owner == owner_id; entry.source == "embedded"}
	unconfirmed := {entry.label | some entry in _unconfirmed(flow); entry.owner == owner_id}
}

# METADATA
# title: Sections or connection details missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	chain,
	"flows[].connectionReferences[].runtimeSource",
	sprintf(
		"%d flow(s) use a connection of a disabled or deleted user without saying whether it is embedded: %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	chain := rego.metadata.chain()
	count(lib.missing_sections(chain)) == 0
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		some c in flowlib.used_connections(flow)
		_owned(c)
		not _source_known(c)
		_state(c.connectionOwnerId)
	}
	count(names) > 0
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].connectionReferences[].connectionOwnerId",
	sprintf(
		"%d flow(s) use embedded connections whose owner is not given: %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		some c in flowlib.used_connections(flow)
		c.runtimeSource == "embedded"
		not _owned(c)
	}
	count(names) > 0
}
