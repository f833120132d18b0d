package shareguard.controls.teams.guest_channel_management_test

import data.shareguard.controls.teams.guest_channel_management as control

_users := {
	"m": {"id": "m", "userPrincipalName": "ana@contoso.com", "userType": "Member"},
	"g": {"id": "g", "userPrincipalName": "bo_f.com#EXT#@contoso.onmicrosoft.com", "userType": "Guest"},
}

_tenant(members, settings) := {
	"sections": {"teams": true, "groups": true, "users": true},
	"users": _users,
	"groups": {"t1": {"id": "t1", "displayName": "Project", "transitiveMembers": members}},
	"teams": {"t1": {"id": "t1", "displayName": "Project", "guestSettings": settings}},
}

test_fail_guest_may_delete_channels if {
	tenant := _tenant(["m", "g"], {"allowCreateUpdateChannels": false, "allowDeleteChannels": true})
	[f] := [f | some f in control.findings] with data.tenant as tenant
	f.controlId == "SG-TEAMS-01"
	f.severity == "medium"
	f.resource == {"kind": "team", "id": "t1", "displayName": "Project"}
	f.message == "Team \"Project\" has guest members, and guests may delete channels."
}

test_fail_both_rights if {
	tenant := _tenant(["g"], {"allowCreateUpdateChannels": true, "allowDeleteChannels": true})
	[f] := [f | some f in control.findings] with data.tenant as tenant
	contains(f.message, "create and update channels and delete channels")
}

test_success_no_guest_members if {
	tenant := _tenant(["m"], {"allowCreateUpdateChannels": true, "allowDeleteChannels": true})
	count(control.findings) == 0 with data.tenant as tenant
}

test_success_guests_without_rights if {
	tenant := _tenant(["g"], {"allowCreateUpdateChannels": false, "allowDeleteChannels": false})
	count(control.findings) == 0 with data.tenant as tenant
}

test_success_teams_guest_access_off if {
	tenant := object.union(_tenant(["g"], {"allowCreateUpdateChannels": true}), {"teamsSettings": {"guestAccessEnabled": false}})
	count(control.findings) == 0 with data.tenant as tenant
}

test_fail_has_guests_without_groups if {
	tenant := {"sections": {"teams": true}, "teams": {"t1": {"id": "t1", "displayName": "P", "hasGuests": true, "guestSettings": {"allowCreateUpdateChannels": true}}}}
	count(control.findings) == 1 with data.tenant as tenant
}

test_not_evaluated_guests_unknown if {
	tenant := {"sections": {"teams": true}, "teams": {"t1": {"id": "t1", "displayName": "P", "guestSettings": {"allowCreateUpdateChannels": true}}}}
	count(control.findings) == 0 with data.tenant as tenant
	{r.section | some r in control.not_evaluated} == {"teams[].hasGuests", "teamsSettings"} with data.tenant as tenant
}

test_not_evaluated_without_section if {
	{r.section | some r in control.not_evaluated} == {"teams", "teamsSettings"} with data.tenant as {"sections": {}}
}
