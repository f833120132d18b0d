package shareguard.lib.dlp_test

import data.shareguard.lib.dlp

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
	dlp.classification(policy, "shared_sharepointonline") == "business"
	dlp.classification(policy, "shared_twitter") == "nonBusiness"
	dlp.classification(policy, "http") == "blocked"
	dlp.classification(policy, "shared_dropbox") == "blocked"
}

test_classification_unlisted_falls_in_default if {
	dlp.classification(_policy("blocked"), "shared_gmail") == "blocked"
	dlp.classification(_policy("business"), "shared_gmail") == "business"
}

test_classification_default_absent_or_null_is_non_business if {
	dlp.classification(_policy(null), "shared_gmail") == "nonBusiness"
	dlp.classification({"id": "p2"}, "shared_gmail") == "nonBusiness"
}

test_blocked_in_strictest_policy_wins if {
	tenant := {
		"sections": {"environments": true, "dlpPolicies": true},
		"environments": {"e1": {"id": "e1"}, "e2": {"id": "e2"}},
		"dlpPolicies": {"p1": _policy("nonBusiness"), "p2": object.union(_policy("blocked"), {"id": "p2"})},
		"index": {"dlpPoliciesByEnvironment": {"e1": ["p1", "p2"], "e2": ["p1"]}},
	}
	dlp.blocked_in("e1", "shared_gmail") with data.tenant as tenant
	not dlp.blocked_in("e2", "shared_gmail") with data.tenant as tenant
	dlp.blocked_in("e2", "http") with data.tenant as tenant
	dlp.unlisted_blocked_in("e1") with data.tenant as tenant
	not dlp.unlisted_blocked_in("e2") with data.tenant as tenant
	not dlp.blocked_in("e3", "http") with data.tenant as tenant
}
