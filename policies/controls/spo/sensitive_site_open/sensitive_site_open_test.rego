package shareguard.controls.spo.sensitive_site_open_test

import data.shareguard.controls.spo.sensitive_site_open as control

_site(id, title, fields) := object.union({"id": id, "url": sprintf("https://contoso.sharepoint.com/sites/%s", [id]), "title": title}, fields)

_tenant(level, sites) := {
	"sections": {"sites": true, "sharePoint": true},
	"sharePoint": {"sharingCapability": level},
	"sites": {s.id: s | some s in sites},
}

_as_of := 1767225600 # 2026-01-01T00:00:00Z

test_fail_sensitive_name_anyone_is_high if {
	tenant := _tenant("anyone", [_site("fin", "Finance Reports", {"sharingCapability": "anyone"})])
	[f] := [f | some f in control.findings] with data.tenant as tenant with input.asOf as _as_of
	f.controlId == "SG-SPO-08"
	f.severity == "high"
	f.resource == {"kind": "site", "id": "fin", "displayName": "Finance Reports"}
	contains(f.message, "by its name \"Finance Reports\", and it can be shared by \"Anyone\" links")
}

# A site is never more open than the tenant: its own "anyone" under a tenant at new guests is new guests.
test_fail_site_capped_by_tenant_is_medium if {
	tenant := _tenant("newAndExistingGuests", [_site("fin", "Finance", {"sharingCapability": "anyone"})])
	[f] := [f | some f in control.findings] with data.tenant as tenant with input.asOf as _as_of
	f.severity == "medium"
	contains(f.message, "can be shared with new guests")
}

test_success_tenant_existing_guests_caps_site if {
	tenant := _tenant("existingGuests", [_site("fin", "Finance", {"sharingCapability": "anyone"})])
	count(control.findings) == 0 with data.tenant as tenant with input.asOf as _as_of
}

test_fail_inherits_tenant_level if {
	tenant := _tenant("newAndExistingGuests", [_site("hr", "HR", {})])
	count(control.findings) == 1 with data.tenant as tenant with input.asOf as _as_of
}

test_fail_sensitive_label if {
	tenant := _tenant("newAndExistingGuests", [_site("p", "Project Falcon", {"sharingCapability": "newAndExistingGuests", "sensitivityLabel": "Highly Confidential"})])
	[f] := [f | some f in control.findings] with data.tenant as tenant with input.asOf as _as_of
	contains(f.message, "its sensitivity label \"Highly Confidential\"")
}

test_fail_guests_already_in if {
	tenant := _tenant("existingGuests", [_site("legal", "Legal", {"sharingCapability": "existingGuests", "externalUsers": ["g1", "g2"]})])
	[f] := [f | some f in control.findings] with data.tenant as tenant with input.asOf as _as_of
	f.severity == "medium"
	contains(f.message, "2 guest(s)")
}

# Links expiring exactly at the as-of instant no longer work; one second later they do.
test_anyone_link_expiry_boundary if {
	at := _tenant("anyone", [_site("b", "Board", {"sharingCapability": "anyone", "sharingLinks": [{"scope": "anyone", "expirationDateTimeEpoch": _as_of}]})])
	[f1] := [f | some f in control.findings] with data.tenant as at with input.asOf as _as_of
	not contains(f1.message, "still work")
	after := _tenant("anyone", [_site("b", "Board", {"sharingCapability": "anyone", "sharingLinks": [{"scope": "anyone", "expirationDateTimeEpoch": _as_of + 1}, {"scope": "anyone"}, {"scope": "organization"}]})])
	[f2] := [f | some f in control.findings] with data.tenant as after with input.asOf as _as_of
	f2.severity == "high"
	contains(f2.message, "and 2 such link(s) still work")
}

# Below "Anyone", a site's old "Anyone" links no longer work.
test_success_anyone_links_on_a_closed_site if {
	tenant := _tenant("anyone", [_site("b", "Board", {"sharingCapability": "disabled", "sharingLinks": [{"scope": "anyone"}]})])
	count(control.findings) == 0 with data.tenant as tenant with input.asOf as _as_of
}

test_success_not_sensitive if {
	tenant := _tenant("anyone", [_site("s", "Marketing events", {"sharingCapability": "anyone"}), _site("c", "Chrome rollout", {"sharingCapability": "anyone"})])
	count(control.findings) == 0 with data.tenant as tenant with input.asOf as _as_of
}

test_success_sensitive_but_internal if {
	tenant := _tenant("anyone", [_site("fin", "Finance", {"sharingCapability": "disabled", "externalUsers": [], "sharingLinks": [{"scope": "organization"}]})])
	count(control.findings) == 0 with data.tenant as tenant with input.asOf as _as_of
}

test_success_onedrive_left_to_tenant_settings if {
	tenant := _tenant("anyone", [_site("od", "HR Person", {"isOneDrive": true, "sharingCapability": "anyone"})])
	count(control.findings) == 0 with data.tenant as tenant with input.asOf as _as_of
}

test_param_patterns if {
	tenant := _tenant("anyone", [_site("p", "Project Falcon", {"sharingCapability": "anyone"})])
	count(control.findings) == 1 with data.tenant as tenant with input.asOf as _as_of
		with input.params as {"SG-SPO-08": {"sensitiveGroupPatterns": ["falcon"]}}
}

test_not_evaluated_tenant_level_unknown if {
	tenant := _tenant(null, [_site("fin", "Finance", {})])
	{r.section | some r in control.not_evaluated} == {"sharePoint.sharingCapability"} with data.tenant as tenant
	count(control.findings) == 0 with data.tenant as tenant with input.asOf as _as_of
}

test_not_evaluated_not_collected if {
	tenant := object.union(_tenant("disabled", []), {"notCollected": {"sites[].externalUsers": true}})
	{r.section | some r in control.not_evaluated} == {"sites[].externalUsers"} with data.tenant as tenant
}

test_not_evaluated_without_sections if {
	{r.section | some r in control.not_evaluated} == {"sites", "sharePoint"} with data.tenant as {"sections": {}}
}
