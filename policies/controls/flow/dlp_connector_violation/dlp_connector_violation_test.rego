package shareguard.controls.flow.dlp_connector_violation_test

import data.shareguard.controls.flow.dlp_connector_violation

_conn(connector, used) := {
	"id": sprintf("%s-1", [connector]), "connectorId": connector, "connectionOwnerId": "amy",
	"runtimeSource": "embedded", "used": used,
}

_flow(trigger, connections) := {
	"id": "f1", "displayName": "Post to Twitter on product launch", "environmentId": "prod", "creatorId": "amy",
	"state": "Suspended", "trigger": trigger, "connectionReferences": connections,
}

_policy(id, business, non_business, blocked, default_class) := {
	"id": id, "displayName": sprintf("Policy %s", [id]), "environmentType": "AllEnvironments",
	"connectorGroups": {"business": business, "nonBusiness": non_business, "blocked": blocked},
	"defaultConnectorClassification": default_class,
}

_tenant(policies, flow) := {
	"sections": {"flows": true, "environments": true, "dlpPolicies": true},
	"environments": {"prod": {"id": "prod", "displayName": "Contoso Production", "type": "Production"}},
	"dlpPolicies": {p.id: p | some p in policies},
	"index": {"dlpPoliciesByEnvironment": {"prod": [p.id | some p in policies]}},
	"flows": {"f1": flow},
}

_automated := {"kind": "automated", "connectorId": "shared_sharepointonline"}

_baseline := _policy("A", ["shared_sharepointonline"], ["shared_twitter"], ["shared_facebook"], "nonBusiness")

test_fail_business_and_non_business_mix if {
	flow := _flow(_automated, [_conn("shared_sharepointonline", true), _conn("shared_twitter", true)])
	findings := dlp_connector_violation.findings with data.tenant as _tenant([_baseline], flow)
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-10"
	f.severity == "high"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Post to Twitter on product launch"}
	not f.principal
	f.message == "Flow \"Post to Twitter on product launch\" (Suspended) in environment \"Contoso Production\" breaks the DLP policies in force: under \"Policy A\" it mixes business shared_sharepointonline with non-business shared_twitter."
}

test_fail_blocked_in_any_applying_policy if {
	strict := _policy("B", ["shared_sharepointonline"], [], ["http"], "blocked")
	flow := _flow(_automated, [_conn("shared_sharepointonline", true), _conn("http", true)])
	findings := dlp_connector_violation.findings with data.tenant as _tenant([_baseline, strict], flow)
	[f] := [f | some f in findings]
	contains(f.message, "under \"Policy A\" it mixes business shared_sharepointonline with non-business http")
	contains(f.message, "under \"Policy B\" it blocks http")
}

test_fail_use_not_confirmed_still_gives_the_finding if {
	# used null: the listing did not name the connector of every step, so the mix may be real.
	flow := _flow(_automated, [_conn("shared_sharepointonline", null), _conn("shared_twitter", null)])
	findings := dlp_connector_violation.findings with data.tenant as _tenant([_baseline], flow)
	[f] := [f | some f in findings]
	contains(f.message, "under \"Policy A\" it mixes business shared_sharepointonline with non-business shared_twitter.")

	# The trigger's connector is confirmed; only the connection's use is not.
	endswith(f.message, " Use of shared_twitter by the flow could not be confirmed: the export does not say which connectors its steps call.")
}

test_fail_unconfirmed_connector_outside_the_breach_is_not_named if {
	flow := _flow(_automated, [_conn("shared_twitter", true), _conn("shared_office365", null)])
	strict := _policy("A", ["shared_sharepointonline", "shared_office365"], [], ["shared_twitter"], "business")
	findings := dlp_connector_violation.findings with data.tenant as _tenant([strict], flow)
	[f] := [f | some f in findings]
	contains(f.message, "it blocks shared_twitter.")
	not contains(f.message, "could not be confirmed")
}

test_success_each_policy_satisfied_on_its_own if {
	# Business in one policy and non-business in another is not a mix: each policy is judged alone.
	all_business := _policy("A", ["shared_sharepointonline", "shared_dropbox"], [], [], "nonBusiness")
	all_non_business := _policy("B", [], ["shared_sharepointonline", "shared_dropbox"], [], "business")
	flow := _flow(_automated, [_conn("shared_sharepointonline", true), _conn("shared_dropbox", true)])
	count(dlp_connector_violation.findings) == 0 with data.tenant as _tenant([all_business, all_non_business], flow)
}

test_fail_unlisted_connector_falls_in_default_group if {
	flow := _flow(_automated, [_conn("shared_gmail", true)])
	findings := dlp_connector_violation.findings with data.tenant as _tenant([_baseline], flow)
	[f] := [f | some f in findings]
	contains(f.message, "mixes business shared_sharepointonline with non-business shared_gmail")

	no_default := object.remove(_baseline, ["defaultConnectorClassification"])
	count(dlp_connector_violation.findings) == 1 with data.tenant as _tenant([no_default], flow)

	blocked_default := _policy("A", ["shared_sharepointonline"], [], [], "blocked")
	blocked := dlp_connector_violation.findings with data.tenant as _tenant([blocked_default], flow)
	[b] := [b | some b in blocked]
	contains(b.message, "it blocks shared_gmail")
}

test_fail_trigger_connector_counts if {
	flow := _flow({"kind": "automated", "connectorId": "shared_twitter"}, [_conn("shared_sharepointonline", true)])
	count(dlp_connector_violation.findings) == 1 with data.tenant as _tenant([_baseline], flow)
}

test_success_unused_connection_not_counted if {
	flow := _flow(_automated, [_conn("shared_sharepointonline", true), _conn("shared_facebook", false)])
	count(dlp_connector_violation.findings) == 0 with data.tenant as _tenant([_baseline], flow)
}

test_success_business_only if {
	flow := _flow({"kind": "scheduled"}, [_conn("shared_sharepointonline", true)])
	count(dlp_connector_violation.findings) == 0 with data.tenant as _tenant([_baseline], flow)
}

test_success_environment_without_policy if {
	flow := _flow(_automated, [_conn("shared_twitter", true)])
	tenant := object.union(_tenant([_baseline], flow), {"index": {"dlpPoliciesByEnvironment": {"prod": []}}})
	count(dlp_connector_violation.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_without_dlp_policies if {
	flow := _flow(_automated, [_conn("shared_twitter", true)])
	tenant := {"sections": {"flows": true, "environments": true}, "flows": {"f1": flow}}
	count(dlp_connector_violation.findings) == 0 with data.tenant as tenant
	reports := dlp_connector_violation.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-10"
	r.section == "dlpPolicies"
}

# The import could not read policy B's connector groups (a listing without them, no per-policy response):
# B may block anything, so the flow is not judged, and the report says why, never "no breach".
test_not_evaluated_when_a_policy_in_force_has_unknown_groups if {
	unknown := object.union(_policy("B", [], [], [], null), {"connectorGroups": null})
	flow := _flow(_automated, [_conn("shared_sharepointonline", true), _conn("shared_twitter", true)])
	tenant := object.union(_tenant([_baseline, unknown], flow), {"notCollected": {"dlpPolicies[].connectorGroups": true}})
	count(dlp_connector_violation.findings) == 0 with data.tenant as tenant
	[r] := [r | some r in dlp_connector_violation.not_evaluated] with data.tenant as tenant
	r.section == "dlpPolicies[].connectorGroups"
	contains(r.reason, "(Policy B) are not in the export: 1 flow(s)")
}

# Without the collection record, a null group is what a hand-written export says: it lists nothing.
test_fail_null_groups_in_a_hand_written_export_list_nothing if {
	empty := object.union(_policy("B", [], [], [], "nonBusiness"), {"connectorGroups": null})
	flow := _flow(_automated, [_conn("shared_sharepointonline", true), _conn("shared_twitter", true)])
	count(dlp_connector_violation.findings) == 1 with data.tenant as _tenant([_baseline, empty], flow)
}
