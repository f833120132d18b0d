package shareguard.platform.group.guest_member_test

import data.shareguard.platform.group.guest_member
import data.shareguard.platform.testing as fx

_add(tenant, group, principal) := verdicts if {
	verdicts := guest_member.verdicts with data.tenant as tenant
		with input.change as {"action": "add-group-member", "actor": "alice", "group": group, "principal": principal}
}

_tenant_off := fx.tenant_with({
	"externalCollaboration": {"m365Groups": {"allowToAddGuests": false}},
	"groups": {"open": {"id": "open", "displayName": "Open", "groupTypes": ["Unified"], "allowToAddGuests": true, "transitiveMembers": []}},
})

test_fail_guest_to_group_with_guests_off if {
	_add(fx.tenant, "finance", "gina") == {{
		"id": "PLT-GROUP-01", "effect": "refuse",
		"message": "Guest gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) cannot be added to Microsoft 365 group \"Finance Team\": its allowToAddGuests is false.",
	}}
}

test_fail_tenant_wide_off_without_override if {
	[v] := [v | some v in _add(_tenant_off, "team", "gina")]
	v.message == "Guest gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) cannot be added to Microsoft 365 group \"Project Team\": guest access to Microsoft 365 groups is off tenant-wide and the group has no override."
}

test_success_group_override_true if {
	count(_add(_tenant_off, "open", "gina")) == 0
}

test_success_member_security_group_or_open_group if {
	count(_add(fx.tenant, "finance", "carol")) == 0
	count(_add(fx.tenant, "sec", "gina")) == 0
	count(_add(fx.tenant, "team", "gina")) == 0
}

test_fail_invite_groups if {
	change := object.union(fx.invite, {"groups": ["team", "finance", "sec"]})
	verdicts := guest_member.verdicts with data.tenant as fx.tenant with input.change as change
	verdicts == {{
		"id": "PLT-GROUP-01", "effect": "refuse",
		"message": "Invited guest bob@fabrikam.com cannot be added to Microsoft 365 group \"Finance Team\": its allowToAddGuests is false.",
	}}
}

test_success_invite_as_member if {
	change := object.union(fx.invite, {"groups": ["finance"], "userType": "Member"})
	count(guest_member.verdicts) == 0 with data.tenant as fx.tenant with input.change as change
}
