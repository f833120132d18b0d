package shareguard.controls.spo.site_guest_owner_test

import data.shareguard.controls.spo.site_guest_owner as control

_users := {
	"m": {"id": "m", "userPrincipalName": "ana@contoso.com", "displayName": "Ana", "userType": "Member"},
	"g": {"id": "g", "userPrincipalName": "bo_fabrikam.com#EXT#@contoso.onmicrosoft.com", "displayName": "Bo", "userType": "Guest"},
}

_tenant(sites, groups) := {
	"sections": {"sites": true, "users": true, "groups": true},
	"users": _users,
	"groups": groups,
	"sites": {s.id: s | some s in sites},
}

test_fail_direct_guest_owner if {
	tenant := _tenant([{"id": "s1", "url": "https://c.sharepoint.com/sites/a", "title": "Alpha", "owners": ["m", "g"]}], {})
	[f] := [f | some f in control.findings] with data.tenant as tenant
	f.controlId == "SG-SPO-09"
	f.severity == "high"
	f.principal.id == "g"
	f.resource.kind == "site"
	contains(f.message, "owns site \"Alpha\" (https://c.sharepoint.com/sites/a) directly")
}

test_fail_guest_in_owner_group if {
	groups := {"og": {"id": "og", "displayName": "Alpha Owners", "transitiveMembers": ["g", "m"]}}
	tenant := _tenant([{"id": "s1", "url": "https://c.sharepoint.com/sites/a", "owners": ["og"]}], groups)
	[f] := [f | some f in control.findings] with data.tenant as tenant
	contains(f.message, "through owner group \"Alpha Owners\"")
}

test_fail_guest_owns_the_sites_group if {
	groups := {"m365": {"id": "m365", "displayName": "Alpha", "owners": ["g"], "transitiveMembers": []}}
	tenant := _tenant([{"id": "s1", "url": "https://c.sharepoint.com/sites/a", "groupId": "m365", "owners": []}], groups)
	[f] := [f | some f in control.findings] with data.tenant as tenant
	contains(f.message, "as an owner of its Microsoft 365 group \"Alpha\"")
}

test_success_member_owners_only if {
	groups := {"m365": {"id": "m365", "displayName": "Alpha", "owners": ["m"], "transitiveMembers": ["g"]}}
	tenant := _tenant([{"id": "s1", "url": "https://c.sharepoint.com/sites/a", "groupId": "m365", "owners": ["m"]}], groups)
	count(control.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_owners_not_collected if {
	tenant := object.union(_tenant([], {}), {"notCollected": {"sites[].owners": true}})
	{r.section | some r in control.not_evaluated} == {"sites[].owners"} with data.tenant as tenant
}

test_not_evaluated_without_sections if {
	{r.section | some r in control.not_evaluated} == {"sites", "users"} with data.tenant as {"sections": {}}
}
