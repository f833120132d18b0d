package shareguard.controls.guest.internal_guest_test

import data.shareguard.controls.guest.internal_guest

_guest(id, issuer, extra) := object.union(
	{
		"id": id,
		"userPrincipalName": sprintf("%s@contoso.com", [id]),
		"displayName": id,
		"userType": "Guest",
		"creationType": null,
		"externalUserState": null,
		"identities": [{"signInType": "userPrincipalName", "issuer": issuer}],
	},
	extra,
)

_tenant(users) := {
	"sections": {"users": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {u.id: u | some u in users},
}

_findings(users) := fs if {
	fs := internal_guest.findings with data.tenant as _tenant(users)
}

test_fail_guest_with_verified_domain_credentials if {
	vendor := _guest("vendor", "contoso.com", {"displayName": "Vendor Account (shared)"})
	[f] := [f | some f in _findings([vendor])]
	f.controlId == "SG-GUEST-08"
	f.severity == "low"
	f.resource == {"kind": "user", "id": "vendor", "displayName": "Vendor Account (shared)"}
	f.message == "Guest Vendor Account (shared) (vendor@contoso.com) signs in with local credentials issued by contoso.com: an internal guest that should be a B2B invitation."
}

test_fail_guest_with_initial_domain_credentials_after_redemption if {
	# Redeemed (Accepted) yet still on the host's domain: the account is homed here.
	guest := _guest("lee", "Contoso.onmicrosoft.com", {"creationType": "Invitation", "externalUserState": "Accepted"})
	[f] := [f | some f in _findings([guest])]
	contains(f.message, "issued by contoso.onmicrosoft.com")
}

test_success_unredeemed_invitation_is_not_an_internal_guest if {
	nadia := _guest("nadia", "contoso.onmicrosoft.com", {
		"userPrincipalName": "nadia_fabrikam.com#EXT#@contoso.onmicrosoft.com",
		"creationType": "Invitation",
		"externalUserState": "PendingAcceptance",
	})
	george := _guest("george", "contoso.com", {"creationType": "Invitation", "externalUserState": "PendingAcceptance"})
	count(_findings([nadia, george])) == 0
}

test_success_pending_state_with_unknown_creation_type if {
	guest := _guest("sara", "contoso.onmicrosoft.com", {"externalUserState": "PendingAcceptance"})
	count(_findings([guest])) == 0
}

test_success_external_guest if {
	guests := [_guest("ravi", "ExternalAzureAD", {}), _guest("priya", "google.com", {})]
	count(_findings(guests)) == 0
}

test_success_internal_member if {
	count(_findings([_guest("amy", "contoso.com", {"userType": "Member"})])) == 0
}

test_not_evaluated_identities_missing if {
	guest := object.remove(_guest("x", "contoso.com", {}), ["identities"])
	reports := internal_guest.not_evaluated with data.tenant as _tenant([guest, _guest("y", "contoso.com", {"identities": []})])
	[r] := [r | some r in reports]
	r.section == "users[].identities"
	contains(r.reason, "2 guest(s)")
}

test_not_evaluated_without_tenant if {
	tenant := {"sections": {"users": true}, "users": {"vendor": _guest("vendor", "contoso.com", {})}}
	count(internal_guest.findings) == 0 with data.tenant as tenant
	reports := internal_guest.not_evaluated with data.tenant as tenant
	reports == {{"controlId": "SG-GUEST-08", "section": "tenant", "reason": "section absent from the export"}}
}
