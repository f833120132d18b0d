package shareguard.main_test

import data.shareguard.main

test_result_gathers_findings_and_not_evaluated_from_every_control if {
	tenant := {
		"sections": {"externalCollaboration": true},
		"externalCollaboration": {"guestUserAccess": "sameAsMember", "allowInvitesFrom": "everyone"},
	}
	result := main.result with data.tenant as tenant with input.asOf as 1795996800
	{f.controlId | some f in result.findings} == {"SG-COLLAB-01", "SG-COLLAB-02"}

	# users, flows and environments are absent: the controls that need them say so.
	missing := {[n.controlId, n.section] | some n in result.notEvaluated}
	[["SG-COLLAB-03", "externalCollaboration.invitationDomains"]] == [m | some m in missing; m[0] == "SG-COLLAB-03"]
	["SG-FLOW-02", "users"] in missing
	["SG-ENV-01", "environments"] in missing
}

test_every_finding_has_the_documented_fields if {
	tenant := {"sections": {"externalCollaboration": true}, "externalCollaboration": {"guestUserAccess": "sameAsMember"}}
	result := main.result with data.tenant as tenant with input.asOf as 1795996800
	some f in result.findings
	every key in ["controlId", "severity", "title", "message", "resource", "remediation", "references"] {
		f[key]
	}
}

test_disabled_control_is_left_out if {
	tenant := {"sections": {"externalCollaboration": true}, "externalCollaboration": {"guestUserAccess": "sameAsMember"}}
	result := main.result with data.tenant as tenant
		with input as {"asOf": 1795996800, "controls": {"SG-COLLAB-01": {"enabled": false}, "SG-COLLAB-02": {"enabled": false}}}
	not "SG-COLLAB-01" in {f.controlId | some f in result.findings}
	not "SG-COLLAB-02" in {n.controlId | some n in result.notEvaluated}
}

test_severity_override_replaces_the_default if {
	tenant := {"sections": {"externalCollaboration": true}, "externalCollaboration": {"guestUserAccess": "sameAsMember"}}
	result := main.result with data.tenant as tenant
		with input as {"asOf": 1795996800, "controls": {"SG-COLLAB-01": {"severity": "critical"}}}
	some f in result.findings
	f.controlId == "SG-COLLAB-01"
	f.severity == "critical"
}
