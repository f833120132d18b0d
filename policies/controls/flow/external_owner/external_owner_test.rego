package shareguard.controls.flow.external_owner_test

import data.shareguard.controls.flow.external_owner

_member(id) := {
	"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "upnDomain": "contoso.com",
	"displayName": id, "userType": "Member",
	"identities": [{"signInType": "userPrincipalName", "issuer": "contoso.onmicrosoft.com"}],
}

_guest(id) := {
	"id": id, "userPrincipalName": sprintf("%s_fabrikam.com#EXT#@contoso.onmicrosoft.com", [id]),
	"upnDomain": "contoso.onmicrosoft.com", "mailDomain": "fabrikam.com",
	"displayName": id, "userType": "Guest",
	"identities": [{"signInType": "federated", "issuer": "ExternalAzureAD"}],
}

_flow(owners) := {
	"id": "f1", "displayName": "Invoice approval", "environmentId": "e1", "creatorId": "alice",
	"owners": array.concat([{"principalId": "alice", "principalType": "User"}], owners),
}

_tenant(users, groups, flow) := {
	"sections": {"users": true, "groups": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {u.id: u | some u in users},
	"groups": {g.id: g | some g in groups},
	"flows": {"f1": flow},
}

test_fail_guest_co_owner if {
	tenant := _tenant([_member("alice"), _guest("gina")], [], _flow([{"principalId": "gina", "principalType": "User"}]))
	findings := external_owner.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-01"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Invoice approval"}
	f.principal == {"kind": "user", "id": "gina", "displayName": "gina"}
	contains(f.message, "directly")
}

test_fail_guest_through_co_owner_group if {
	group := {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["bob", "gina"]}
	flow := _flow([{"principalId": "g1", "principalType": "Group"}])
	tenant := _tenant([_member("alice"), _member("bob"), _guest("gina")], [group], flow)
	findings := external_owner.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.principal.id == "gina"
	contains(f.message, "through group \"Sales Operations\"")
}

test_fail_one_finding_when_direct_and_through_group if {
	group := {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["gina"]}
	flow := _flow([{"principalId": "g1", "principalType": "Group"}, {"principalId": "gina", "principalType": "User"}])
	tenant := _tenant([_member("alice"), _guest("gina")], [group], flow)
	count(external_owner.findings) == 1 with data.tenant as tenant
}

test_fail_external_member_not_relying_on_user_type if {
	ext := object.union(_member("xm"), {
		"userPrincipalName": "xm_contosopharma.com#EXT#@contoso.onmicrosoft.com",
		"identities": [{"signInType": "federated", "issuer": "ExternalAzureAD"}],
	})
	tenant := _tenant([_member("alice"), ext], [], _flow([{"principalId": "xm", "principalType": "User"}]))
	count(external_owner.findings) == 1 with data.tenant as tenant
}

test_fail_guest_creator if {
	flow := object.union(_flow([]), {"creatorId": "gina", "owners": []})
	tenant := _tenant([_guest("gina")], [], flow)
	count(external_owner.findings) == 1 with data.tenant as tenant
}

test_success_internal_owners_only if {
	group := {"id": "g1", "displayName": "Finance Team", "transitiveMembers": ["bob"]}
	flow := _flow([{"principalId": "bob", "principalType": "User"}, {"principalId": "g1", "principalType": "Group"}])
	tenant := _tenant([_member("alice"), _member("bob")], [group], flow)
	count(external_owner.findings) == 0 with data.tenant as tenant
}

test_success_unknown_owner_is_not_external if {
	tenant := _tenant([_member("alice")], [], _flow([{"principalId": "deleted-1", "principalType": "User"}]))
	count(external_owner.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_group_owners_without_groups_section if {
	tenant := object.union(
		_tenant([_member("alice")], [], _flow([{"principalId": "g1", "principalType": "Group"}])),
		{"sections": {"users": true, "flows": true, "groups": false}},
	)
	reports := external_owner.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "groups"
}

test_fail_message_names_only_its_own_groups if {
	sales := {"id": "g1", "displayName": "Sales Operations", "transitiveMembers": ["gina"]}
	falcon := {"id": "g2", "displayName": "Project Falcon", "transitiveMembers": ["hal"]}
	flow := _flow([{"principalId": "g1", "principalType": "Group"}, {"principalId": "g2", "principalType": "Group"}])
	tenant := _tenant([_member("alice"), _guest("gina"), _guest("hal")], [sales, falcon], flow)
	findings := external_owner.findings with data.tenant as tenant
	messages := {f.principal.id: f.message | some f in findings}
	endswith(messages.gina, "through group \"Sales Operations\": they can edit it, change its connections and add owners.")
	endswith(messages.hal, "through group \"Project Falcon\": they can edit it, change its connections and add owners.")
}
