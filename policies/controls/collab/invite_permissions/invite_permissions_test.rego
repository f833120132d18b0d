package shareguard.controls.collab.invite_permissions_test

import data.shareguard.controls.collab.invite_permissions

_tenant(value) := {
	"sections": {"externalCollaboration": true},
	"externalCollaboration": {"allowInvitesFrom": value},
}

test_fail_everyone_is_high if {
	findings := invite_permissions.findings with data.tenant as _tenant("everyone")
	[f] := [f | some f in findings]
	f.controlId == "SG-COLLAB-02"
	f.severity == "high"
	contains(f.message, "guests included")
}

test_fail_all_members_is_medium if {
	findings := invite_permissions.findings with data.tenant as _tenant("adminsGuestInvitersAndAllMembers")
	[f] := [f | some f in findings]
	f.severity == "medium"
	f.path == "externalCollaboration.allowInvitesFrom"
}

test_success_admins_and_guest_inviters if {
	count(invite_permissions.findings) == 0 with data.tenant as _tenant("adminsAndGuestInviters")
}

test_success_none if {
	count(invite_permissions.findings) == 0 with data.tenant as _tenant("none")
}

test_success_when_param_allows_members if {
	count(invite_permissions.findings) == 0 with data.tenant as _tenant("adminsGuestInvitersAndAllMembers")
		with input.params as {"SG-COLLAB-02": {"allowedValues": ["adminsGuestInvitersAndAllMembers"]}}
}

test_not_evaluated_when_absent if {
	reports := invite_permissions.not_evaluated with data.tenant as {"sections": {"externalCollaboration": true}, "externalCollaboration": {}}
	[r] := [r | some r in reports]
	r.section == "externalCollaboration.allowInvitesFrom"
	count(invite_permissions.findings) == 0 with data.tenant as {"sections": {"externalCollaboration": true}, "externalCollaboration": {}}
}
