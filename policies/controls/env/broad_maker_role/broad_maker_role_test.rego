package shareguard.controls.env.broad_maker_role_test

import data.shareguard.controls.env.broad_maker_role
import data.shareguard.lib.testing

_user(id, enabled) := {"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id, "userType": "Member", "accountEnabled": enabled}

# Ten users u0..u9, u9 disabled.
_users := {id: _user(id, id != "u9") | some i in numbers.range(0, 9); id := sprintf("u%d", [i])}

_maker(id, type) := {"principalId": id, "principalType": type, "role": "EnvironmentMaker"}

_tenant(type, assignments, groups) := testing.with_indexes({
	"sections": {"users": true, "groups": true, "environments": true},
	"users": _users,
	"groups": {g.id: g | some g in groups},
	"environments": {"e1": {"id": "e1", "displayName": "Contoso Production", "type": type, "roleAssignments": assignments}},
})

_group(id, name, members) := {"id": id, "displayName": name, "transitiveMembers": members, "memberCount": count(members)}

# Group-size part: a small limit so the test stays readable.
_small := {"SG-ENV-04": {"maxMakerGroupSize": 2, "maxMakerShare": 0.9}}

test_fail_group_larger_than_limit if {
	tenant := _tenant("Production", [_maker("g1", "Group")], [_group("g1", "All Staff", ["u1", "u2", "u3"])])
	findings := broad_maker_role.findings with data.tenant as tenant with input.params as _small
	[f] := [f | some f in findings]
	f.controlId == "SG-ENV-04"
	f.severity == "medium"
	f.resource == {"kind": "environment", "id": "e1", "displayName": "Contoso Production"}
	f.principal == {"kind": "group", "id": "g1", "displayName": "All Staff"}
	f.message == "EnvironmentMaker in Production environment \"Contoso Production\" is granted to group \"All Staff\", which has 3 members (limit 2)."
}

test_fail_group_size_default_limit_from_member_count if {
	big := {"id": "g1", "displayName": "All Staff", "transitiveMembers": ["u1"], "memberCount": 101}
	tenant := _tenant("Production", [_maker("g1", "Group")], [big])
	findings := broad_maker_role.findings with data.tenant as tenant
	some f in findings
	f.principal.id == "g1"
	contains(f.message, "has 101 members (limit 100)")
}

test_success_group_at_limit if {
	tenant := _tenant("Production", [_maker("g1", "Group")], [_group("g1", "Makers", ["u1", "u2"])])
	count(broad_maker_role.findings) == 0 with data.tenant as tenant with input.params as _small
}

test_fail_share_of_enabled_users if {
	# 9 enabled users; limit 20% = 1.8: u1 directly, u2 and u3 through a group, u9 is disabled and not counted.
	tenant := _tenant(
		"Production",
		[_maker("u1", "User"), _maker("g1", "Group"), _maker("u9", "User")],
		[_group("g1", "Makers", ["u2", "u3", "u1"])],
	)
	findings := broad_maker_role.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	not f.principal
	f.resource.id == "e1"
	f.message == "3 of the tenant's 9 enabled users (33%) hold EnvironmentMaker in Production environment \"Contoso Production\", directly or through groups (limit 20%)."
}

test_fail_both_parts_two_findings if {
	tenant := _tenant("Production", [_maker("g1", "Group")], [_group("g1", "All Staff", ["u1", "u2", "u3", "u4"])])
	findings := broad_maker_role.findings with data.tenant as tenant with input.params as {"SG-ENV-04": {"maxMakerGroupSize": 3, "maxMakerShare": 0.2}}
	count(findings) == 2
	{object.get(f, ["principal", "id"], "") | some f in findings} == {"g1", ""}
}

test_success_share_within_limit if {
	tenant := _tenant("Production", [_maker("u1", "User")], [])
	count(broad_maker_role.findings) == 0 with data.tenant as tenant
}

test_success_disabled_makers_not_counted if {
	# u9 is disabled: one enabled maker of 9 is under 20%.
	tenant := _tenant("Production", [_maker("u1", "User"), _maker("u9", "User"), _maker("gone", "User")], [])
	count(broad_maker_role.findings) == 0 with data.tenant as tenant
}

test_success_other_roles_not_counted if {
	admins := [{"principalId": id, "principalType": "User", "role": "SystemAdministrator"} | some id in ["u1", "u2", "u3", "u4"]]
	tenant := _tenant("Production", admins, [])
	count(broad_maker_role.findings) == 0 with data.tenant as tenant
}

test_success_not_production if {
	tenant := _tenant("Sandbox", [_maker("g1", "Group")], [_group("g1", "All Staff", ["u1", "u2", "u3", "u4"])])
	count(broad_maker_role.findings) == 0 with data.tenant as tenant with input.params as _small
}

test_not_evaluated_group_makers_without_groups if {
	tenant := object.union(
		_tenant("Production", [_maker("g1", "Group")], []),
		{"sections": {"users": true, "groups": false, "environments": true}},
	)
	count(broad_maker_role.findings) == 0 with data.tenant as tenant
	{r.section | some r in broad_maker_role.not_evaluated} == {"groups"} with data.tenant as tenant
}

test_not_evaluated_without_users if {
	tenant := {
		"sections": {"environments": true},
		"environments": {"e1": {"id": "e1", "displayName": "P", "type": "Production", "roleAssignments": [_maker("u1", "User")]}},
	}
	count(broad_maker_role.findings) == 0 with data.tenant as tenant
	{r.section | some r in broad_maker_role.not_evaluated} == {"users"} with data.tenant as tenant
}
