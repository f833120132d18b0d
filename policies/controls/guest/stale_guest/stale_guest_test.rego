package shareguard.controls.guest.stale_guest_test

import data.shareguard.controls.guest.stale_guest
import data.shareguard.lib.testing

# 2026-11-30T00:00:00Z
_as_of := 1795996800

_day := 86400

_guest(id, extra) := object.union(
	{
		"id": id,
		"userPrincipalName": sprintf("%s_fabrikam.com#EXT#@contoso.onmicrosoft.com", [id]),
		"displayName": id,
		"userType": "Guest",
		"accountEnabled": true,
		"creationType": "Invitation",
		"externalUserState": "Accepted",
		"createdDateTime": "2024-01-01T00:00:00Z",
		"createdDateTimeEpoch": _as_of - (700 * _day),
	},
	extra,
)

# An employee who signed in yesterday: the export carries sign-in data.
_active_member := {
	"id": "amy", "userPrincipalName": "amy@contoso.com", "displayName": "Amy", "userType": "Member",
	"lastSignInDateTime": "2026-11-29T00:00:00Z", "lastSignInDateTimeEpoch": _as_of - _day,
}

_tenant(users) := testing.with_indexes({"sections": {"users": true}, "users": {u.id: u | some u in users}})

_findings(users) := fs if {
	fs := stale_guest.findings with data.tenant as _tenant(users) with input.asOf as _as_of
}

_not_evaluated(users) := reports if {
	reports := stale_guest.not_evaluated with data.tenant as _tenant(users) with input.asOf as _as_of
}

test_fail_last_sign_in_208_days_ago if {
	priya := _guest("priya", {
		"displayName": "Priya Sharma",
		"lastSignInDateTime": "2026-05-06T12:18:33Z",
		"lastSignInDateTimeEpoch": _as_of - (208 * _day),
	})
	[f] := [f | some f in _findings([_active_member, priya])]
	f.controlId == "SG-GUEST-02"
	f.severity == "medium"
	f.resource == {"kind": "user", "id": "priya", "displayName": "Priya Sharma"}
	not f.principal
	contains(f.message, "Guest Priya Sharma (priya_fabrikam.com#EXT#@contoso.onmicrosoft.com) last signed in 208 days ago")
	contains(f.message, "limit 90 days")
}

test_fail_never_signed_in_created_long_ago if {
	hiro := _guest("hiro", {"lastSignInDateTime": null})
	[f] := [f | some f in _findings([_active_member, hiro])]
	f.resource.id == "hiro"
	contains(f.message, "has no recorded sign-in (sign-in not known), and the account was created 700 days ago")

	# A null sign-in is not known: Graph gives none for a guest who never signed in and for one it has no record of.
	not contains(f.message, "never signed in")
}

test_success_recent_sign_in if {
	ravi := _guest("ravi", {"lastSignInDateTimeEpoch": _as_of - (3 * _day)})
	count(_findings([_active_member, ravi])) == 0
}

test_success_never_signed_in_but_created_recently if {
	new := _guest("new", {"createdDateTimeEpoch": _as_of - (10 * _day)})
	count(_findings([_active_member, new])) == 0
}

test_success_disabled_guest_is_not_stale if {
	ben := _guest("ben", {"accountEnabled": false, "lastSignInDateTimeEpoch": _as_of - (400 * _day)})
	count(_findings([_active_member, ben])) == 0
}

test_success_pending_invitation_left_to_guest_01 if {
	nadia := _guest("nadia", {"externalUserState": "PendingAcceptance", "lastSignInDateTime": null})
	count(_findings([_active_member, nadia])) == 0
	count(_not_evaluated([_active_member, nadia])) == 0
}

test_success_stale_member_is_not_a_guest if {
	old := object.union(_active_member, {"id": "old", "lastSignInDateTimeEpoch": _as_of - (400 * _day)})
	count(_findings([_active_member, old])) == 0
}

test_success_param_raises_limit if {
	priya := _guest("priya", {"lastSignInDateTimeEpoch": _as_of - (208 * _day)})
	count(stale_guest.findings) == 0 with data.tenant as _tenant([priya])
		with input as {"asOf": _as_of, "params": {"SG-GUEST-02": {"staleGuestDays": 365}}}
}

test_not_evaluated_sign_in_data_not_collected if {
	# Nobody carries a last sign-in time: do not call every guest "never signed in".
	member := object.remove(_active_member, ["lastSignInDateTime", "lastSignInDateTimeEpoch"])
	users := [member, _guest("hiro", {}), _guest("olivia", {"lastSignInDateTime": null})]
	count(_findings(users)) == 0
	_not_evaluated(users) == {{
		"controlId": "SG-GUEST-02",
		"section": "users[].lastSignInDateTime",
		"reason": "no user in the export carries lastSignInDateTime: sign-in activity was not collected",
	}}
}

test_not_evaluated_never_signed_in_without_creation_date if {
	undated := object.remove(_guest("gus", {}), ["createdDateTime", "createdDateTimeEpoch"])
	count(_findings([_active_member, undated])) == 0
	[r] := [r | some r in _not_evaluated([_active_member, undated])]
	r.section == "users[].createdDateTime"
	contains(r.reason, "1 guest(s)")
}

test_not_evaluated_without_users if {
	reports := stale_guest.not_evaluated with data.tenant as {"sections": {"flows": true}} with input.asOf as _as_of
	reports == {{"controlId": "SG-GUEST-02", "section": "users", "reason": "section absent from the export"}}
}
