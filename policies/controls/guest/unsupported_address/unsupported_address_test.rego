package shareguard.controls.guest.unsupported_address_test

import data.shareguard.controls.guest.unsupported_address

_guest(id, mail, upn) := {
	"id": id,
	"userPrincipalName": upn,
	"displayName": id,
	"mail": mail,
	"userType": "Guest",
}

_tenant(users) := {"sections": {"users": true}, "users": {u.id: u | some u in users}}

_findings(users) := fs if {
	fs := unsupported_address.findings with data.tenant as _tenant(users)
}

test_fail_plus_sign_in_mail_and_upn_one_finding if {
	jane := _guest("jane", "j.doe+contoso@outlook.com", "j.doe+contoso_outlook.com#EXT#@contoso.onmicrosoft.com")
	[f] := [f | some f in _findings([jane])]
	f.controlId == "SG-GUEST-06"
	f.severity == "low"
	f.resource == {"kind": "user", "id": "jane", "displayName": "jane"}
	f.message == "Guest jane (j.doe+contoso_outlook.com#EXT#@contoso.onmicrosoft.com) has an address B2B does not support for one person: j.doe+contoso@outlook.com contains a plus sign."
}

test_fail_plus_sign_only_in_upn_original_address if {
	guest := _guest("ann", null, "ann+test_fabrikam.com#EXT#@contoso.onmicrosoft.com")
	[f] := [f | some f in _findings([guest])]
	contains(f.message, "ann+test@fabrikam.com contains a plus sign")
}

test_fail_group_address_case_insensitive if {
	guest := _guest("sales", "Sales@Fabrikam.com", "sales_fabrikam.com#EXT#@contoso.onmicrosoft.com")
	[f] := [f | some f in _findings([guest])]
	contains(f.message, "sales@fabrikam.com looks like a group address")
}

test_fail_both_reasons_in_one_finding if {
	guest := _guest("info", "info+b2b@fabrikam.com", "info+b2b_fabrikam.com#EXT#@contoso.onmicrosoft.com")
	[f] := [f | some f in _findings([guest])]
	contains(f.message, "info+b2b@fabrikam.com contains a plus sign; info+b2b@fabrikam.com looks like a group address")
}

test_success_personal_address if {
	guest := _guest("ravi", "ravi.patel@fabrikam.com", "ravi.patel_fabrikam.com#EXT#@contoso.onmicrosoft.com")
	count(_findings([guest])) == 0
}

test_success_prefix_is_not_a_group_address if {
	# "information.desk" is not "info@"; "salesforce" is not "sales@".
	guests := [
		_guest("a", "information.desk@fabrikam.com", "information.desk_fabrikam.com#EXT#@contoso.onmicrosoft.com"),
		_guest("b", "salesforce.admin@fabrikam.com", "salesforce.admin_fabrikam.com#EXT#@contoso.onmicrosoft.com"),
	]
	count(_findings(guests)) == 0
}

test_success_member_not_checked if {
	member := object.union(_guest("m", "info@contoso.com", "info@contoso.com"), {"userType": "Member"})
	count(_findings([member])) == 0
}

test_success_param_replaces_patterns if {
	guest := _guest("sales", "sales@fabrikam.com", "sales_fabrikam.com#EXT#@contoso.onmicrosoft.com")
	findings := unsupported_address.findings with data.tenant as _tenant([guest])
		with input.params as {"SG-GUEST-06": {"groupAddressPatterns": ["^shared\\."]}}
	count(findings) == 0
}

test_not_evaluated_without_users if {
	reports := unsupported_address.not_evaluated with data.tenant as {"sections": {"flows": true}}
	reports == {{"controlId": "SG-GUEST-06", "section": "users", "reason": "section absent from the export"}}
}
