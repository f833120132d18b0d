package shareguard.controls.teams.anonymous_meetings_test

import data.shareguard.controls.teams.anonymous_meetings as control

_safe := {"id": "Global", "anonymousUsersCanJoin": false, "anonymousUsersCanStart": false, "autoAdmittedUsers": "EveryoneInCompanyExcludingGuests", "dialInBypassLobby": false}

_tenant(policies) := {"sections": {"teamsSettings": true}, "teamsSettings": {"meetingPolicies": policies}}

test_success_safe_policy if {
	count(control.findings) == 0 with data.tenant as _tenant([_safe])
	count(control.not_evaluated) == 0 with data.tenant as _tenant([_safe])
}

test_fail_each_problem_with_its_severity if {
	cases := [
		["anonymousUsersCanStart", true, "high"],
		["autoAdmittedUsers", "Everyone", "high"],
		["dialInBypassLobby", true, "medium"],
		["anonymousUsersCanJoin", true, "low"],
	]
	every c in cases {
		[field, value, severity] := c
		[f] := [f | some f in control.findings] with data.tenant as _tenant([object.union(_safe, {field: value})])
		f.controlId == "SG-TEAMS-03"
		f.severity == severity
		f.path == sprintf("teamsSettings.meetingPolicies[0].%s", [field])
	}
}

test_success_federated_companies_admitted if {
	# Admitting federated organisations' users is not admitting anonymous people.
	count(control.findings) == 0 with data.tenant as _tenant([object.union(_safe, {"autoAdmittedUsers": "EveryoneInSameAndFederatedCompany"})])
}

test_fail_one_finding_per_policy_at_the_highest_severity if {
	tenant := _tenant([object.union(_safe, {"anonymousUsersCanJoin": true, "dialInBypassLobby": true})])
	[f] := [f | some f in control.findings] with data.tenant as tenant
	f.severity == "medium"
	f.resource == {"kind": "meetingPolicy", "id": "Global", "displayName": "Global"}
	f.path == "teamsSettings.meetingPolicies[0].dialInBypassLobby"
	f.message == "Teams meeting policy Global: dial-in callers skip the lobby; anonymous people may join."
}

test_fail_names_the_custom_policy if {
	tenant := _tenant([_safe, object.union(_safe, {"id": "Tag:Webinars", "anonymousUsersCanJoin": true})])
	[f] := [f | some f in control.findings] with data.tenant as tenant
	f.path == "teamsSettings.meetingPolicies[1].anonymousUsersCanJoin"
	contains(f.message, "Tag:Webinars")
}

test_not_evaluated_field_unknown if {
	tenant := _tenant([{"id": "Global", "anonymousUsersCanJoin": true}])
	count(control.findings) == 1 with data.tenant as tenant
	count(control.not_evaluated) == 3 with data.tenant as tenant
}

test_not_evaluated_policies_absent if {
	{r.section | some r in control.not_evaluated} == {"teamsSettings.meetingPolicies"} with data.tenant as {"sections": {"teamsSettings": true}, "teamsSettings": {}}
	{r.section | some r in control.not_evaluated} == {"teamsSettings"} with data.tenant as {"sections": {}}
}
