package shareguard.controls.app.shared_too_widely_test

import data.shareguard.controls.app.shared_too_widely

_users := {
	"olivia": {"id": "olivia", "userPrincipalName": "olivia@contoso.com", "displayName": "Olivia", "userType": "Member"},
	"sipho": {"id": "sipho", "userPrincipalName": "sipho_northwind.com#EXT#@contoso.onmicrosoft.com", "displayName": "Sipho", "userType": "Guest"},
	"hal": {"id": "hal", "userPrincipalName": "hal_adatum.com#EXT#@contoso.onmicrosoft.com", "displayName": "Hal", "userType": "Guest"},
}

_app(everyone, shares) := {
	"id": "a1", "displayName": "Site Inspection Checklist", "environmentId": "e1", "ownerId": "olivia",
	"sharedWithEveryone": everyone, "sharedWith": shares,
}

_tenant(apps, settings) := {
	"sections": {"apps": true, "users": true, "groups": true, "powerPlatform": true},
	"users": _users,
	"groups": {"g1": {"id": "g1", "displayName": "Vendor Portal Editors", "transitiveMembers": ["olivia", "hal", "sipho"]}},
	"apps": {a.id: a | some a in apps},
	"powerPlatform": {"tenantSettings": settings},
}

_allowed := {"disableShareWithEveryone": false}

test_fail_shared_with_everyone_while_allowed if {
	findings := shared_too_widely.findings with data.tenant as _tenant([_app(true, [])], _allowed)
	[f] := [f | some f in findings]
	f.controlId == "SG-APP-01"
	f.severity == "medium"
	f.resource == {"kind": "app", "id": "a1", "displayName": "Site Inspection Checklist"}
	not f.principal
	f.message == "App \"Site Inspection Checklist\" is shared with Everyone in the organisation, and sharing with Everyone is allowed (disableShareWithEveryone is false)."
}

test_fail_shared_with_everyone_setting_unknown_finding_stands if {
	findings := shared_too_widely.findings with data.tenant as _tenant([_app(true, [])], {})
	[f] := [f | some f in findings]
	not f.principal
	contains(f.message, "the export does not say whether sharing with Everyone is disabled")
}

test_fail_shared_with_everyone_power_platform_section_absent if {
	tenant := object.remove(_tenant([_app(true, [])], {}), ["powerPlatform"])
	findings := shared_too_widely.findings with data.tenant as tenant
	{f.resource.id | some f in findings} == {"a1"}
}

test_success_shared_with_everyone_but_disabled_tenant_wide if {
	tenant := _tenant([_app(true, [])], {"disableShareWithEveryone": true})
	count(shared_too_widely.findings) == 0 with data.tenant as tenant
}

test_fail_guest_can_edit_directly if {
	shares := [{"principalId": "sipho", "principalType": "User", "role": "CanEdit"}]
	findings := shared_too_widely.findings with data.tenant as _tenant([_app(false, shares)], _allowed)
	[f] := [f | some f in findings]
	f.resource.id == "a1"
	f.principal == {"kind": "user", "id": "sipho", "displayName": "Sipho"}
	f.message == "Guest Sipho (sipho_northwind.com#EXT#@contoso.onmicrosoft.com) can edit app \"Site Inspection Checklist\" (CanEdit directly): they can change it, its data sources and who it is shared with."
}

test_fail_guests_through_group_one_finding_each if {
	shares := [{"principalId": "g1", "principalType": "Group", "role": "CanEdit"}, {"principalId": "sipho", "principalType": "User", "role": "CanEdit"}]
	findings := shared_too_widely.findings with data.tenant as _tenant([_app(false, shares)], _allowed)
	messages := {f.principal.id: f.message | some f in findings}
	count(findings) == 2
	contains(messages.hal, "(CanEdit through group \"Vendor Portal Editors\")")
	contains(messages.sipho, "(CanEdit directly)")
}

test_fail_everyone_and_guest_are_separate_findings if {
	shares := [{"principalId": "sipho", "principalType": "User", "role": "CanEdit"}]
	findings := shared_too_widely.findings with data.tenant as _tenant([_app(true, shares)], _allowed)
	{object.get(f, ["principal", "id"], "") | some f in findings} == {"", "sipho"}
}

test_success_guest_can_view_member_can_edit if {
	shares := [{"principalId": "sipho", "principalType": "User", "role": "CanView"}, {"principalId": "olivia", "principalType": "User", "role": "CanEdit"}]
	count(shared_too_widely.findings) == 0 with data.tenant as _tenant([_app(false, shares)], _allowed)
}

test_success_unknown_principal_can_edit if {
	shares := [{"principalId": "deleted-1", "principalType": "User", "role": "CanEdit"}]
	count(shared_too_widely.findings) == 0 with data.tenant as _tenant([_app(false, shares)], _allowed)
}

test_not_evaluated_group_can_edit_without_groups if {
	shares := [{"principalId": "g1", "principalType": "Group", "role": "CanEdit"}]
	tenant := object.remove(
		object.union(_tenant([_app(false, shares)], _allowed), {"sections": {"groups": false}}),
		["groups"],
	)
	count(shared_too_widely.findings) == 0 with data.tenant as tenant
	{r.section | some r in shared_too_widely.not_evaluated} == {"groups"} with data.tenant as tenant
}

test_not_evaluated_without_apps if {
	tenant := {"sections": {"users": true, "powerPlatform": true}, "users": _users}
	count(shared_too_widely.findings) == 0 with data.tenant as tenant
	{r.section | some r in shared_too_widely.not_evaluated} == {"apps"} with data.tenant as tenant
}

test_not_evaluated_without_power_platform_settings if {
	tenant := {"sections": {"users": true, "apps": true}, "users": _users, "apps": {}}
	{r.section | some r in shared_too_widely.not_evaluated} == {"powerPlatform"} with data.tenant as tenant
}
