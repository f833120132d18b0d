package shareguard.controls.guest.pending_invitation_test

import data.shareguard.controls.guest.pending_invitation

# 2026-11-30T00:00:00Z
_as_of := 1795996800

_day := 86400

_guest(id, extra) := object.union(
	{
		"id": id,
		"userPrincipalName": sprintf("%s_fabrikam.com#EXT#@contoso.onmicrosoft.com", [id]),
		"displayName": id,
		"userType": "Guest",
		"creationType": "Invitation",
		"externalUserState": "PendingAcceptance",
		"identities": [{"signInType": "userPrincipalName", "issuer": "contoso.onmicrosoft.com"}],
	},
	extra,
)

_tenant(users) := {"sections": {"users": true}, "users": {u.id: u | some u in users}}

test_fail_pending_for_45_days if {
	users := [_guest("ana", {"externalUserStateChangeDateTimeEpoch": _as_of - (45 * _day)})]
	findings := pending_invitation.findings with data.tenant as _tenant(users) with input.asOf as _as_of
	[f] := [f | some f in findings]
	f.controlId == "SG-GUEST-01"
	f.resource == {"kind": "user", "id": "ana", "displayName": "ana"}
	contains(f.message, "45 days")
}

test_fail_falls_back_to_created_date if {
	users := [_guest("ben", {"createdDateTimeEpoch": _as_of - (200 * _day)})]
	findings := pending_invitation.findings with data.tenant as _tenant(users) with input.asOf as _as_of
	count(findings) == 1
}

test_success_recent_invitation if {
	users := [_guest("cy", {"externalUserStateChangeDateTimeEpoch": _as_of - (10 * _day)})]
	count(pending_invitation.findings) == 0 with data.tenant as _tenant(users) with input.asOf as _as_of
}

test_success_accepted_guest if {
	users := [_guest("dee", {"externalUserState": "Accepted", "createdDateTimeEpoch": _as_of - (400 * _day)})]
	count(pending_invitation.findings) == 0 with data.tenant as _tenant(users) with input.asOf as _as_of
}

test_success_disabled_account if {
	users := [_guest("eve", {"accountEnabled": false, "createdDateTimeEpoch": _as_of - (400 * _day)})]
	count(pending_invitation.findings) == 0 with data.tenant as _tenant(users) with input.asOf as _as_of
}

test_success_param_raises_limit if {
	users := [_guest("fay", {"externalUserStateChangeDateTimeEpoch": _as_of - (45 * _day)})]
	count(pending_invitation.findings) == 0 with data.tenant as _tenant(users)
		with input as {"asOf": _as_of, "params": {"SG-GUEST-01": {"pendingInvitationDays": 60}}}
}

test_not_evaluated_undated_invitation if {
	users := [_guest("gus", {})]
	count(pending_invitation.findings) == 0 with data.tenant as _tenant(users) with input.asOf as _as_of
	reports := pending_invitation.not_evaluated with data.tenant as _tenant(users) with input.asOf as _as_of
	[r] := [r | some r in reports]
	contains(r.reason, "1 pending invitation")
}

test_not_evaluated_without_users if {
	reports := pending_invitation.not_evaluated with data.tenant as {"sections": {"flows": true}} with input.asOf as _as_of
	reports == {{"controlId": "SG-GUEST-01", "section": "users", "reason": "section absent from the export"}}
}
