package shareguard.lib.findings_test

import data.shareguard.lib

# A metadata chain as rego.metadata.chain() gives it: the rule's own entry first, the package's (with custom.id) last.
_chain := [
	{"path": ["data", "x", "findings"], "annotations": {"title": "rule title"}},
	{"path": ["data", "x"], "annotations": {
		"title": "Control title",
		"custom": {
			"id": "SG-TEST-01", "severity": "high", "remediation": "fix it", "references": ["ref-1"],
			"params": {"limit": 5, "names": ["a"]}, "sections": ["users", "flows"],
		},
	}},
]

test_control_is_the_entry_with_an_id if {
	lib.control(_chain).title == "Control title"
	not lib.control([{"path": ["data", "x"], "annotations": {"title": "no id"}}])
}

test_param_given_wins_over_default if {
	lib.param(_chain, "limit") == 5
	lib.param(_chain, "limit") == 0 with input.params as {"SG-TEST-01": {"limit": 0}}

	# A parameter given for another control does not leak into this one.
	lib.param(_chain, "limit") == 5 with input.params as {"SG-TEST-02": {"limit": 0}}

	# A given false or empty list is a value, not "not given".
	lib.param(_chain, "names") == [] with input.params as {"SG-TEST-01": {"names": []}}
	not lib.param(_chain, "unknown")
}

test_finding_takes_metadata_and_props_override if {
	f := lib.finding(_chain, {"resource": {"kind": "tenant", "id": "t"}, "message": "m"})
	f == {
		"controlId": "SG-TEST-01", "severity": "high", "title": "Control title", "remediation": "fix it",
		"references": ["ref-1"], "resource": {"kind": "tenant", "id": "t"}, "message": "m",
	}
	lib.finding(_chain, {"severity": "low"}).severity == "low"
}

test_finding_without_references_has_an_empty_list if {
	chain := [{"path": ["data", "y"], "annotations": {
		"title": "T",
		"custom": {"id": "SG-TEST-02", "severity": "low", "remediation": "r"},
	}}]
	lib.finding(chain, {}).references == []
}

test_missing_sections_and_their_reports if {
	lib.missing_sections(_chain) == {"flows"} with data.tenant as {"sections": {"users": true}}
	lib.missing_sections(_chain) == set() with data.tenant as {"sections": {"users": true, "flows": true}}
	lib.sections_not_evaluated(_chain) == {{
		"controlId": "SG-TEST-01", "section": "flows",
		"reason": "section absent from the export",
	}} with data.tenant as {"sections": {"users": true}}
}

test_days_since_counts_whole_days if {
	# 1795996800 is 2026-12-01T00:00:00Z; one second short of a day is 0 days, a day is 1.
	lib.days_since(1795996800 - 86399) == 0 with input.asOf as 1795996800
	lib.days_since(1795996800 - 86400) == 1 with input.asOf as 1795996800
	lib.days_since(1795996800 - (90 * 86400)) == 90 with input.asOf as 1795996800
}
