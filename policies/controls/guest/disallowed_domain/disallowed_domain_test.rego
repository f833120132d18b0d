package shareguard.controls.guest.disallowed_domain_test

import data.shareguard.controls.guest.disallowed_domain

_guest(id, domain, extra) := object.union(
	{
		"id": id,
		"userPrincipalName": sprintf("%s_%s#EXT#@contoso.onmicrosoft.com", [id, domain]),
		"displayName": id,
		"mail": sprintf("%s@%s", [id, domain]),
		"userType": "Guest",
		"creationType": "Invitation",
		"externalUserState": "Accepted",
	},
	extra,
)

_tenant(mode, domains, users) := {
	"sections": {"users": true, "externalCollaboration": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"externalCollaboration": {"invitationDomains": {"mode": mode, "domains": domains}},
	"users": {u.id: u | some u in users},
}

_findings(mode, domains, users) := fs if {
	fs := disallowed_domain.findings with data.tenant as _tenant(mode, domains, users)
}

test_fail_domain_on_block_list if {
	paul := _guest("paul", "wingtiptoys.com", {"displayName": "Paul Henderson"})
	[f] := [f | some f in _findings("blockList", ["wingtiptoys.com", "proseware.com"], [paul])]
	f.controlId == "SG-GUEST-05"
	f.severity == "high"
	f.resource == {"kind": "user", "id": "paul", "displayName": "Paul Henderson"}
	contains(f.message, "its domain wingtiptoys.com is on the invitation block list")
}

test_fail_block_list_covers_subdomains if {
	guest := _guest("ann", "eu.wingtiptoys.com", {})
	count(_findings("blockList", ["WingtipToys.com"], [guest])) == 1
	count(_findings("blockList", ["*.wingtiptoys.com"], [guest])) == 1
}

test_success_block_list_is_not_a_suffix_match if {
	# notwingtiptoys.com is another organisation, not a subdomain.
	count(_findings("blockList", ["wingtiptoys.com"], [_guest("ann", "notwingtiptoys.com", {})])) == 0
}

test_fail_domain_outside_allow_list if {
	[f] := [f | some f in _findings("allowList", ["fabrikam.com"], [_guest("olivia", "adatum.com", {})])]
	contains(f.message, "its domain adatum.com is not on the invitation allow list")
}

test_success_allow_list_covers_subdomains if {
	count(_findings("allowList", ["fabrikam.com"], [_guest("eva", "eu.fabrikam.com", {})])) == 0
}

test_success_domain_allowed if {
	guests := [_guest("ravi", "fabrikam.com", {}), _guest("paul", "wingtiptoys.com", {})]
	count(_findings("allowList", ["fabrikam.com", "wingtiptoys.com"], guests)) == 0
	count(_findings("blockList", ["proseware.com"], guests)) == 0
	count(_findings("none", [], guests)) == 0
}

test_fail_domain_from_ext_upn_when_mail_missing if {
	# The local part has underscores: the domain is what follows the last one.
	guest := object.union(_guest("x", "x", {}), {
		"mail": null,
		"userPrincipalName": "john_smith_wingtiptoys.com#EXT#@contoso.onmicrosoft.com",
	})
	[f] := [f | some f in _findings("blockList", ["wingtiptoys.com"], [guest])]
	contains(f.message, "wingtiptoys.com")
}

test_success_internal_guest_under_allow_list if {
	guest := object.union(_guest("vendor", "contoso.com", {}), {"userPrincipalName": "vendor@contoso.com"})
	count(_findings("allowList", ["fabrikam.com"], [guest])) == 0
}

test_success_pending_invitation_cannot_redeem if {
	guest := _guest("gina", "wingtiptoys.com", {"externalUserState": "PendingAcceptance"})
	count(_findings("blockList", ["wingtiptoys.com"], [guest])) == 0
}

test_success_member_not_checked if {
	member := _guest("lukas", "wingtiptoys.com", {"userType": "Member"})
	count(_findings("blockList", ["wingtiptoys.com"], [member])) == 0
}

test_not_evaluated_without_invitation_domains if {
	tenant := object.union(_tenant("blockList", [], [_guest("paul", "wingtiptoys.com", {})]), {"externalCollaboration": {"invitationDomains": null}})
	count(disallowed_domain.findings) == 0 with data.tenant as tenant
	reports := disallowed_domain.not_evaluated with data.tenant as tenant
	reports == {{
		"controlId": "SG-GUEST-05",
		"section": "externalCollaboration.invitationDomains",
		"reason": "setting absent or null in the export",
	}}
}

test_not_evaluated_without_external_collaboration if {
	tenant := {"sections": {"users": true}, "users": {}}
	reports := disallowed_domain.not_evaluated with data.tenant as tenant
	reports == {{"controlId": "SG-GUEST-05", "section": "externalCollaboration", "reason": "section absent from the export"}}
}

test_not_evaluated_domain_unknown if {
	guest := object.union(_guest("v", "x", {}), {"mail": null, "userPrincipalName": "vendor@partner.example"})
	reports := disallowed_domain.not_evaluated with data.tenant as _tenant("blockList", ["x.com"], [guest])
	[r] := [r | some r in reports]
	r.section == "users[].mail"
	contains(r.reason, "1 guest(s)")
}
