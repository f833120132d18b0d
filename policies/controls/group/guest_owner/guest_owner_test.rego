package shareguard.controls.group.guest_owner_test

import data.shareguard.controls.group.guest_owner

_users := {
	"sipho": {"id": "sipho", "userPrincipalName": "sipho_northwindtraders.com#EXT#@contoso.onmicrosoft.com", "displayName": "Sipho Dlamini", "userType": "Guest"},
	"isaiah": {"id": "isaiah", "userPrincipalName": "isaiah@contoso.com", "displayName": "Isaiah", "userType": "Member"},
}

_tenant(owners, members) := {
	"sections": {"users": true, "groups": true},
	"users": _users,
	"groups": {"g1": {"id": "g1", "displayName": "Vendor Portal Owners", "owners": owners, "members": members, "transitiveMembers": members}},
}

test_fail_guest_owner if {
	findings := guest_owner.findings with data.tenant as _tenant(["sipho", "isaiah"], ["isaiah"])
	[f] := [f | some f in findings]
	f.controlId == "SG-GROUP-02"
	f.severity == "high"
	f.resource == {"kind": "group", "id": "g1", "displayName": "Vendor Portal Owners"}
	f.principal == {"kind": "user", "id": "sipho", "displayName": "Sipho Dlamini"}
	f.message == "Guest Sipho Dlamini (sipho_northwindtraders.com#EXT#@contoso.onmicrosoft.com) owns group \"Vendor Portal Owners\": they manage its membership and settings."
}

test_success_guest_member_not_owner if {
	count(guest_owner.findings) == 0 with data.tenant as _tenant(["isaiah"], ["isaiah", "sipho"])
}

test_success_unknown_owner_is_not_a_guest if {
	count(guest_owner.findings) == 0 with data.tenant as _tenant(["deleted-id"], [])
}

test_not_evaluated_without_users if {
	tenant := {"sections": {"groups": true}, "groups": {}}
	reports := guest_owner.not_evaluated with data.tenant as tenant
	reports == {{"controlId": "SG-GROUP-02", "section": "users", "reason": "section absent from the export"}}
}
