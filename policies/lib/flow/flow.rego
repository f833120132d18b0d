# METADATA
# title: shareguard flow helpers
# description: |
#   Helpers the Power Automate controls share: a flow's owner and run-only entries with groups
#   expanded, its connections split into used ("embedded") and unused ("Other connections"), the
#   connectors it calls, and the external people who own or run it. (How a DLP policy classifies a
#   connector is in shareguard.lib.dlp.)
package shareguard.lib.flow

import data.shareguard.lib

# A list field that may be absent or null.
_list(obj, key) := value if {
	value := obj[key]
	is_array(value)
}

_list(obj, key) := [] if not _is_array_at(obj, key)

_is_array_at(obj, key) if is_array(obj[key])

# METADATA
# title: Principal type of an entry
# description: |
#   The principalType of an owner or run-only entry; when it is null or absent, Group if the id names
#   a group, else User (as the normaliser does for unknown principals).
entry_type(entry) := entry.principalType if _typed(entry)

entry_type(entry) := "Group" if {
	not _typed(entry)
	not lib.users[entry.principalId]
	lib.groups[entry.principalId]
}

entry_type(entry) := "User" if {
	not _typed(entry)
	not _names_group(entry.principalId)
}

# Note: "not is_string(x.y)" is false when x.y is undefined; test through a helper instead.
_typed(entry) if is_string(entry.principalType)

_names_group(id) if {
	not lib.users[id]
	lib.groups[id]
}

# METADATA
# title: Owner entries
# description: The flow's owners as {id, type}; the creator is always an owner, listed or not.
owners(flow) := {{"id": flow.creatorId, "type": "User"}} | {{"id": o.principalId, "type": entry_type(o)} |
	some o in _list(flow, "owners")
	is_string(o.principalId)
}

# METADATA
# title: Run-only entries
# description: The flow's run-only users and groups as {id, type}.
run_only(flow) := {{"id": r.principalId, "type": entry_type(r)} |
	some r in _list(flow, "runOnlyUsers")
	is_string(r.principalId)
}

# METADATA
# title: Routes to the users behind entries
# description: |
#   The users that a set of {id, type} entries stands for, each as {"id": user id, "via": group it came
#   through or ""}. Groups are expanded to their transitive members; SharePoint lists cannot be expanded.
entry_routes(entries) := {route |
	some entry in entries
	some route in lib.principal_routes(entry.id, entry.type)
}

# METADATA
# title: Routes to the owner users
# description: |
#   The users with owner rights on the flow, as {"id": user id, "via": group or ""}.
owner_routes(flow) := entry_routes(owners(flow))

# METADATA
# title: Routes to the run-only users
# description: |
#   The users allowed to run the flow, as {"id": user id, "via": group or ""}.
run_only_routes(flow) := entry_routes(run_only(flow))

# The pair forms below ([user id, via]) are kept for custom policies (examples/policies use them);
# the built-in controls read the routes above.

# METADATA
# title: Users behind entries
# description: entry_routes as [user id, group it came through or ""] pairs.
entry_users(entries) := {[route.id, route.via] | some route in entry_routes(entries)}

# METADATA
# title: Owner users
# description: The users with owner rights on the flow, as [user id, group it came through or ""].
owner_users(flow) := entry_users(owners(flow))

# METADATA
# title: Run-only users
# description: The users allowed to run the flow, as [user id, group it came through or ""].
run_only_users(flow) := entry_users(run_only(flow))

# METADATA
# title: Entries of a type
# description: The entries of the given principal type.
entries_of_type(entries, type) := {entry | some entry in entries; entry.type == type}

# METADATA
# title: Groups that cannot be expanded
# description: True when the entries name a group but the export has no groups section.
unexpanded_groups(entries) if {
	not lib.has_section("groups")
	count(entries_of_type(entries, "Group")) > 0
}

# METADATA
# title: Used connection
# description: |
#   A connection reference the flow uses at run time, or may use: used is true, or not known (null or
#   absent). Only used false ("Other connections") is left out: missing data is never a pass.
used(connection) if not connection.used == false

# METADATA
# title: Use not confirmed
# description: |
#   True when the export does not say whether the flow uses the connection (used null or absent, as when
#   the flows listing does not name the connector of every step). Such a connection counts as used, and a
#   finding that rests on it says that its use could not be confirmed.
unconfirmed(connection) if not _use_known(connection)

# Through a helper: "not is_boolean(c.used)" is false when c.used is absent.
_use_known(connection) if is_boolean(connection.used)

# METADATA
# title: Unconfirmed-use note
# description: |
#   The sentence a message ends with when it rests on connections (named by labels) whose use could not be
#   confirmed; "" when there are none.
unconfirmed_note(labels) := "" if count(labels) == 0

unconfirmed_note(labels) := concat("", [
	" Use of ", concat(", ", sort(labels)),
	" by the flow could not be confirmed: the export does not say which connectors its steps call.",
]) if {
	count(labels) > 0
}

# METADATA
# title: Connectors used without confirmation
# description: |
#   The connectors the flow counts as called only through connections whose use could not be confirmed
#   (not its trigger's, nor one of a connection marked used).
unconfirmed_connectors(flow) := {c.connectorId |
	some c in used_connections(flow)
	unconfirmed(c)
	is_string(c.connectorId)
} - _confirmed_connectors(flow)

_confirmed_connectors(flow) := {c.connectorId |
	some c in _list(flow, "connectionReferences")
	c.used == true
} | {id |
	id := flow.trigger.connectorId
	is_string(id)
}

# METADATA
# title: Used connections
# description: The flow's connection references used at run time ("embedded" in the portal's terms).
used_connections(flow) := [c | some c in _list(flow, "connectionReferences"); used(c)]

# METADATA
# title: Unused connections
# description: The flow's connection references listed under "Other connections" (used is false).
unused_connections(flow) := [c | some c in _list(flow, "connectionReferences"); c.used == false]

# METADATA
# title: Shared copies
# description: The copies of the flow sent with Send a copy (empty when absent or null).
shared_copies(flow) := _list(flow, "sharedCopies")

# METADATA
# title: Connectors a flow calls
# description: The connectors of the used connections, plus the trigger's connector.
connectors(flow) := {c.connectorId | some c in used_connections(flow); is_string(c.connectorId)} | {id |
	id := flow.trigger.connectorId
	is_string(id)
}

# METADATA
# title: Connection label
# description: How a message names a connection reference (its connector, else its id).
connection_label(connection) := connection.connectorId if is_string(connection.connectorId)

connection_label(connection) := object.get(connection, "id", "connection") if not _has_connector(connection)

_has_connector(connection) if is_string(connection.connectorId)

# METADATA
# title: Entry label
# description: How a message names an owner or run-only entry; a SharePoint list is not a directory object.
entry_label(entry) := concat("", ["SharePoint list ", lib.text(entry.id)]) if {
	entry.type == "SharePointList"
} else := concat("", ["group ", lib.text(entry.id)]) if {
	entry.type == "Group"
	not lib.groups[entry.id]
} else := lib.label(entry.id)

# METADATA
# title: User by address
# description: The id of the user whose mail or UPN is the address (case-insensitive).
user_by_address(address) := data.tenant.index.usersByMail[lower(address)]

user_by_address(address) := data.tenant.index.usersByUpn[lower(address)] if {
	not data.tenant.index.usersByMail[lower(address)]
}

# METADATA
# title: Routes to the external users behind entries
# description: |
#   The external users among those a set of {id, type} entries stands for, each as {"id": user id, "via":
#   group it came through or ""} (entry_routes, kept to lib.is_external_user).
external_user_routes(entries) := {{"id": entry.id, "via": ""} |
	some entry in entries
	entry.type == "User"
	lib.is_external_user(lib.users[entry.id])
} | {{"id": member, "via": entry.id} |
	some entry in entries
	entry.type == "Group"
	some member in lib.groups[entry.id].transitiveMembers
	lib.is_external_user(lib.users[member])
}

# Only the external users become route objects: building {"id", "via"} for every member of every group
# (about 137,000 owner routes in the 100,000-user bench tenant) and hashing each into a set before
# testing it was most of the time SG-FLOW-01 took (0.8 s).

# METADATA
# title: External routes
# description: |
#   The external principals among entries, each as {"id": principal id, "via": group it came through or ""}:
#   external users (directly or through a group), and mail-enabled groups outside the tenant's domains.
external_routes(entries) := external_user_routes(entries) | {{"id": entry.id, "via": ""} |
	some entry in entries
	entry.type == "Group"
	lib.is_external_group(lib.groups[entry.id])
}

# METADATA
# title: How a principal got there
# description: '"directly", or "through" the groups it came through, from a set of {"id", "via"} routes.'
how(routes, principal_id) := "directly" if {"id": principal_id, "via": ""} in routes

how(routes, principal_id) := concat("", ["through ", concat(", ", sort(groups))]) if {
	not {"id": principal_id, "via": ""} in routes
	groups := {lib.label(via) | some via in {route.via | some route in routes; route.id == principal_id}}
}

# METADATA
# title: Labels of routed principals
# description: '"<label> <how>" for every principal in a set of {"id", "via"} routes, sorted.'
describe_routes(routes) := sort({concat(" ", [lib.label(id), how(routes, id)]) | some id in {route.id | some route in routes}})

# describe_routes labels each principal once, not once per route (a principal reached through three
# groups is three routes), and joins with concat: sprintf is not native in WebAssembly.

# METADATA
# title: Environment label
# description: How a message names an environment (its display name in quotes, else its id).
environment_label(id) := concat("", ["\"", lib.text(lib.environments[id].displayName), "\""])

environment_label(id) := id if not lib.environments[id].displayName

# A share (owner or run-only) that stands for an external user, or is itself an external group. The
# group's members are read from its transitiveMembers, without building a set of {"id", "via"} route
# objects first: hashing those objects was most of external_access's 0.95 s over the controls of the
# 100,000-user bench scan (about 170,000 routes a control).
_external_share(id, "User") if lib.is_external_user(lib.users[id])

_external_share(id, "Group") if {
	some member in lib.groups[id].transitiveMembers
	lib.is_external_user(lib.users[member])
}

_external_share(id, "Group") if lib.is_external_group(lib.groups[id])

# METADATA
# title: Flow with external access
# description: True when an owner (creator included) or a run-only user of the flow is external, directly or through a group.
external_access(flow) if {
	_external_share(flow.creatorId, "User")
} else if {
	# As lib.flow_owners, which this reads without building: no owner entries without a creator.
	_ := flow.creatorId
	some owner in flow.owners
	_external_share(owner.principalId, owner.principalType)
} else if {
	some entry in flow.runOnlyUsers
	_external_share(entry.principalId, entry.principalType)
}
