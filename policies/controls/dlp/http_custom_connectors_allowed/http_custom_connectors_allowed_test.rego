package shareguard.controls.dlp.http_custom_connectors_allowed_test

import data.shareguard.controls.dlp.http_custom_connectors_allowed
import data.shareguard.lib.testing

_users := {
	"alice": {"id": "alice", "userPrincipalName": "alice@contoso.com", "upnDomain": "contoso.com", "displayName": "Alice", "userType": "Member"},
	"bob": {"id": "bob", "userPrincipalName": "bob@contoso.com", "upnDomain": "contoso.com", "displayName": "Bob", "userType": "Member"},
	"gina": {
		"id": "gina", "userPrincipalName": "gina_fabrikam.com#EXT#@contoso.onmicrosoft.com",
		"upnDomain": "contoso.onmicrosoft.com", "mailDomain": "fabrikam.com", "displayName": "Gina", "userType": "Guest",
	},
}

_flow(id, name, env, owners, run_only) := {
	"id": id, "displayName": name, "environmentId": env, "creatorId": "alice",
	"owners": owners, "runOnlyUsers": run_only,
	"connectionReferences": [{"id": "c1", "connectorId": "shared_sharepointonline", "connectionOwnerId": "alice", "runtimeSource": "embedded"}],
}

_guest_owner := [{"principalId": "gina", "principalType": "User"}]

_policy(id, groups, default_class) := {
	"id": id, "displayName": sprintf("Policy %s", [id]), "environmentType": "OnlyEnvironments", "environments": ["e1"],
	"connectorGroups": groups, "defaultConnectorClassification": default_class,
}

_strict := _policy("strict", {"business": ["shared_sharepointonline"], "nonBusiness": [], "blocked": ["http"]}, "blocked")

_loose := _policy("loose", {"business": ["shared_sharepointonline"], "nonBusiness": ["shared_twitter"], "blocked": []}, "nonBusiness")

_tenant(flows, policies, index) := testing.with_indexes({
	"sections": {"users": true, "groups": true, "environments": true, "dlpPolicies": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": _users,
	"groups": {"g1": {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["bob", "gina"]}},
	"environments": {
		"e1": {"id": "e1", "displayName": "Contoso Production", "type": "Production"},
		"e2": {"id": "e2", "displayName": "Contoso Dev Sandbox", "type": "Sandbox"},
	},
	"dlpPolicies": {p.id: p | some p in policies},
	"flows": {f.id: f | some f in flows},
	"index": {"dlpPoliciesByEnvironment": index},
})

test_fail_guest_owner_http_not_blocked if {
	tenant := _tenant([_flow("f1", "Vendor onboarding intake", "e1", _guest_owner, [])], [_loose], {"e1": ["loose"]})
	findings := http_custom_connectors_allowed.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-DLP-02"
	f.severity == "high"
	f.resource == {"kind": "environment", "id": "e1", "displayName": "Contoso Production"}
	not f.principal
	f.message == concat("", [
		"Environment \"Contoso Production\" has flows with external owners or run-only users (\"Vendor onboarding intake\"), ",
		"yet HTTP connectors http, httpwebhook, request, shared_webcontents are not blocked; ",
		"custom connectors that no policy lists are not blocked (no policy in force blocks by default).",
	])
}

test_fail_no_policy_applies if {
	tenant := _tenant([_flow("f1", "Sync catalogue", "e2", _guest_owner, [])], [_strict], {"e1": ["strict"]})
	findings := http_custom_connectors_allowed.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.resource.id == "e2"
	endswith(f.message, "yet no DLP policy applies there, so no connector is blocked.")
}

test_fail_guest_run_only_through_group if {
	flow := _flow("f1", "Request vendor quote", "e1", [], [{"principalId": "g1", "principalType": "Group"}])
	tenant := _tenant([flow], [_loose], {"e1": ["loose"]})
	findings := http_custom_connectors_allowed.findings with data.tenant as tenant
	{f.resource.id | some f in findings} == {"e1"}
}

test_fail_http_blocked_explicitly_but_other_http_connectors_open if {
	# http is blocked, the default group is not: HTTP Webhook and the others fall in nonBusiness.
	policy := _policy("p", {"business": [], "nonBusiness": [], "blocked": ["http"]}, "nonBusiness")
	tenant := _tenant([_flow("f1", "Intake", "e1", _guest_owner, [])], [policy], {"e1": ["p"]})
	findings := http_custom_connectors_allowed.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	contains(f.message, "HTTP connectors httpwebhook, request, shared_webcontents are not blocked")
	not contains(f.message, "connectors http,")
}

test_fail_listed_custom_connector_allowed_despite_blocked_default if {
	groups := {"business": ["shared_sharepointonline", "shared_cr3ea-5fservice-20now-5f96f"], "nonBusiness": [], "blocked": ["http"]}
	policy := _policy("p", groups, "blocked")
	tenant := _tenant([_flow("f1", "Intake", "e1", _guest_owner, [])], [policy], {"e1": ["p"]})
	findings := http_custom_connectors_allowed.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	endswith(f.message, "yet custom connectors shared_cr3ea-5fservice-20now-5f96f are not blocked.")
}

test_fail_unprefixed_custom_connector_used_by_flow_classified_business if {
	flow := object.union(_flow("f1", "Intake", "e1", _guest_owner, []), {"connectionReferences": [{"id": "c9", "connectorId": "contoso-erp"}]})
	policy := _policy("p", {"business": ["contoso-erp"], "nonBusiness": [], "blocked": ["http"]}, "blocked")
	tenant := _tenant([flow], [policy], {"e1": ["p"]})
	findings := http_custom_connectors_allowed.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	endswith(f.message, "yet custom connectors contoso-erp are not blocked.")
}

test_success_custom_connector_used_by_flow_blocked_by_default if {
	flow := object.union(_flow("f1", "Intake", "e1", _guest_owner, []), {"connectionReferences": [{"id": "c9", "connectorId": "contoso-erp"}]})
	tenant := _tenant([flow], [_strict], {"e1": ["strict"]})
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
}

test_success_custom_connector_allowed_by_one_policy_blocked_by_another if {
	# The strictest policy wins: business in one policy, blocked (by default) in the other.
	groups := {"business": ["shared_cr3ea-5fservice-20now-5f96f"], "nonBusiness": [], "blocked": []}
	tenant := _tenant([_flow("f1", "Intake", "e1", _guest_owner, [])], [_strict, _policy("p", groups, "nonBusiness")], {"e1": ["strict", "p"]})
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
}

test_success_strict_policy_blocks_everything_unlisted if {
	tenant := _tenant([_flow("f1", "Intake", "e1", _guest_owner, [])], [_strict, _loose], {"e1": ["strict", "loose"]})
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
}

test_success_no_external_owner_or_run_only_user if {
	flow := _flow("f1", "Invoice approval", "e1", [{"principalId": "bob", "principalType": "User"}], [])
	tenant := _tenant([flow], [_loose], {"e1": ["loose"]})
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
}

test_success_custom_patterns_param if {
	# contoso-erp (business) is custom under the default patterns, not when only "-5f" ids are custom.
	policy := _policy("p", {"business": ["shared_sharepointonline", "contoso-erp"], "nonBusiness": [], "blocked": ["http"]}, "blocked")
	tenant := _tenant([_flow("f1", "Intake", "e1", _guest_owner, [])], [policy], {"e1": ["p"]})
	count(http_custom_connectors_allowed.findings) == 1 with data.tenant as tenant
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
		with input.params as {"SG-DLP-02": {"httpConnectors": ["http"], "customConnectorPatterns": ["-5f"]}}
}

test_not_evaluated_without_dlp_policies if {
	tenant := object.remove(
		object.union(_tenant([_flow("f1", "Intake", "e1", _guest_owner, [])], [], {}), {"sections": {"dlpPolicies": false}}),
		["dlpPolicies"],
	)
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
	{r.section | some r in http_custom_connectors_allowed.not_evaluated} == {"dlpPolicies"} with data.tenant as tenant
}

test_not_evaluated_group_shares_without_groups if {
	flow := _flow("f1", "Request vendor quote", "e1", [], [{"principalId": "g1", "principalType": "Group"}])
	tenant := object.remove(
		object.union(_tenant([flow], [_loose], {"e1": ["loose"]}), {"sections": {"groups": false}}),
		["groups"],
	)
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
	{r.section | some r in http_custom_connectors_allowed.not_evaluated} == {"groups"} with data.tenant as tenant
}

test_message_names_at_most_five_flows if {
	http_custom_connectors_allowed._first_names({"count": 7, "first": ["a", "b", "c", "d", "e"]}) == "\"a\", \"b\", \"c\", \"d\", \"e\" and 2 more"
	http_custom_connectors_allowed._first_names({"count": 2, "first": ["a", "b"]}) == "\"a\", \"b\""
}

# The summary a scan stores in data.derived gives the same finding as judging the flows inline.
test_fail_from_derived_view if {
	tenant := _tenant([_flow("f1", "Vendor onboarding intake", "e1", _guest_owner, [])], [_loose], {"e1": ["loose"]})
	derived := {"externalAccessByEnvironment": {"e1": {"count": 1, "first": ["Vendor onboarding intake"]}}}
	inline := http_custom_connectors_allowed.findings with data.tenant as tenant
	viewed := http_custom_connectors_allowed.findings with data.tenant as tenant with data.derived as derived
	count(inline) == 1
	viewed == inline
}

test_success_when_derived_view_has_no_exposed_flow if {
	tenant := _tenant([_flow("f1", "Vendor onboarding intake", "e1", _guest_owner, [])], [_loose], {"e1": ["loose"]})
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant with data.derived as {"externalAccessByEnvironment": {}}
}

# A policy in force whose connector groups were not collected may block HTTP or not: the environment is
# reported as not judged instead of "not blocked".
test_not_evaluated_when_a_policy_in_force_has_unknown_groups if {
	unknown := _policy("unread", null, null)
	flows := [_flow("f1", "Vendor onboarding intake", "e1", _guest_owner, [])]
	tenant := object.union(_tenant(flows, [_loose, unknown], {"e1": ["loose", "unread"]}), {"notCollected": {"dlpPolicies[].connectorGroups": true}})
	count(http_custom_connectors_allowed.findings) == 0 with data.tenant as tenant
	reports := {r.reason | some r in http_custom_connectors_allowed.not_evaluated; r.section == "dlpPolicies[].connectorGroups"} with data.tenant as tenant
	reports == {"the connector groups of DLP policies in force (Policy unread) are not in the export: environment \"Contoso Production\" not judged"}
}
