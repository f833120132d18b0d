package shareguard.platform.share_site.guest_invite_test

import data.shareguard.platform.share_site.guest_invite
import data.shareguard.platform.share_site.testing as sx

_verdicts(tenant, change) := v if {
	v := guest_invite.verdicts with data.tenant as tenant with input.change as change
}

# alice is a member without an admin role; the base tenant lets only admins and Guest Inviters invite.
test_fail_sharer_may_not_invite if {
	_verdicts(sx.tenant, sx.share_with({"actor": "alice"})) == {{
		"id": "PLT-SITE-06", "effect": "refuse",
		"message": "Sharing site \"Projects\" (https://contoso.sharepoint.com/sites/Projects) with bob@fabrikam.com needs a new guest account, which Entra would refuse (PLT-INVITE-01): alice (alice@contoso.com) may not invite bob@fabrikam.com: allowInvitesFrom is \"adminsAndGuestInviters\", so only Global Administrators, User Administrators and Guest Inviters can invite guests.",
	}}
}

test_success_guest_inviter_may if {
	count(_verdicts(sx.tenant, sx.share)) == 0
}

test_fail_blocked_invitation_domain if {
	[v] := [v | some v in _verdicts(sx.tenant, sx.share_with({"recipientEmail": "eve@gmail.com"}))]
	v.effect == "refuse"
	contains(v.message, "(PLT-INVITE-02): eve@gmail.com cannot be invited")
}

test_warn_partner_not_collected if {
	tenant := object.union(sx.tenant, {
		"notCollected": {"externalCollaboration.crossTenantAccess.partners": true},
		"externalCollaboration": {"crossTenantAccess": {"partners": [{"tenantId": "t-fabrikam", "domains": ["fabrikam.com"]}]}},
	})
	[v] := [v | some v in _verdicts(tenant, sx.share)]
	v.effect == "warn"
}

test_success_existing_guest_needs_no_invitation if {
	count(_verdicts(sx.tenant, object.union(sx.share_to("gus"), {"actor": "alice"}))) == 0
}

test_success_links_need_no_invitation if {
	count(_verdicts(sx.tenant, object.union(sx.anyone_link, {"actor": "alice"}))) == 0
}
