package shareguard.controls.guest.unlicensed_flow_user_test

import data.shareguard.controls.guest.unlicensed_flow_user
import data.shareguard.lib.testing

_guest(id, licenses) := {
	"id": id,
	"userPrincipalName": sprintf("%s_adatum.com#EXT#@contoso.onmicrosoft.com", [id]),
	"displayName": id,
	"userType": "Guest",
	"licenses": licenses,
}

_alice := {"id": "alice", "userPrincipalName": "alice@contoso.com", "displayName": "Alice", "userType": "Member", "licenses": []}

_flow(id, name, owners, run_only) := {
	"id": id, "displayName": name, "environmentId": "e1", "creatorId": "alice",
	"owners": array.concat([{"principalId": "alice", "principalType": "User"}], owners),
	"runOnlyUsers": run_only,
}

_user(id) := {"principalId": id, "principalType": "User"}

_group(id) := {"principalId": id, "principalType": "Group"}

_tenant(users, groups, flows) := testing.with_indexes({
	"sections": {"users": true, "groups": true, "flows": true},
	"users": {u.id: u | some u in users},
	"groups": groups,
	"flows": {f.id: f | some f in flows},
})

_findings(users, groups, flows) := fs if {
	fs := unlicensed_flow_user.findings with data.tenant as _tenant(users, groups, flows)
}

test_fail_unlicensed_co_owner if {
	flows := [_flow("f1", "Vendor onboarding intake", [_user("marta")], [])]
	[f] := [f | some f in _findings([_alice, _guest("marta", [])], {}, flows)]
	f.controlId == "SG-GUEST-09"
	f.severity == "low"
	f.resource == {"kind": "user", "id": "marta", "displayName": "marta"}
	f.message == "Guest marta (marta_adatum.com#EXT#@contoso.onmicrosoft.com) owns or runs \"Vendor onboarding intake\" (owner) but holds no Power Automate-capable licence in this tenant (licences: none), which is fine only if its home tenant licenses it."
}

test_fail_free_plan_is_not_capable_and_flows_are_named if {
	flows := [
		_flow("f1", "Request vendor quote", [], [_user("wei")]),
		_flow("f2", "Weekly digest", [_user("wei")], [_user("wei")]),
	]
	[f] := [f | some f in _findings([_alice, _guest("wei", ["FLOW_FREE"])], {}, flows)]
	contains(f.message, "owns or runs \"Request vendor quote\" (run-only), \"Weekly digest\" (owner, run-only)")
	contains(f.message, "(licences: FLOW_FREE)")
}

test_fail_through_co_owning_group if {
	groups := {"g1": {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["tariq"]}}
	flows := [_flow("f1", "Weekly sales digest", [_group("g1")], [])]
	[f] := [f | some f in _findings([_alice, _guest("tariq", [])], groups, flows)]
	f.resource.id == "tariq"
}

test_fail_run_only_through_group if {
	groups := {"g1": {"id": "g1", "displayName": "All Staff", "transitiveMembers": ["tariq"]}}
	flows := [_flow("f1", "Leave request", [], [_group("g1")])]
	count(_findings([_alice, _guest("tariq", [])], groups, flows)) == 1
}

test_fail_guest_creator if {
	flow := object.union(_flow("f1", "Guest-built flow", [], []), {"creatorId": "marta", "owners": []})
	count(_findings([_guest("marta", [])], {}, [flow])) == 1
}

test_success_capable_licence_case_insensitive if {
	flows := [_flow("f1", "Expense Approval", [_user("ravi")], [])]
	count(_findings([_alice, _guest("ravi", ["spe_e3"])], {}, flows)) == 0
	count(_findings([_alice, _guest("ravi", ["FLOW_FREE", "FLOW_PER_USER"])], {}, flows)) == 0
}

test_success_unlicensed_member_not_checked if {
	flows := [_flow("f1", "Expense Approval", [], [])]
	count(_findings([_alice], {}, flows)) == 0
}

test_success_guest_without_flows if {
	count(_findings([_alice, _guest("emma", [])], {}, [_flow("f1", "X", [], [])])) == 0
}

test_success_disabled_guest if {
	guest := object.union(_guest("ben", []), {"accountEnabled": false})
	count(_findings([_alice, guest], {}, [_flow("f1", "X", [_user("ben")], [])])) == 0
}

test_success_param_lists_the_licence if {
	tenant := _tenant([_alice, _guest("marta", ["CUSTOM_SKU"])], {}, [_flow("f1", "X", [_user("marta")], [])])
	count(unlicensed_flow_user.findings) == 0 with data.tenant as tenant
		with input.params as {"SG-GUEST-09": {"flowLicenses": ["custom_sku"]}}
}

test_not_evaluated_licences_unknown_aggregated if {
	flows := [_flow("f1", "X", [_user("a"), _user("b")], [_user("c")])]
	users := [_alice, object.remove(_guest("a", []), ["licenses"]), _guest("b", null), _guest("c", [])]
	[f] := [f | some f in _findings(users, {}, flows)]
	f.resource.id == "c"
	reports := unlicensed_flow_user.not_evaluated with data.tenant as _tenant(users, {}, flows)
	reports == {{
		"controlId": "SG-GUEST-09",
		"section": "users[].licenses",
		"reason": "2 guest(s) who own or run flows carry no licenses field: their licence is not known",
	}}
}

test_not_evaluated_groups_absent if {
	tenant := {
		"sections": {"users": true, "flows": true},
		"users": {"alice": _alice},
		"flows": {"f1": _flow("f1", "X", [_group("g1")], [])},
	}
	reports := unlicensed_flow_user.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "groups"
}

test_not_evaluated_without_flows if {
	reports := unlicensed_flow_user.not_evaluated with data.tenant as {"sections": {"users": true}, "users": {}}
	reports == {{"controlId": "SG-GUEST-09", "section": "flows", "reason": "section absent from the export"}}
}
