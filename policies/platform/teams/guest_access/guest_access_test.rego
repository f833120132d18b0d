package shareguard.platform.teams.guest_access_test

import data.shareguard.platform.teams.guest_access
import data.shareguard.platform.testing as fx

_tenant(enabled) := fx.tenant_with({
	"sections": {"teams": true, "teamsSettings": true},
	"teams": {"team": {"id": "team", "displayName": "Project Team"}},
	"teamsSettings": {"guestAccessEnabled": enabled},
})

_add(principal, group) := {"action": "add-group-member", "actor": "alice", "group": group, "principal": principal}

_verdicts(tenant, change) := v if {
	v := guest_access.verdicts with data.tenant as tenant with input.change as change
}

test_warn_guest_added_to_team_with_guest_access_off if {
	_verdicts(_tenant(false), _add("gus", "team")) == {{
		"id": "PLT-TEAMS-01", "effect": "warn",
		"message": "Guest gus (gus_fabrikam.com#EXT#@contoso.onmicrosoft.com) joins the group of team \"Project Team\" but cannot use the team: Teams guest access is off for the tenant.",
	}}
}

test_success_guest_access_on if {
	count(_verdicts(_tenant(true), _add("gus", "team"))) == 0
}

test_warn_guest_access_unknown if {
	[v] := [v | some v in _verdicts(_tenant(null), _add("gus", "team"))]
	v.message == "Whether guest gus (gus_fabrikam.com#EXT#@contoso.onmicrosoft.com) can use team \"Project Team\" is not known: the export does not say whether Teams guest access is on."
}

test_success_member_or_group_without_team if {
	count(_verdicts(_tenant(false), _add("carol", "team"))) == 0
	count(_verdicts(_tenant(false), _add("gus", "partners"))) == 0
}

test_warn_invitation_into_a_team_with_guest_access_off if {
	invite := {"action": "invite", "actor": "ian", "email": "bob@fabrikam.com", "groups": ["team", "partners"]}
	_verdicts(_tenant(false), invite) == {{
		"id": "PLT-TEAMS-01", "effect": "warn",
		"message": "Invited guest bob@fabrikam.com joins the group of team \"Project Team\" but cannot use the team: Teams guest access is off for the tenant.",
	}}
	count(_verdicts(_tenant(true), invite)) == 0
	count(_verdicts(_tenant(false), object.union(invite, {"userType": "Member"}))) == 0
}
