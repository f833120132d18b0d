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

# Owner users other than the creator, as {"id": user id, "via": group it came through or ""}.
_co_owner_routes(flow) := {route | some route in flowlib.owner_routes(flow); route.id != flow.creatorId}

_direct(routes) := {route.id | some route in routes; route.via == ""}

# Users who hold owner rights only through groups.
_through_groups(routes) := {route.id | some route in routes} - _direct(routes)

# Co-owners that cannot be expanded into users, each counted as one: SharePoint lists, and groups when
# the export has no groups section.
_unexpanded(entries) := flowlib.entries_of_type(entries, "SharePointList") if lib.has_section("groups")

_unexpanded(entries) := flowlib.entries_of_type(entries, "SharePointList") | flowlib.entries_of_type(entries, "Group") if {
	not lib.has_section("groups")
}

# Counting needs only the distinct user ids (a set of strings: cheap); which group each came through is
# worked out only for the flows that are reported.
_co_owner_ids(flow, owners) := {user_id |
	some owner in owners
	some user_id in _user_ids(owner)
} - {flow.creatorId}

_user_ids(owner) := {owner.id} if owner.type == "User"

_user_ids(owner) := {member | some member in lib.groups[owner.id].transitiveMembers} if owner.type == "Group"

# The owner entries are worked out once per flow and passed along.
_count(flow, owners) := count(_co_owner_ids(flow, owners)) + count(_unexpanded(owners))

_group_clause(routes) := "" if count(_through_groups(routes)) == 0

_group_clause(routes) := sprintf(", %d of them only through %s", [count(users), concat(", ", sort(groups))]) if {
	users := _through_groups(routes)
	count(users) > 0
	groups := {lib.label(route.via) | some route in routes; route.id in users}
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
	"message": sprintf(
		"Flow \"%s\" has %d co-owners besides its creator %s (limit %d)%s%s: each can edit it, change its connections and add owners.",
		[
			flow.displayName, total, lib.label(flow.creatorId), limit,
			_group_clause(routes), _unexpanded_clause(owners),
		],
	),
}) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "maxCoOwners")
	some flow in lib.flows_in_scope
	owners := flowlib.owners(flow)
	total := _count(flow, owners)
	total > limit
	routes := _co_owner_routes(flow)
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
