# METADATA
# title: Test helpers
# description: |
#   Builds, in Rego, the indexes the TypeScript normaliser adds to data.tenant, so that tests can write a
#   tenant by hand (objects keyed by id, groups with transitiveMembers) and still exercise rules that use
#   the indexes. Used only by *_test.rego files; test/unit/policy/testing-indexes.test.ts holds what it
#   builds against what src/model/normalise.ts builds for the examples.
package shareguard.lib.testing

# METADATA
# title: Tenant with indexes
# description: The tenant with the normaliser's indexes (memberOf, flowsByPrincipal, flowsByEnvironment, userFields, counts) computed from its objects.
with_indexes(tenant) := object.union(tenant, {"index": object.union(object.get(tenant, "index", {}), {
	"memberOf": _member_of(object.get(tenant, "groups", {})),
	"flowsByPrincipal": _flows_by_principal(object.get(tenant, "flows", {})),
	"flowsByEnvironment": _flows_by_environment(object.get(tenant, "flows", {})),
	"connectorsByEnvironment": _connectors_by_environment(object.get(tenant, "flows", {})),
	"userFields": {field: true |
		some user in object.get(tenant, "users", {})
		some field, value in user
		value != null
	},
	"counts": {
		"users": count(object.get(tenant, "users", {})),
		"usersNotDisabled": count([id | some id, user in object.get(tenant, "users", {}); not user.accountEnabled == false]),
	},
})})

_flows_by_environment(flows) := {environment_id: sort([flow_id |
	some flow_id, flow in flows
	flow.environmentId == environment_id
]) |
	some flow in flows
	environment_id := flow.environmentId
}

_member_of(groups) := {user_id: sort([group_id |
	some group_id, group in groups
	user_id in group.transitiveMembers
]) |
	some group in groups
	some user_id in group.transitiveMembers
}

_flows_by_principal(flows) := {principal_id: [object.remove(entry, ["principal"]) |
	some entry in _references(flows)
	entry.principal == principal_id
] |
	some entry in _references(flows)
	principal_id := entry.principal
}

_references(flows) := {object.union(ref, {"flowId": flow_id}) |
	some flow_id, flow in flows
	some ref in _flow_references(flow)
}

_flow_references(flow) := ({{"principal": flow.creatorId, "role": "creator"}} | {{"principal": o.principalId, "role": "owner"} |
	some o in flow.owners
}) | {{"principal": r.principalId, "role": "runOnly"} |
	some r in flow.runOnlyUsers
}

_connectors_by_environment(flows) := {environment_id: {connector: count([flow_id |
	some flow_id, flow in flows
	flow.environmentId == environment_id
	connector in _flow_connectors(flow)
]) |
	some flow in flows
	flow.environmentId == environment_id
	some connector in _flow_connectors(flow)
} |
	some flow in flows
	environment_id := flow.environmentId
}

_flow_connectors(flow) := {c.connectorId | some c in flow.connectionReferences; is_string(c.connectorId)} | {flow.trigger.connectorId |
	is_string(flow.trigger.connectorId)
}
