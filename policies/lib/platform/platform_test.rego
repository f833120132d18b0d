package shareguard.lib.platform_test

import data.shareguard.lib.platform

_policy(default_class) := {
	"id": "p1",
	"connectorGroups": {
		"business": ["shared_sharepointonline", "shared_dropbox"],
		"nonBusiness": ["shared_twitter"],
		"blocked": ["HTTP", "shared_dropbox"],
	},
	"defaultConnectorClassification": default_class,
}

test_classification_listed_groups_blocked_first if {
	policy := _policy("business")
	platform.classification(policy, "shared_sharepointonline") == "business"
	platform.classification(policy, "shared_twitter") == "nonBusiness"
	platform.classification(policy, "http") == "blocked"
	platform.classification(policy, "shared_dropbox") == "blocked"
}

test_classification_unlisted_falls_in_default if {
	platform.classification(_policy("blocked"), "shared_gmail") == "blocked"
	platform.classification(_policy("business"), "shared_gmail") == "business"
}

test_classification_default_absent_or_null_is_non_business if {
	platform.classification(_policy(null), "shared_gmail") == "nonBusiness"
	platform.classification({"id": "p2"}, "shared_gmail") == "nonBusiness"
}

test_blocked_in_strictest_policy_wins if {
	tenant := {
		"sections": {"environments": true, "dlpPolicies": true},
		"environments": {"e1": {"id": "e1"}, "e2": {"id": "e2"}},
		"dlpPolicies": {"p1": _policy("nonBusiness"), "p2": object.union(_policy("blocked"), {"id": "p2"})},
		"index": {"dlpPoliciesByEnvironment": {"e1": ["p1", "p2"], "e2": ["p1"]}},
	}
	platform.blocked_in("e1", "shared_gmail") with data.tenant as tenant
	not platform.blocked_in("e2", "shared_gmail") with data.tenant as tenant
	platform.blocked_in("e2", "http") with data.tenant as tenant
	platform.unlisted_blocked_in("e1") with data.tenant as tenant
	not platform.unlisted_blocked_in("e2") with data.tenant as tenant
	not platform.blocked_in("e3", "http") with data.tenant as tenant
}

test_role_holders_expand_groups if {
	tenant := {
		"sections": {"users": true, "groups": true},
		"users": {"u1": {"id": "u1"}, "u2": {"id": "u2"}},
		"groups": {"g1": {"id": "g1", "transitiveMembers": ["u2"]}},
	}
	environment := {"roleAssignments": [
		{"principalId": "u1", "principalType": "User", "role": "EnvironmentMaker"},
		{"principalId": "g1", "principalType": "Group", "role": "EnvironmentMaker"},
		{"principalId": "u2", "principalType": "User", "role": "EnvironmentAdmin"},
	]}
	platform.role_holders(environment, "EnvironmentMaker") == {["u1", ""], ["u2", "g1"]} with data.tenant as tenant
}
