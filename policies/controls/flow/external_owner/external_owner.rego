# METADATA
# title: Flow has an external co-owner
# description: |
#   Every owner of a cloud flow can edit it, see its run history, change its connections and add more
#   owners, guests included. An owner from outside the organisation (a guest, an external member, or a
#   member of a group that co-owns the flow) can therefore read what the flow handles and change where
#   it sends it. The creator counts as an owner, and so does every member of a co-owning group.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow
#   - ref: https://learn.microsoft.com/power-automate/guest-support
#     description: Support for guest users in Power Automate
# custom:
#   id: SG-FLOW-01
#   severity: high
#   area: flow
#   sections: [flows, users]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, userType, identities, upnDomain, mailDomain]}
#   remediation: |
#     Remove the external owner from the flow (or the guest from the co-owning group). If they only need
#     to trigger the flow, share it with them as a run-only user instead, with connections they provide.
#   references: [CISA SCuBA MS.POWERPLATFORM.2]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.external_owner

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

# {"id": principal id, "via": group it came through or ""} for each external owner of one flow.
_routes(flow) := flowlib.external_routes(lib.flow_owners(flow))

# METADATA
# title: External owner found
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(principal_id),
	"message": concat("", [
		"Flow \"", lib.text(flow.displayName), "\" is owned by external ", lib.label(principal_id), " ",
		lib.granted_through({route.via | some route in routes; route.id == principal_id}),
		": they can edit it, change its connections and add owners.",
	]),
}) if {
	some flow in lib.flows_in_scope
	routes := _routes(flow)
	some principal_id in {route.id | some route in routes}
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: owners through co-owning groups not checked",
) if {
	not lib.has_section("groups")
	some flow in lib.flows
	some owner in flow.owners
	owner.principalType == "Group"
}
