# METADATA
# title: Flow has too many co-owners
# description: |
#   Every co-owner of a cloud flow can edit it, see its run history, change its connections, add owners
#   and delete it. People who only need to trigger a flow should be run-only users, so that full control
#   stays with the few who maintain it. Members of a co-owning group are co-owners too, so groups are
#   expanded before counting; the creator, who is always an owner and cannot be removed, is not counted.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (best practice, run-only access instead of co-ownership)
# custom:
#   id: SG-FLOW-04
#   severity: medium
#   area: flow
#   sections: [flows]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName]}
#   params:
#     maxCoOwners: 5
#   remediation: |
#     On the flow's details page, under Owners, select Edit and remove the co-owners who do not maintain the
#     flow (or remove them from the co-owning group); if they need to trigger it, add them under Run only
#     users instead. Keep a small maintaining group, or a service account, as co-owner.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.too_many_co_owners

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# Co-owners that cannot be expanded into users, each counted as one: SharePoint lists, and groups when
# the export has no groups section.
_unexpanded(entries) := flowlib.entries_of_type(entries, "SharePointList") if lib.has_section("groups")

_unexpanded(entries) := flowlib.entries_of_type(entries, "SharePointList") | flowlib.entries_of_type(entries, "Group") if {
	not lib.has_section("groups")
}

# Counting needs only the distinct user ids (a set of strings: cheap); which group each came through is
# worked out only for the flows that are reported. The creator is always a User entry of owners.
_co_owner_ids(flow, owners) := (_direct_ids(owners) | _member_ids(owners)) - {flow.creatorId}

_direct_ids(owners) := {owner.id | some owner in owners; owner.type == "User"}

_member_ids(owners) := {member |
	some owner in owners
	owner.type == "Group"
	some member in lib.groups[owner.id].transitiveMembers
}

# The owner entries are worked out once per flow and passed along.
_count(flow, owners) := count(_co_owner_ids(flow, owners)) + count(_unexpanded(owners))

# Users who hold owner rights only through groups: members of co-owning groups who are neither the
# creator nor a user co-owner. Built from ids, not from {"id", "via"} route objects, and each group is
# labelled once, not once per member (a group of 200 members was 200 sprintf calls into JavaScript):
# the clause took 1.37 s of SG-FLOW-04's 1.77 s in the 100,000-user bench scan.
_group_clause(owners) := _through_clause(_member_ids(owners) - _direct_ids(owners), owners)

_through_clause(users, _) := "" if count(users) == 0

_through_clause(users, owners) := concat("", [
	", ", format_int(count(users), 10), " of them only through ",
	concat(", ", sort({lib.label(group_id) | some group_id in _groups_reaching(users, owners)})),
]) if {
	count(users) > 0
}

# The co-owning groups through which at least one of the users holds owner rights.
_groups_reaching(users, owners) := {owner.id |
	some owner in owners
	owner.type == "Group"
	some member in lib.groups[owner.id].transitiveMembers
	users[member]
}

_unexpanded_clause(entries) := "" if count(_unexpanded(entries)) == 0

_unexpanded_clause(entries) := sprintf(
	", counting %s as one co-owner each (members not known)",
	[concat(", ", sort({flowlib.entry_label(e) | some e in _unexpanded(entries)}))],
) if {
	count(_unexpanded(entries)) > 0
}

# METADATA
# title: More co-owners than allowed
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" has ", lib.int_text(total), " co-owners besides its creator ", lib.label(flow.creatorId),
		" (limit ", lib.int_text(limit), ")", _group_clause(owners), _unexpanded_clause(owners),
		": each can edit it, change its connections and add owners.",
	]),
}) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "maxCoOwners")
	some flow in lib.flows_in_scope
	owners := flowlib.owners(flow)
	total := _count(flow, owners)
	total > limit
}

# METADATA
# title: Sections or memberships missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: each co-owning group counted as one co-owner",
) if {
	not lib.has_section("groups")
	some flow in lib.flows
	flowlib.unexpanded_groups(flowlib.owners(flow))
}

# A SharePoint list stands for its editors, who are not in the export: only report when they could matter.
not_evaluated contains lib.not_evaluated(
	chain,
	"flows[].owners",
	sprintf(
		"%d flow(s) co-owned by a SharePoint list whose editors are not in the export (each list counted as one co-owner): %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "maxCoOwners")
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		_has_list_owner(flow)
		owners := flowlib.owners(flow)
		count(flowlib.entries_of_type(owners, "SharePointList")) > 0
		_count(flow, owners) <= limit
	}
	count(names) > 0
}

# A cheap test on the raw entries before any owner is worked out.
_has_list_owner(flow) if {
	some owner in flow.owners
	owner.principalType == "SharePointList"
}
