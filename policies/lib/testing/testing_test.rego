package shareguard.lib.testing_test

import data.shareguard.lib.testing

_tenant := {
	"users": {"amy": {"id": "amy", "mail": null}, "bob": {"id": "bob", "accountEnabled": false}},
	"groups": {"g1": {"id": "g1", "transitiveMembers": ["amy", "bob"]}, "g2": {"id": "g2", "transitiveMembers": ["amy"]}},
	"flows": {
		"f1": {
			"id": "f1", "environmentId": "e1", "creatorId": "amy",
			"owners": [{"principalId": "g1"}], "runOnlyUsers": [{"principalId": "bob"}],
			"connectionReferences": [{"connectorId": "shared_office365"}, {"connectorId": null}],
			"trigger": {"connectorId": "shared_sharepointonline"},
		},
		"f2": {"id": "f2", "environmentId": "e1", "creatorId": "bob", "connectionReferences": [{"connectorId": "shared_office365"}]},
	},
	"index": {"usersByMail": {"amy@contoso.com": "amy"}},
}

test_with_indexes_builds_what_the_normaliser_does if {
	index := testing.with_indexes(_tenant).index
	index.memberOf == {"amy": ["g1", "g2"], "bob": ["g1"]}
	index.flowsByEnvironment == {"e1": ["f1", "f2"]}
	index.flowsByPrincipal.amy == [{"flowId": "f1", "role": "creator"}]
	{[e.flowId, e.role] | some e in index.flowsByPrincipal.bob} == {["f1", "runOnly"], ["f2", "creator"]}
	index.flowsByPrincipal.g1 == [{"flowId": "f1", "role": "owner"}]
	index.connectorsByEnvironment == {"e1": {"shared_office365": 2, "shared_sharepointonline": 1}}

	# userFields: a field counts once some user has it non-null (amy's mail is null).
	index.userFields == {"id": true, "accountEnabled": true}
	index.counts == {"users": 2, "usersNotDisabled": 1}

	# An index the tenant already has is kept.
	index.usersByMail == {"amy@contoso.com": "amy"}
}

test_with_indexes_keeps_the_objects if {
	tenant := testing.with_indexes(_tenant)
	tenant.users == _tenant.users
	tenant.flows == _tenant.flows
}
