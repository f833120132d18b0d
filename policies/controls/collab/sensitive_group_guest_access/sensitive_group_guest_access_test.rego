package shareguard.controls.collab.sensitive_group_guest_access_test

import data.shareguard.controls.collab.sensitive_group_guest_access

_group(id, name, types, override) := object.union(
	{"id": id, "displayName": name, "groupTypes": types, "members": [], "transitiveMembers": []},
	override,
)

_tenant(tenant_wide, groups) := {
	"sections": {"tenant": true, "externalCollaboration": true, "groups": true},
	"tenant": {"id": "t1", "displayName": "Contoso"},
	"externalCollaboration": {"m365Groups": {"allowToAddGuests": tenant_wide, "allowGuestsToAccessGroups": true}},
	"groups": {g.id: g | some g in groups},
}

test_fail_sensitive_group_inherits_tenant_setting if {
	tenant := _tenant(true, [_group("g1", "HR Confidential", ["Unified"], {})])
	findings := sensitive_group_guest_access.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-COLLAB-07"
	f.severity == "low"
	f.resource == {"kind": "group", "id": "g1", "displayName": "HR Confidential"}
	not f.principal
	contains(f.message, "\"HR Confidential\"")
	contains(f.message, "inherits it: its owners can add guests, who reach its conversations, files and channels.")
}

_content(tenant, access) := object.union(tenant, {"externalCollaboration": {"m365Groups": {"allowToAddGuests": true, "allowGuestsToAccessGroups": access}}})

# Issue 15: with guest access to group content off tenant-wide, an added guest reaches nothing (yet).
test_fail_info_when_guests_cannot_access_group_content if {
	tenant := _content(_tenant(true, [_group("g1", "HR Confidential", ["Unified"], {})]), false)
	[f] := [f | some f in sensitive_group_guest_access.findings] with data.tenant as tenant
	f.severity == "info"
	contains(f.message, "who get nothing while guest access to group content is off tenant-wide (allowGuestsToAccessGroups false)")
}

test_fail_low_when_group_content_access_unknown if {
	tenant := _content(_tenant(true, [_group("g1", "HR Confidential", ["Unified"], {})]), null)
	[f] := [f | some f in sensitive_group_guest_access.findings] with data.tenant as tenant
	f.severity == "low"
	contains(f.message, "whether guests can reach group content is not in the export")
}

test_fail_sensitive_group_null_override_inherits if {
	tenant := _tenant(true, [_group("g1", "Payroll", ["Unified"], {"allowToAddGuests": null})])
	findings := sensitive_group_guest_access.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.resource.id == "g1"
	contains(f.message, "inherits it")
}

test_fail_sensitive_group_explicitly_open if {
	tenant := _tenant(true, [_group("g1", "Board Papers", ["Unified"], {"allowToAddGuests": true})])
	findings := sensitive_group_guest_access.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	contains(f.message, "allows guests itself")
}

test_fail_one_finding_per_group if {
	tenant := _tenant(true, [
		_group("g1", "Finance Team", ["Unified"], {}),
		_group("g2", "Legal", ["Unified"], {}),
		_group("g3", "Sales", ["Unified"], {}),
	])
	findings := sensitive_group_guest_access.findings with data.tenant as tenant
	{f.resource.id | some f in findings} == {"g1", "g2"}
}

test_success_group_closes_guest_access if {
	tenant := _tenant(true, [_group("g1", "HR Confidential", ["Unified"], {"allowToAddGuests": false})])
	count(sensitive_group_guest_access.findings) == 0 with data.tenant as tenant
}

test_success_tenant_wide_off if {
	tenant := _tenant(false, [_group("g1", "HR Confidential", ["Unified"], {})])
	count(sensitive_group_guest_access.findings) == 0 with data.tenant as tenant
	count(sensitive_group_guest_access.not_evaluated) == 0 with data.tenant as tenant
}

test_success_security_group_not_microsoft_365 if {
	tenant := _tenant(true, [_group("g1", "Finance Approvers", [], {"securityEnabled": true})])
	count(sensitive_group_guest_access.findings) == 0 with data.tenant as tenant
}

test_success_name_not_sensitive if {
	# "hr" must be a word: "Chrome rollout" does not match.
	tenant := _tenant(true, [_group("g1", "Chrome rollout", ["Unified"], {}), _group("g2", "Project Falcon", ["Unified"], {})])
	count(sensitive_group_guest_access.findings) == 0 with data.tenant as tenant
}

test_fail_custom_patterns_param if {
	tenant := _tenant(true, [_group("g1", "Project Falcon", ["Unified"], {})])
	findings := sensitive_group_guest_access.findings with data.tenant as tenant
		with input.params as {"SG-COLLAB-07": {"sensitiveGroupPatterns": ["falcon"]}}
	{f.resource.id | some f in findings} == {"g1"}
}

test_not_evaluated_tenant_wide_setting_unknown if {
	tenant := object.union(_tenant(true, [_group("g1", "HR Confidential", ["Unified"], {})]), {"externalCollaboration": {"m365Groups": {"allowToAddGuests": null}}})
	count(sensitive_group_guest_access.findings) == 0 with data.tenant as tenant
	sensitive_group_guest_access.not_evaluated == {{
		"controlId": "SG-COLLAB-07",
		"section": "externalCollaboration.m365Groups.allowToAddGuests",
		"reason": "setting absent or null in the export",
	}} with data.tenant as tenant
}

test_not_evaluated_without_groups_section if {
	tenant := {
		"sections": {"externalCollaboration": true},
		"externalCollaboration": {"m365Groups": {"allowToAddGuests": true}},
	}
	count(sensitive_group_guest_access.findings) == 0 with data.tenant as tenant
	{r.section | some r in sensitive_group_guest_access.not_evaluated} == {"groups"} with data.tenant as tenant
}
