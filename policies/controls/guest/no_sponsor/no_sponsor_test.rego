package shareguard.controls.guest.no_sponsor_test

import data.shareguard.controls.guest.no_sponsor

_guest(id, sponsors) := {
	"id": id,
	"userPrincipalName": sprintf("%s_fabrikam.com#EXT#@contoso.onmicrosoft.com", [id]),
	"displayName": id,
	"userType": "Guest",
	"sponsors": sponsors,
}

_member(id, enabled) := {
	"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id,
	"userType": "Member", "accountEnabled": enabled,
}

_tenant(users, groups) := {
	"sections": {"users": true, "groups": true},
	"users": {u.id: u | some u in users},
	"groups": groups,
}

_findings(users, groups) := fs if {
	fs := no_sponsor.findings with data.tenant as _tenant(users, groups)
}

test_fail_empty_sponsor_list if {
	[f] := [f | some f in _findings([_guest("paul", [])], {})]
	f.controlId == "SG-GUEST-03"
	f.severity == "low"
	f.resource == {"kind": "user", "id": "paul", "displayName": "paul"}
	contains(f.message, "Guest paul (paul_fabrikam.com#EXT#@contoso.onmicrosoft.com) has no sponsor:")
}

test_fail_sponsors_disabled_or_deleted if {
	users := [_member("hannah", false), _guest("ravi", ["hannah", "gone"])]
	[f] := [f | some f in _findings(users, {})]
	f.resource.id == "ravi"
	contains(f.message, "has no active sponsor (hannah (hannah@contoso.com) disabled; unknown principal gone (deleted or not exported))")
	not contains(f.message, "no longer exists")
	contains(f.message, "has no active sponsor (hannah (hannah@contoso.com) disabled; unknown principal gone")
}

test_success_enabled_sponsor if {
	users := [_member("adele", true), _member("hannah", false), _guest("ravi", ["hannah", "adele"])]
	count(_findings(users, {})) == 0
}

test_success_group_sponsor if {
	groups := {"g1": {"id": "g1", "displayName": "Partner Managers", "transitiveMembers": []}}
	count(_findings([_guest("ravi", ["g1"])], groups)) == 0
}

test_success_unknown_sponsor_may_be_a_group_when_groups_absent if {
	tenant := {"sections": {"users": true}, "users": {"ravi": _guest("ravi", ["g1"])}}
	count(no_sponsor.findings) == 0 with data.tenant as tenant
}

test_success_member_without_sponsor if {
	member := object.union(_member("amy", true), {"sponsors": []})
	count(_findings([member], {})) == 0
}

test_not_evaluated_sponsors_not_exported if {
	guest := object.remove(_guest("wei", []), ["sponsors"])
	count(_findings([guest], {})) == 0
	reports := no_sponsor.not_evaluated with data.tenant as _tenant([guest, _guest("zoe", null)], {})
	reports == {{
		"controlId": "SG-GUEST-03",
		"section": "users[].sponsors",
		"reason": "2 guest(s) carry no sponsors field: whether they have a sponsor is not known",
	}}
}

test_not_evaluated_without_users if {
	reports := no_sponsor.not_evaluated with data.tenant as {"sections": {"flows": true}}
	reports == {{"controlId": "SG-GUEST-03", "section": "users", "reason": "section absent from the export"}}
}
