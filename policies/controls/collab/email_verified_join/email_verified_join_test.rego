package shareguard.controls.collab.email_verified_join_test

import data.shareguard.controls.collab.email_verified_join

_tenant(collab) := {
	"sections": {"tenant": true, "externalCollaboration": true},
	"tenant": {"id": "t1", "displayName": "Contoso"},
	"externalCollaboration": collab,
}

test_fail_email_verified_join_allowed if {
	findings := email_verified_join.findings with data.tenant as _tenant({"allowEmailVerifiedUsersToJoinOrganization": true})
	[f] := [f | some f in findings]
	f.controlId == "SG-COLLAB-05"
	f.severity == "medium"
	f.resource == {"kind": "tenant", "id": "t1", "displayName": "Contoso"}
	f.path == "externalCollaboration.allowEmailVerifiedUsersToJoinOrganization"
	startswith(f.message, "allowEmailVerifiedUsersToJoinOrganization is true")
}

test_success_email_verified_join_off if {
	tenant := _tenant({"allowEmailVerifiedUsersToJoinOrganization": false})
	count(email_verified_join.findings) == 0 with data.tenant as tenant
	count(email_verified_join.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_when_setting_null if {
	tenant := _tenant({"allowEmailVerifiedUsersToJoinOrganization": null})
	count(email_verified_join.findings) == 0 with data.tenant as tenant
	email_verified_join.not_evaluated == {{
		"controlId": "SG-COLLAB-05",
		"section": "externalCollaboration.allowEmailVerifiedUsersToJoinOrganization",
		"reason": "setting absent or null in the export",
	}} with data.tenant as tenant
}

test_not_evaluated_when_setting_absent if {
	tenant := _tenant({"guestSelfServiceSignUp": true})
	count(email_verified_join.findings) == 0 with data.tenant as tenant
	{r.section | some r in email_verified_join.not_evaluated} == {"externalCollaboration.allowEmailVerifiedUsersToJoinOrganization"} with data.tenant as tenant
}

test_not_evaluated_when_section_absent if {
	tenant := {"sections": {"users": true}}
	count(email_verified_join.findings) == 0 with data.tenant as tenant
	{r.section | some r in email_verified_join.not_evaluated} == {"externalCollaboration"} with data.tenant as tenant
}
