# METADATA
# title: Unused connection of a non-owner left on a flow
# description: |
#   A connection a flow no longer uses stays on it under "Other connections" until an owner uses it again,
#   and any owner can put it back into an action. When it belongs to someone who is not an owner (a
#   helper who built part of the flow, a former owner), the flow keeps that person's credentials within
#   reach of its owners without anyone noticing. Owners through a co-owning group count as owners. A
#   connection whose use the export does not give may be in use: it is reported as not evaluated.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (embedded and other connections)
# custom:
#   id: SG-FLOW-11
#   severity: low
#   area: flow
#   sections: [flows]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName]}
#   remediation: |
#     Edit the flow and remove the unused connection references (for a solution-aware flow, remove the
#     connection reference from the solution), or ask the connection's owner to delete the connection
#     under Data > Connections in Power Automate.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.unused_connection_non_owner

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# The user ids with owner rights, from the owner entries (creator included) and the members of co-owning
# groups, without building {"id", "via"} route objects. Worked out only for a flow with a connection to
# judge (3,497 unused connections among 49,750 in the 100,000-user bench tenant), not for all 20,000
# flows three times: that was 0.67 s of SG-FLOW-11's 0.85 s.
_owner_ids(flow) := {owner.id | some owner in owners; owner.type == "User"} | {member |
	some owner in owners
	owner.type == "Group"
	some member in lib.groups[owner.id].transitiveMembers
} if {
	owners := flowlib.owners(flow)
}

# The flow's owners are all known: no group left unexpanded, no SharePoint list (whose editors are owners).
_owners_known(flow) if {
	entries := flowlib.owners(flow)
	not flowlib.unexpanded_groups(entries)
	count(flowlib.entries_of_type(entries, "SharePointList")) == 0
}

# Unused connections owned by someone who is not an owner, as {owner, label}.
_foreign(flow) := {{"owner": c.connectionOwnerId, "label": flowlib.connection_label(c)} |
	held := [c | some c in flowlib.unused_connections(flow); is_string(c.connectionOwnerId)]
	count(held) > 0
	owners := _owner_ids(flow)
	some c in held
	not owners[c.connectionOwnerId]
}

# Connections of non-owners whose use the export does not give: used (not this control's concern) or left
# under Other connections (a finding), which cannot be told apart.
_undecided(flow) := {c.id |
	held := [c | some c in flowlib.used_connections(flow); flowlib.unconfirmed(c); is_string(c.connectionOwnerId)]
	count(held) > 0
	owners := _owner_ids(flow)
	some c in held
	not owners[c.connectionOwnerId]
}

# METADATA
# title: Unused connection of a non-owner
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(owner_id),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" keeps unused connection(s) ", concat(", ", sort(labels)), " of ", lib.label(owner_id),
		", who is not an owner, under Other connections: any owner can put them back into an action.",
	]),
}) if {
	some flow in lib.flows_in_scope
	foreign := _foreign(flow)
	count(foreign) > 0
	_owners_known(flow)
	some owner_id in {entry.owner | some entry in foreign}
	labels := {entry.label | some entry in foreign; entry.owner == owner_id}
}

# METADATA
# title: Sections or owners missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].owners",
	sprintf(
		"%d flow(s) with unused connections have owners that cannot be expanded (groups not exported, or SharePoint lists): %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		count(_foreign(flow)) > 0
		not _owners_known(flow)
	}
	count(names) > 0
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].connectionReferences[].used",
	sprintf(
		"%d flow(s) hold connections of non-owners whose use could not be confirmed (used by an action, or left under Other connections): %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		count(_undecided(flow)) > 0
	}
	count(names) > 0
}
