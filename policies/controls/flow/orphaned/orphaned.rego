# METADATA
# title: Flow has no enabled owner left
# description: |
#   A cloud flow keeps running while it has an active owner. When the creator has left (account disabled
#   or deleted) and no other owner is an enabled account, nobody can fix the flow when it breaks, renew
#   its connections or switch it off, and its embedded connections may still act as the departed user.
#   A co-owning group counts as an active owner while at least one enabled user is in it; a co-owning
#   SharePoint list counts as active because its editors hold owner rights.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (FAQ on flows whose creator left)
# custom:
#   id: SG-FLOW-02
#   severity: high
#   area: flow
#   sections: [flows, users]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, accountEnabled]}
#   remediation: |
#     Assign a new owner: for a solution-aware flow, change the owner in its details; otherwise have the
#     intended owner create the flow again from a copy (Save as, Send a copy, or export and import), then
#     update its connections and turn off the orphaned one.
#   references: [Power Platform CoE kit orphaned objects]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.orphaned

import data.shareguard.lib

_active("User", id) if lib.enabled(lib.users[id])

_active("Group", id) if {
	some member in lib.groups[id].transitiveMembers
	lib.enabled(lib.users[member])
}

_active("SharePointList", _)

# Without the groups section a group's membership is unknown: do not call its flow orphaned.
_active("Group", _) if not lib.has_section("groups")

_state(owner) := "disabled" if {
	owner.type == "User"
	not lib.enabled(lib.users[owner.id])
}

# Not in the export: the label ("unknown principal … (deleted or not exported)") says all that is known.
_state(owner) := "" if {
	not lib.users[owner.id]
	not lib.groups[owner.id]
}

_state(owner) := "has no enabled member" if {
	owner.type == "Group"
	lib.groups[owner.id]
}

_describe(owners) := concat("; ", sort([trim_space(concat(" ", [lib.label(o.id), _state(o)])) | some o in owners]))

# METADATA
# title: Orphaned flow
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" (", lib.text(object.get(flow, "state", "state unknown")),
		") has no enabled owner: ", _describe(owners), ".",
	]),
}) if {
	chain := rego.metadata.chain()

	# Without users every owner would look deleted.
	count(lib.missing_sections(chain)) == 0
	some flow in lib.flows_in_scope
	owners := lib.flow_owners(flow)
	not _any_active(owners)
}

# Enabled user owners are looked for first: the planner tries every owner and every member of a group
# (it does not stop at the first enabled one), so the members of co-owning groups (104,365 in the
# 100,000-user bench tenant) are only read for a flow none of whose user owners is enabled: 0.31 s to
# 0.12 s.
_any_active(owners) if {
	some owner in owners
	owner.type == "User"
	_active("User", owner.id)
} else if {
	some owner in owners
	_active(owner.type, owner.id)
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: flows co-owned by a group were assumed to have an active owner",
) if {
	not lib.has_section("groups")
	some flow in lib.flows
	some owner in flow.owners
	owner.principalType == "Group"
}
