# METADATA
# title: Guest runs a flow on an employee's embedded connections
# description: |
#   A run-only user can trigger an instant flow without editing it. Connections the owner embedded in the
#   flow (rather than "provided by run-only user", runtimeSource invoker) run with the credentials of the
#   person who created them, for everyone who runs the flow. A guest or other external run-only user
#   therefore reaches, through the flow's actions, whatever an internal employee's account can read or
#   send. Only connections the flow uses at run time count; "Other connections" do not. A connection
#   whose use the export does not give counts as used, and the finding says its use could not be
#   confirmed.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (run-only users, embedded connections, connections provided by the run-only user)
#   - ref: https://learn.microsoft.com/power-automate/guest-support
#     description: Support for guest users in Power Automate
# custom:
#   id: SG-FLOW-03
#   severity: critical
#   area: flow
#   sections: [flows, users]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, userType, identities, upnDomain, mailDomain]}
#   remediation: |
#     On the flow's details page, under Run only users, select Edit and set each connection to "Provided by
#     run-only user", so that the guest runs it with their own access; or remove the guest from the run-only
#     users (or from the group shared run-only). If the guest must act with a shared identity, embed a
#     connection of a dedicated service account with only the access the flow needs.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.run_only_guest_embedded

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# Used connections with the owner's credentials, owned by an internal user: {owner, label}.
_internal_embedded(flow) := {{"owner": c.connectionOwnerId, "label": flowlib.connection_label(c)} |
	some c in _embedded_connections(flow)
}

_embedded_connections(flow) := [c |
	some c in flowlib.used_connections(flow)
	c.runtimeSource == "embedded"
	_internal_user(c.connectionOwnerId)
]

# Labels of those connections whose use the export does not confirm.
_unconfirmed(flow) := {flowlib.connection_label(c) | some c in _embedded_connections(flow); flowlib.unconfirmed(c)}

_internal_user(id) if {
	user := lib.users[id]
	not lib.is_external_user(user)
}

# External users allowed to run the flow, as {"id": user id, "via": group it came through or ""}.
_external_runners(flow) := flowlib.external_user_routes(flowlib.run_only(flow))

_kind(user) := "guest" if lib.is_guest(user)

_kind(user) := "external user" if not lib.is_guest(user)

_credentials(connections) := concat("; ", sort({concat(" for ", [lib.label(owner), concat(", ", sort(labels))]) |
	some owner in {c.owner | some c in connections}
	labels := {c.label | some c in connections; c.owner == owner}
}))

# METADATA
# title: External run-only user with internal embedded connections
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(user_id),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" can be run by ", _kind(lib.users[user_id]), " ", lib.label(user_id), " ",
		flowlib.how(runners, user_id), " with the embedded connections of ", _credentials(embedded),
		": each run acts with that employee's credentials.", flowlib.unconfirmed_note(_unconfirmed(flow)),
	]),
}) if {
	chain := rego.metadata.chain()
	count(lib.missing_sections(chain)) == 0
	some flow in lib.flows_in_scope
	runners := _external_runners(flow)
	count(runners) > 0
	embedded := _internal_embedded(flow)
	count(embedded) > 0
	some user_id in {route.id | some route in runners}
}

# METADATA
# title: Sections or connection details missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: run-only users through groups not checked",
) if {
	some flow in lib.flows
	flowlib.unexpanded_groups(flowlib.run_only(flow))
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].connectionReferences[].runtimeSource",
	sprintf(
		"%d flow(s) with external run-only users use connections of unknown runtimeSource: %s",
		[count(names), concat(", ", sort(names))],
	),
) if {
	names := {sprintf("\"%s\"", [flow.displayName]) |
		some flow in lib.flows
		_unknown_source(flow)
		count(_external_runners(flow)) > 0
	}
	count(names) > 0
}

# Most flows have no run-only users (4,693 entries over 20,000 flows in the 100,000-user bench tenant),
# so the run-only users are expanded first in findings, and only for a flow with a connection of unknown
# runtimeSource here, rather than testing every connection owner of every flow.
_unknown_source(flow) if {
	some c in flowlib.used_connections(flow)
	not _source_known(c)
}

_source_known(connection) if is_string(connection.runtimeSource)
