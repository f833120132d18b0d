package shareguard.controls.guest.external_member_test

import data.shareguard.controls.guest.external_member

_member(id, issuer, extra) := object.union(
	{
		"id": id,
		"userPrincipalName": sprintf("%s@contoso.com", [id]),
		"displayName": id,
		"userType": "Member",
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
	fs := external_member.findings with data.tenant as _tenant(users)
}

test_fail_member_from_another_entra_tenant if {
	lukas := _member("lukas", "ExternalAzureAD", {
		"displayName": "Lukas Becker",
		"userPrincipalName": "lukas.becker_contosopharma.com#EXT#@contoso.onmicrosoft.com",
	})
	[f] := [f | some f in _findings([lukas])]
	f.controlId == "SG-GUEST-07"
	f.severity == "medium"
	f.resource == {"kind": "user", "id": "lukas", "displayName": "Lukas Becker"}
	contains(f.message, "Lukas Becker (lukas.becker_contosopharma.com#EXT#@contoso.onmicrosoft.com) has userType Member but signs in with an external identity (ExternalAzureAD)")
}

test_fail_every_external_issuer_kind if {
	issuers := ["ExternalAzureAD", "MicrosoftAccount", "google.com", "facebook.com", "mail", "https://sts.woodgrovebank.com/adfs/services/trust"]
	users := [_member(sprintf("u%d", [i]), issuer, {}) | some i, issuer in issuers]
	count(_findings(users)) == 6
}

test_fail_external_identity_without_ext_upn if {
	# The UPN looks internal; the identity is what makes the user external.
	[f] := [f | some f in _findings([_member("sam", "google.com", {})])]
	contains(f.message, "sam (sam@contoso.com)")
	contains(f.message, "(google.com)")
}

test_fail_unredeemed_invitation_as_member if {
	invitee := _member("ivy", "contoso.onmicrosoft.com", {
		"userPrincipalName": "ivy_fabrikam.com#EXT#@contoso.onmicrosoft.com",
		"creationType": "Invitation",
		"externalUserState": "PendingAcceptance",
	})
	[f] := [f | some f in _findings([invitee])]
	contains(f.message, "is a B2B invitation not yet redeemed")
}

test_success_internal_member if {
	users := [_member("amy", "contoso.onmicrosoft.com", {}), _member("bob", "Contoso.com", {})]
	count(_findings(users)) == 0
}

test_success_ext_upn_alone_is_not_enough if {
	# A converted account that now signs in with local credentials is not external by identity.
	user := _member("old", "contoso.onmicrosoft.com", {"userPrincipalName": "old_fabrikam.com#EXT#@contoso.onmicrosoft.com"})
	count(_findings([user])) == 0
}

test_success_external_guest_is_not_a_member if {
	guest := _member("gina", "ExternalAzureAD", {"userType": "Guest"})
	count(_findings([guest])) == 0
}

test_not_evaluated_saml_issuers_without_tenant if {
	tenant := {"sections": {"users": true}, "users": {"lukas": _member("lukas", "ExternalAzureAD", {})}}
	count(external_member.findings) == 1 with data.tenant as tenant
	reports := external_member.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "tenant"
}

test_not_evaluated_without_users if {
	reports := external_member.not_evaluated with data.tenant as {"sections": {"flows": true}}
	reports == {{"controlId": "SG-GUEST-07", "section": "users", "reason": "section absent from the export"}}
}
