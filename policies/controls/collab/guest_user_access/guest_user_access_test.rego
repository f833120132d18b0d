package shareguard.controls.collab.guest_user_access_test

import data.shareguard.controls.collab.guest_user_access

_tenant(collab) := {
	"sections": {"tenant": true, "externalCollaboration": true},
	"tenant": {"id": "t1", "displayName": "Contoso"},
	"externalCollaboration": collab,
}

test_fail_same_as_member if {
	findings := guest_user_access.findings with data.tenant as _tenant({"guestUserAccess": "sameAsMember"})
	count(findings) == 1
	some f in findings
	f.controlId == "SG-COLLAB-01"
	f.severity == "high"
	f.resource == {"kind": "tenant", "id": "t1", "displayName": "Contoso"}
	f.path == "externalCollaboration.guestUserAccess"
}

test_success_limited if {
	count(guest_user_access.findings) == 0 with data.tenant as _tenant({"guestUserAccess": "limited"})
}

test_success_restricted if {
	count(guest_user_access.findings) == 0 with data.tenant as _tenant({"guestUserAccess": "restricted"})
}

test_not_evaluated_when_setting_null if {
	reports := guest_user_access.not_evaluated with data.tenant as _tenant({"guestUserAccess": null})
	reports == {{
		"controlId": "SG-COLLAB-01",
		"section": "externalCollaboration.guestUserAccess",
		"reason": "setting absent or null in the export",
	}}
}

test_not_evaluated_when_section_absent if {
	reports := guest_user_access.not_evaluated with data.tenant as {"sections": {"users": true}}
	reports == {{
		"controlId": "SG-COLLAB-01",
		"section": "externalCollaboration",
		"reason": "section absent from the export",
	}}
	count(guest_user_access.findings) == 0 with data.tenant as {"sections": {"users": true}}
}

test_evaluated_when_setting_present if {
	count(guest_user_access.not_evaluated) == 0 with data.tenant as _tenant({"guestUserAccess": "limited"})
}
