package shareguard.controls.env.guest_privileged_role_test

import data.shareguard.controls.env.guest_privileged_role

_users := {
	"gina": {"id": "gina", "userPrincipalName": "gina_fabrikam.com#EXT#@contoso.onmicrosoft.com", "displayName": "Gina", "userType": "Guest"},
	"bob": {"id": "bob", "userPrincipalName": "bob@contoso.com", "displayName": "Bob", "userType": "Member"},
}

_tenant(assignments, groups) := {
	"sections": {"users": true, "groups": true, "environments": true},
	"users": _users,
	"groups": groups,
	"environments": {"e1": {"id": "e1", "displayName": "Contoso Production", "type": "Production", "roleAssignments": assignments}},
}

test_fail_guest_maker if {
	tenant := _tenant([{"principalId": "gina", "principalType": "User", "role": "EnvironmentMaker"}], {})
	findings := guest_privileged_role.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-ENV-01"
	f.severity == "high"
	f.resource == {"kind": "environment", "id": "e1", "displayName": "Contoso Production"}
	f.principal == {"kind": "user", "id": "gina", "displayName": "Gina"}
	contains(f.message, "holds EnvironmentMaker in environment")
}

test_fail_guest_admin_through_group_one_finding_for_two_roles if {
	groups := {"g1": {"id": "g1", "displayName": "Project Falcon", "transitiveMembers": ["bob", "gina"]}}
	tenant := _tenant(
		[
			{"principalId": "g1", "principalType": "Group", "role": "EnvironmentAdmin"},
			{"principalId": "gina", "principalType": "User", "role": "SystemAdministrator"},
		],
		groups,
	)
	findings := guest_privileged_role.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	contains(f.message, "EnvironmentAdmin through group \"Project Falcon\", SystemAdministrator")
}

test_fail_two_guests_two_findings if {
	users := object.union(_users, {"hal": {"id": "hal", "userPrincipalName": "hal_adatum.com#EXT#@contoso.onmicrosoft.com", "userType": "Guest"}})
	tenant := object.union(
		_tenant(
			[
				{"principalId": "gina", "principalType": "User", "role": "EnvironmentMaker"},
				{"principalId": "hal", "principalType": "User", "role": "EnvironmentMaker"},
			],
			{},
		),
		{"users": users},
	)
	count(guest_privileged_role.findings) == 2 with data.tenant as tenant
}

test_success_guest_basic_user if {
	tenant := _tenant([{"principalId": "gina", "principalType": "User", "role": "BasicUser"}], {})
	count(guest_privileged_role.findings) == 0 with data.tenant as tenant
}

test_success_member_maker if {
	tenant := _tenant([{"principalId": "bob", "principalType": "User", "role": "EnvironmentMaker"}], {})
	count(guest_privileged_role.findings) == 0 with data.tenant as tenant
}

test_success_unknown_principal if {
	tenant := _tenant([{"principalId": "deleted-9", "principalType": "User", "role": "EnvironmentAdmin"}], {})
	count(guest_privileged_role.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_without_environments if {
	reports := guest_privileged_role.not_evaluated with data.tenant as {"sections": {"users": true}}
	{r.section | some r in reports} == {"environments"}
}

test_fail_message_lists_only_that_guests_roles_in_that_environment if {
	users := object.union(_users, {"hal": {"id": "hal", "userPrincipalName": "hal_adatum.com#EXT#@contoso.onmicrosoft.com", "displayName": "Hal", "userType": "Guest"}})
	environments := {
		"e1": {"id": "e1", "displayName": "Prod", "roleAssignments": [{"principalId": "gina", "principalType": "User", "role": "EnvironmentMaker"}]},
		"e2": {"id": "e2", "displayName": "Dev", "roleAssignments": [{"principalId": "hal", "principalType": "User", "role": "EnvironmentAdmin"}]},
	}
	tenant := {"sections": {"users": true, "environments": true}, "users": users, "environments": environments}
	findings := guest_privileged_role.findings with data.tenant as tenant
	messages := {f.principal.id: f.message | some f in findings}
	messages.gina == "Guest Gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) holds EnvironmentMaker in environment \"Prod\"."
	messages.hal == "Guest Hal (hal_adatum.com#EXT#@contoso.onmicrosoft.com) holds EnvironmentAdmin in environment \"Dev\"."
}
