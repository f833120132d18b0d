package shareguard.controls.guest.privileged_directory_role_test

import data.shareguard.controls.guest.privileged_directory_role
import data.shareguard.lib.testing

_guest(id, roles) := {
	"id": id,
	"userPrincipalName": sprintf("%s_litwareinc.com#EXT#@contoso.onmicrosoft.com", [id]),
	"displayName": id,
	"userType": "Guest",
	"directoryRoles": roles,
}

_admin := {
	"id": "amara", "userPrincipalName": "amara@contoso.com", "displayName": "Amara",
	"userType": "Member", "directoryRoles": ["Global Administrator"],
}

_tenant(users) := testing.with_indexes({"sections": {"users": true}, "users": {u.id: u | some u in users}})

_findings(users) := fs if {
	fs := privileged_directory_role.findings with data.tenant as _tenant(users)
}

test_fail_guest_inviter if {
	[f] := [f | some f in _findings([_admin, _guest("kevin", ["Guest Inviter"])])]
	f.controlId == "SG-GUEST-04"
	f.severity == "critical"
	f.resource == {"kind": "user", "id": "kevin", "displayName": "kevin"}
	f.message == "Guest kevin (kevin_litwareinc.com#EXT#@contoso.onmicrosoft.com) holds the privileged directory role(s) Guest Inviter (invites more guests, whatever the invitation settings)."
}

test_fail_two_roles_one_finding if {
	guest := _guest("kevin", ["Reports Reader", "global administrator", "User Administrator"])
	[f] := [f | some f in _findings([guest])]
	contains(f.message, "role(s) User Administrator (creates users, resets their passwords and manages groups); global administrator (controls every setting and every account).")
}

test_success_unprivileged_role if {
	count(_findings([_admin, _guest("kevin", ["Reports Reader", "Directory Readers"])])) == 0
}

test_success_member_admin if {
	count(_findings([_admin])) == 0
}

test_success_guest_without_roles_field if {
	guest := object.remove(_guest("ravi", []), ["directoryRoles"])
	count(_findings([_admin, guest])) == 0
	count(privileged_directory_role.not_evaluated) == 0 with data.tenant as _tenant([_admin, guest])
}

test_fail_param_adds_a_role if {
	guest := _guest("kevin", ["Reports Reader"])
	findings := privileged_directory_role.findings with data.tenant as _tenant([guest])
		with input.params as {"SG-GUEST-04": {"privilegedRoles": ["Reports Reader"]}}
	count(findings) == 1
}

test_not_evaluated_roles_not_exported if {
	guest := object.remove(_guest("ravi", []), ["directoryRoles"])
	reports := privileged_directory_role.not_evaluated with data.tenant as _tenant([guest])
	[r] := [r | some r in reports]
	r.controlId == "SG-GUEST-04"
	r.section == "users[].directoryRoles"
}

test_not_evaluated_without_users if {
	reports := privileged_directory_role.not_evaluated with data.tenant as {"sections": {"flows": true}}
	reports == {{"controlId": "SG-GUEST-04", "section": "users", "reason": "section absent from the export"}}
}

# Microsoft labels these privileged; none was on the list before issue 15.
test_fail_every_role_microsoft_labels_privileged if {
	some role in [
		"Hybrid Identity Administrator", "Password Administrator", "Domain Name Administrator",
		"External Identity Provider Administrator", "Directory Writers", "Partner Tier1 Support",
		"Partner Tier2 Support", "Global Reader", "Security Operator", "Security Reader",
		"Cloud Device Administrator", "Lifecycle Workflows Administrator", "Application Developer",
		"Attribute Provisioning Administrator", "Authentication Extensibility Administrator",
		"B2C IEF Keyset Administrator", "Agent ID Administrator",
	]
	[f] := [f | some f in _findings([_guest("kevin", [role])])]
	contains(f.message, role)
}

test_fail_hybrid_identity_administrator_says_why if {
	[f] := [f | some f in _findings([_guest("kevin", ["Hybrid Identity Administrator"])])]
	contains(f.message, "Hybrid Identity Administrator (manages Entra Connect, password hash sync, pass-through authentication and federation)")
}

# A role whose definition was not exported stays as its template id: it matches by id.
test_fail_role_by_template_id if {
	[f] := [f | some f in _findings([_guest("kevin", ["8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"])])]
	contains(f.message, "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2")
}

test_success_role_not_on_the_list if {
	count(_findings([_guest("kevin", ["Billing Administrator", "Reports Reader", "Groups Administrator"])])) == 0
}

test_fail_custom_role_by_name_or_id if {
	guest := _guest("kevin", ["Contoso Vendor Admin", "0f3c1a7e-2b4d-4e6f-8a9b-1c2d3e4f5a6b"])
	params := {"SG-GUEST-04": {"privilegedRoles": ["Contoso Vendor Admin", "Tailspin Ops (0f3c1a7e-2b4d-4e6f-8a9b-1c2d3e4f5a6b)"]}}
	[f] := [f | some f in privileged_directory_role.findings] with data.tenant as _tenant([guest]) with input.params as params
	contains(f.message, "0f3c1a7e-2b4d-4e6f-8a9b-1c2d3e4f5a6b; Contoso Vendor Admin.")
}
