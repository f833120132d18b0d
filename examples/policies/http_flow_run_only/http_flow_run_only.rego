# METADATA
# title: Flow calling HTTP can be run by someone outside the approved group
# description: |
#   A flow that calls the HTTP connectors can send whatever it reads to any address on the internet, with
#   the connections of its owners. Sharing such a flow run-only lets each run-only user start it on those
#   connections. Only members of the group named by allowedRunOnlyGroup (its id or display name; members
#   of nested groups count) may run such flows; when no group is named, nobody outside the owners may.
#   The HTTP connectors are those listed in httpConnectors, as connection references the flow uses or as
#   its trigger.
# custom:
#   id: CONTOSO-FLOW-01
#   severity: high
#   area: flow
#   sections: [flows, users, groups]
#   params:
#     httpConnectors: [http, httpwebhook, request, shared_webcontents]
#     allowedRunOnlyGroup: ""
#   remediation: |
#     Remove the run-only user (or the group that gives them access) from the flow, or add them to the
#     approved group after review. If the flow does not need to call arbitrary endpoints, replace the HTTP
#     action with a connector for the service it calls.
#   references: [Contoso security standard AUT-7]
package shareguard.custom.http_flow_run_only

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# The approved group's id: the parameter names it by id or by display name (case-insensitive). Undefined
# when the parameter is empty or names no group in the export.
_approved_group := name if {
	name := lib.param(rego.metadata.chain(), "allowedRunOnlyGroup")
	lib.groups[name]
}

_approved_group := ids[0] if {
	name := lib.param(rego.metadata.chain(), "allowedRunOnlyGroup")
	name != ""
	not lib.groups[name]
	ids := sort([id | some id, group in lib.groups; lower(group.displayName) == lower(name)])
	count(ids) > 0
}

_approved(user_id) if _approved_group in object.get(data.tenant, ["index", "memberOf", user_id], [])

_http_connectors(chain, flow) := {c | some c in flowlib.connectors(flow); c in lib.param(chain, "httpConnectors")}

_why := sprintf("who is not in the approved %s", [lib.label(_approved_group)]) if _approved_group

_why := "and no group is approved to run HTTP flows (parameter allowedRunOnlyGroup)" if {
	lib.param(rego.metadata.chain(), "allowedRunOnlyGroup") == ""
}

# A finding for one flow and one run-only user, whichever object brought them into scope.
_finding(chain, flow, user_id, connectors) := lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(user_id),
	"message": sprintf(
		"Flow \"%s\" calls %s and can be run by %s %s, %s.",
		[
			flow.displayName, concat(", ", sort(connectors)), lib.label(user_id),
			lib.granted_through({via | some [id, via] in flowlib.run_only_users(flow); id == user_id}),
			_why,
		],
	),
})

_violation(chain, flow, user_id) := connectors if {
	connectors := _http_connectors(chain, flow)
	count(connectors) > 0
	lib.users[user_id]
	not _approved(user_id)
	_why
}

# METADATA
# title: Run-only user outside the approved group (flows in scope)
findings contains _finding(chain, flow, user_id, connectors) if {
	chain := rego.metadata.chain()
	some flow in lib.flows_in_scope
	some [user_id, _] in flowlib.run_only_users(flow)
	connectors := _violation(chain, flow, user_id)
}

# Joining or leaving the approved group changes the user, not the flows that name them directly: a
# simulation re-checks the users a change touches, so the same findings are also reached from them.

# METADATA
# title: Run-only user outside the approved group (users in scope)
findings contains _finding(chain, flow, user_id, connectors) if {
	chain := rego.metadata.chain()
	some user_id, _ in lib.users_in_scope
	some [flow_id, "runOnly", _] in lib.flows_of_user(user_id)
	flow := lib.flows[flow_id]
	connectors := _violation(chain, flow, user_id)
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

# METADATA
# title: Approved group not found
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	sprintf("allowedRunOnlyGroup \"%s\" names no group in the export: run-only users of HTTP flows not checked", [name]),
) if {
	lib.has_section("groups")
	name := lib.param(rego.metadata.chain(), "allowedRunOnlyGroup")
	name != ""
	not _approved_group
}
