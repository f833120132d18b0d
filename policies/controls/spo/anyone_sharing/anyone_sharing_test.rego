package shareguard.controls.spo.anyone_sharing_test

import data.shareguard.controls.spo.anyone_sharing

_tenant(settings) := {"sections": {"sharePoint": true}, "sharePoint": settings}

test_fail_sharepoint_anyone_onedrive_lower if {
	tenant := _tenant({"sharingCapability": "anyone", "oneDriveSharingCapability": "newAndExistingGuests"})
	[f] := [f | some f in anyone_sharing.findings] with data.tenant as tenant
	f.controlId == "SG-SPO-01"
	f.severity == "high"
	f.path == "sharePoint.sharingCapability"
	startswith(f.message, "SharePoint (OneDrive is set lower) sharing")
}

test_fail_both_anyone if {
	tenant := _tenant({"sharingCapability": "anyone", "oneDriveSharingCapability": "anyone"})
	[f] := [f | some f in anyone_sharing.findings] with data.tenant as tenant
	startswith(f.message, "SharePoint and OneDrive sharing is set to \"Anyone\"")
}

# OneDrive is capped by SharePoint: its own "anyone" has no effect below it.
test_success_onedrive_anyone_capped_by_sharepoint if {
	tenant := _tenant({"sharingCapability": "newAndExistingGuests", "oneDriveSharingCapability": "anyone"})
	count(anyone_sharing.findings) == 0 with data.tenant as tenant
	count(anyone_sharing.not_evaluated) == 0 with data.tenant as tenant
}

test_success_every_lower_level if {
	every level in ["disabled", "existingGuests", "newAndExistingGuests"] {
		count(anyone_sharing.findings) == 0 with data.tenant as _tenant({"sharingCapability": level, "oneDriveSharingCapability": level})
	}
}

test_not_evaluated_sharepoint_unknown if {
	tenant := _tenant({"sharingCapability": null, "oneDriveSharingCapability": "anyone"})
	count(anyone_sharing.findings) == 0 with data.tenant as tenant
	{r.section | some r in anyone_sharing.not_evaluated} == {"sharePoint.sharingCapability"} with data.tenant as tenant
}

test_not_evaluated_onedrive_unknown_while_sharepoint_anyone if {
	tenant := _tenant({"sharingCapability": "anyone"})
	{r.section | some r in anyone_sharing.not_evaluated} == {"sharePoint.oneDriveSharingCapability"} with data.tenant as tenant
	count(anyone_sharing.findings) == 1 with data.tenant as tenant
}

test_not_evaluated_without_section if {
	{r.section | some r in anyone_sharing.not_evaluated} == {"sharePoint"} with data.tenant as {"sections": {}}
	count(anyone_sharing.findings) == 0 with data.tenant as {"sections": {}}
}
