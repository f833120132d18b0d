package shareguard.platform.invite.inviter_test

import data.shareguard.platform.invite.inviter
import data.shareguard.platform.testing as fx

_verdicts(tenant, actor) := verdicts if {
	verdicts := inviter.verdicts with data.tenant as tenant
		with input.change as object.union(fx.invite, {"actor": actor})
}

test_fail_member_when_only_admins_and_guest_inviters if {
	_verdicts(fx.tenant, "alice") == {{
		"id": "PLT-INVITE-01", "effect": "refuse",
		"message": "alice (alice@contoso.com) may not invite bob@fabrikam.com: allowInvitesFrom is \"adminsAndGuestInviters\", so only Global Administrators, User Administrators and Guest Inviters can invite guests.",
	}}
}

test_success_guest_inviter_and_global_admin if {
	count(_verdicts(fx.tenant, "ian")) == 0
	count(_verdicts(fx.tenant, "adele")) == 0
}

test_success_member_when_members_may_invite if {
	tenant := fx.tenant_with({"externalCollaboration": {"allowInvitesFrom": "adminsGuestInvitersAndAllMembers"}})
	count(_verdicts(tenant, "alice")) == 0
}

test_fail_guest_when_members_may_invite if {
	tenant := fx.tenant_with({"externalCollaboration": {"allowInvitesFrom": "adminsGuestInvitersAndAllMembers"}})
	[v] := [v | some v in _verdicts(tenant, "gina")]
	v.id == "PLT-INVITE-01"
	contains(v.message, "only admins, Guest Inviters and member users")
}

test_success_guest_when_everyone if {
	tenant := fx.tenant_with({"externalCollaboration": {"allowInvitesFrom": "everyone"}})
	count(_verdicts(tenant, "gina")) == 0
}

test_fail_admin_when_none if {
	tenant := fx.tenant_with({"externalCollaboration": {"allowInvitesFrom": "none"}})
	[v] := [v | some v in _verdicts(tenant, "adele")]
	contains(v.message, "so nobody can invite guests")
}

test_success_setting_absent_is_entra_default_everyone if {
	tenant := json.remove(fx.tenant, ["externalCollaboration/allowInvitesFrom"])
	count(_verdicts(tenant, "gina")) == 0
}

test_fail_unknown_inviter if {
	[v] := [v | some v in _verdicts(fx.tenant, "ghost")]
	v.message == "unknown principal ghost (deleted or not exported) may not invite bob@fabrikam.com: the inviter is not a user of this tenant."
}

test_success_other_actions_ignored if {
	count(inviter.verdicts) == 0 with data.tenant as fx.tenant
		with input.change as {"action": "redeem", "user": "gina", "identityIssuer": "mail"}
}
