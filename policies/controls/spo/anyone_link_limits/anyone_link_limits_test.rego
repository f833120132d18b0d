package shareguard.controls.spo.anyone_link_limits_test

import data.shareguard.controls.spo.anyone_link_limits

_tenant(settings) := {"sections": {"sharePoint": true}, "sharePoint": object.union(
	{"sharingCapability": "anyone", "anyoneLinkExpirationDays": 30, "anyoneLinkFilePermission": "view", "anyoneLinkFolderPermission": "view"},
	settings,
)}

test_success_at_the_limit if {
	count(anyone_link_limits.findings) == 0 with data.tenant as _tenant({})
	count(anyone_link_limits.not_evaluated) == 0 with data.tenant as _tenant({})
}

test_fail_one_day_over_the_limit if {
	[f] := [f | some f in anyone_link_limits.findings] with data.tenant as _tenant({"anyoneLinkExpirationDays": 31})
	f.controlId == "SG-SPO-03"
	f.path == "sharePoint.anyoneLinkExpirationDays"
	f.message == "\"Anyone\" links are allowed and they expire after 31 days, more than the 30 allowed."
}

test_fail_never_expires if {
	[f] := [f | some f in anyone_link_limits.findings] with data.tenant as _tenant({"anyoneLinkExpirationDays": 0})
	contains(f.message, "need not expire")
}

test_success_one_day if {
	count(anyone_link_limits.findings) == 0 with data.tenant as _tenant({"anyoneLinkExpirationDays": 1})
}

test_param_raises_the_limit if {
	count(anyone_link_limits.findings) == 0 with data.tenant as _tenant({"anyoneLinkExpirationDays": 90})
		with input.params as {"SG-SPO-03": {"maxAnyoneLinkDays": 90}}
	count(anyone_link_limits.findings) == 1 with data.tenant as _tenant({"anyoneLinkExpirationDays": 91})
		with input.params as {"SG-SPO-03": {"maxAnyoneLinkDays": 90}}
}

test_fail_edit_links_for_files_and_folders if {
	tenant := _tenant({"anyoneLinkFilePermission": "edit", "anyoneLinkFolderPermission": "edit"})
	[f] := [f | some f in anyone_link_limits.findings] with data.tenant as tenant
	f.path == "sharePoint.anyoneLinkFilePermission"
	f.message == "\"Anyone\" links are allowed and links to files may grant edit; links to folders may grant edit (the holder may also upload)."
}

test_fail_every_problem_in_one_finding if {
	tenant := _tenant({"anyoneLinkExpirationDays": 0, "anyoneLinkFilePermission": "edit", "anyoneLinkFolderPermission": "edit"})
	[f] := [f | some f in anyone_link_limits.findings] with data.tenant as tenant
	f.path == "sharePoint.anyoneLinkExpirationDays"
	contains(f.message, "need not expire (anyoneLinkExpirationDays 0), so a leaked link works for as long as the item exists; links to files may grant edit; links to folders")
}

test_fail_edit_links_for_folders_only if {
	[f] := [f | some f in anyone_link_limits.findings] with data.tenant as _tenant({"anyoneLinkFolderPermission": "edit"})
	f.path == "sharePoint.anyoneLinkFolderPermission"
	not contains(f.message, "files")
}

# Below "Anyone", no such link can be made, so the limits are moot.
test_success_when_anyone_links_are_off if {
	tenant := _tenant({"sharingCapability": "newAndExistingGuests", "anyoneLinkExpirationDays": 0, "anyoneLinkFilePermission": "edit", "anyoneLinkFolderPermission": null})
	count(anyone_link_limits.findings) == 0 with data.tenant as tenant
	count(anyone_link_limits.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_sharing_unknown if {
	tenant := _tenant({"sharingCapability": null, "anyoneLinkExpirationDays": 0})
	count(anyone_link_limits.findings) == 0 with data.tenant as tenant
	{r.section | some r in anyone_link_limits.not_evaluated} == {"sharePoint.sharingCapability"} with data.tenant as tenant
}

test_not_evaluated_limits_unknown if {
	tenant := {"sections": {"sharePoint": true}, "sharePoint": {"sharingCapability": "anyone"}}
	count(anyone_link_limits.findings) == 0 with data.tenant as tenant
	count(anyone_link_limits.not_evaluated) == 3 with data.tenant as tenant
}
