# METADATA
# title: Flow co-owned by a large group or a group with guests
# description: |
#   When a group co-owns a cloud flow, every member of the group (nested groups included) can edit the
#   flow, change its connections and add owners, and whoever joins the group later gets the same rights.
#   A large group turns co-ownership into broad access, and a group with guests hands it to people outside
#   the organisation. A SharePoint list co-owner gives owner rights to everyone who can edit the list; its
#   editors are not in the export, so such lists are reported as not evaluated.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (groups and SharePoint lists as co-owners)
# custom:
#   id: SG-FLOW-05
#   severity: medium
#   area: flow
#   sections: [flows, groups]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, userType, identities, upnDomain, mailDomain]}
#   params:
#     maxOwnerGroupSize: 50
#   remediation: |
#     On the flow's details page, under Owners, replace the group with a small group of the people who
#     maintain the flow, and share it run-only with the wider group if they only need to trigger it. Remove
#     guests from groups that co-own flows, or take such groups off the flow's owners.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.owner_group_too_broad

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

_members(group) := object.get(group, "transitiveMembers", [])

_external_members(group) := {id | some id in _members(group); lib.is_external_user(lib.users[id])}

_size_reason(group, limit) := [sprintf("has %d members (limit %d)", [count(_members(group)), limit])] if {
	count(_members(group)) > limit
}

_size_reason(group, limit) := [] if count(_members(group)) <= limit

# The external members are worked out once per group, not once in each of two bodies (both ran: the
# planner evaluates every body of a function), and joined with concat rather than sprintf, which crosses
# into JavaScript: this reason was 0.57 s of SG-FLOW-05's 0.7 s in the 100,000-user bench scan.
_guest_reason(group) := _externals_reason(_external_members(group))

_externals_reason(externals) := [concat("", [
	"contains ", format_int(count(externals), 10), " external user(s) (",
	concat(", ", sort({lib.label(id) | some id in externals})), ")",
])] if {
	count(externals) > 0
}

_externals_reason(externals) := [] if count(externals) == 0

# METADATA
# title: Co-owning group too large or containing guests
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(entry.id),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" is co-owned by ", lib.label(entry.id), ", which ", concat(" and ", reasons),
		": every member can edit the flow, change its connections and add owners.",
	]),
}) if {
	chain := rego.metadata.chain()
	limit := lib.param(chain, "maxOwnerGroupSize")
	some flow in lib.flows_in_scope
	some entry in flowlib.entries_of_type(flowlib.owners(flow), "Group")
	group := lib.groups[entry.id]
	reasons := array.concat(_size_reason(group, limit), _guest_reason(group))
	count(reasons) > 0
}

# METADATA
# title: Sections or memberships missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users",
	"section absent from the export: guests in co-owning groups not checked (group size still checked)",
) if {
	not lib.has_section("users")
	some flow in lib.flows
	count(flowlib.entries_of_type(flowlib.owners(flow), "Group")) > 0
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].owners",
	sprintf(
		"%d flow(s) co-owned by a SharePoint list, whose editors (size, guests) are not in the export: %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		_has_list_owner(flow)
		count(flowlib.entries_of_type(flowlib.owners(flow), "SharePointList")) > 0
	}
	count(names) > 0
}

# A cheap test on the raw entries before the owner entries of every flow are worked out (a SharePoint
# list is only ever typed so in the export: an untyped entry is taken for a user or a group).
_has_list_owner(flow) if {
	some owner in flow.owners
	owner.principalType == "SharePointList"
}
