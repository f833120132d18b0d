package shareguard.controls.group.guest_in_restricted_group_test

import data.shareguard.controls.group.guest_in_restricted_group

_users := {
	"emma": {"id": "emma", "userPrincipalName": "emma_woodgrovebank.com#EXT#@contoso.onmicrosoft.com", "displayName": "Emma Larsen", "userType": "Guest"},
	"pat": {"id": "pat", "userPrincipalName": "pat@contoso.com", "displayName": "Patti", "userType": "Member"},
	"lukas": {
		"id": "lukas", "userPrincipalName": "lukas_contosopharma.com#EXT#@contoso.onmicrosoft.com", "displayName": "Lukas",
		"userType": "Member", "identities": [{"signInType": "federated", "issuer": "ExternalAzureAD"}],
	},
}

_group(id, name, extra) := object.union(
	{"id": id, "displayName": name, "groupTypes": ["Unified"], "members": ["pat", "emma"], "transitiveMembers": ["pat", "emma"]},
	extra,
)

_tenant(groups) := {
	"sections": {"users": true, "groups": true},
	"users": _users,
	"groups": {g.id: g | some g in groups},
}

_findings(groups) := fs if {
	fs := guest_in_restricted_group.findings with data.tenant as _tenant(groups)
}

test_fail_both_reasons_one_finding if {
	group := _group("g1", "Finance Team", {"allowToAddGuests": false})
	[f] := [f | some f in _findings([group])]
	f.controlId == "SG-GROUP-01"
	f.severity == "high"
	f.resource == {"kind": "group", "id": "g1", "displayName": "Finance Team"}
	f.principal == {"kind": "user", "id": "emma", "displayName": "Emma Larsen"}
	f.message == "Guest Emma Larsen (emma_woodgrovebank.com#EXT#@contoso.onmicrosoft.com) is a member of group \"Finance Team\" although guest access is turned off for it (allowToAddGuests false) and its name marks it as sensitive."
}

test_fail_guest_access_off_only if {
	[f] := [f | some f in _findings([_group("g1", "All Staff", {"allowToAddGuests": false})])]
	contains(f.message, "although guest access is turned off for it (allowToAddGuests false).")
}

test_fail_sensitive_name_only_case_insensitive if {
	[f] := [f | some f in _findings([_group("g1", "HR CONFIDENTIAL", {})])]
	contains(f.message, "although its name marks it as sensitive.")
}

test_fail_through_nested_group if {
	group := _group("g1", "Payroll Approvers", {"members": ["pat", "g2"], "transitiveMembers": ["pat", "emma"]})
	[f] := [f | some f in _findings([group])]
	contains(f.message, "\"Payroll Approvers\" through a nested group although")
}

test_success_ordinary_project_group if {
	group := _group("g1", "Project Falcon - External", {"allowToAddGuests": true})
	count(_findings([group])) == 0
}

test_success_word_inside_another_word_is_not_sensitive if {
	# "hr" inside "Three" or "board" inside "Dashboard" is not a sensitive word.
	count(_findings([_group("g1", "Three Rivers Dashboarding", {})])) == 0
}

test_success_no_guest_in_restricted_group if {
	group := _group("g1", "Finance Team", {"allowToAddGuests": false, "members": ["pat", "lukas"], "transitiveMembers": ["pat", "lukas"]})
	count(_findings([group])) == 0
}

test_success_param_replaces_patterns if {
	findings := guest_in_restricted_group.findings with data.tenant as _tenant([_group("g1", "Finance Team", {})])
		with input.params as {"SG-GROUP-01": {"sensitiveGroupPatterns": ["^secret"]}}
	count(findings) == 0
}

test_not_evaluated_without_groups if {
	reports := guest_in_restricted_group.not_evaluated with data.tenant as {"sections": {"users": true}, "users": _users}
	reports == {{"controlId": "SG-GROUP-01", "section": "groups", "reason": "section absent from the export"}}
}
