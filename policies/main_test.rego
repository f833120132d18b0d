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
