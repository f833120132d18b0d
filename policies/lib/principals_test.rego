package shareguard.lib.principals_test

import data.shareguard.lib

_tenant := {
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {
		"amy": {"id": "amy", "displayName": "Amy", "userPrincipalName": "amy@contoso.com", "upnDomain": "contoso.com"},
		"gus": {
			"id": "gus", "userPrincipalName": "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com", "userType": "Guest",
			"upnDomain": "contoso.onmicrosoft.com",
		},
		"bob": {"id": "bob", "displayName": "Bob", "userPrincipalName": "bob@contoso.com", "accountEnabled": false},
	},
	"groups": {
		"g1": {"id": "g1", "displayName": "Finance", "transitiveMembers": ["amy", "gus"]},
		"g2": {"id": "g2", "displayName": "Partners", "mailDomain": "fabrikam.com"},
	},
	"index": {
		"memberOf": {"amy": ["g1"], "gus": ["g1"]},
		"flowsByPrincipal": {
			"amy": [{"flowId": "f1", "role": "creator"}],
			"g1": [{"flowId": "f2", "role": "runOnly"}, {"flowId": "f1", "role": "owner"}],
		},
	},
}

test_enabled_unless_explicitly_false if {
	lib.enabled({"accountEnabled": true})
	lib.enabled({})
	lib.enabled({"accountEnabled": null})
	not lib.enabled({"accountEnabled": false})
}

test_external_issuer_known_list_and_domains if {
	lib.external_issuer("ExternalAzureAD")
	lib.external_issuer("mail")
	not lib.external_issuer("contoso.com") with data.tenant as _tenant
	lib.external_issuer("fabrikam.com") with data.tenant as _tenant

	# Without the tenant's domains an unknown issuer is not judged external.
	not lib.external_issuer("fabrikam.com") with data.tenant as {}
}

test_external_user_each_reason if {
	lib.is_external_user({"userType": "Guest"})
	lib.is_external_user({"userPrincipalName": "x_y.com#ext#@contoso.onmicrosoft.com"})
	lib.is_external_user({"identities": [{"issuer": "google.com"}]})
	lib.is_external_user({"upnDomain": "fabrikam.com"}) with data.tenant as _tenant
	lib.is_external_user({"upnDomain": "contoso.com", "mailDomain": "fabrikam.com"}) with data.tenant as _tenant
	not lib.is_external_user(_tenant.users.amy) with data.tenant as _tenant
	not lib.is_external_user({"upnDomain": "fabrikam.com"}) with data.tenant as {}
}

test_external_group_needs_domains if {
	lib.is_external_group(_tenant.groups.g2) with data.tenant as _tenant
	not lib.is_external_group(_tenant.groups.g1) with data.tenant as _tenant
	not lib.is_external_group(_tenant.groups.g2) with data.tenant as {}
}

test_principal_and_label_by_kind if {
	lib.principal("amy") == {"kind": "user", "id": "amy", "displayName": "Amy"} with data.tenant as _tenant
	lib.principal("gus").displayName == "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com" with data.tenant as _tenant
	lib.principal("g1") == {"kind": "group", "id": "g1", "displayName": "Finance"} with data.tenant as _tenant
	lib.principal("zz") == {"kind": "unknown", "id": "zz", "displayName": "zz"} with data.tenant as _tenant
	lib.label("amy") == "Amy (amy@contoso.com)" with data.tenant as _tenant
	lib.label("g1") == "group \"Finance\"" with data.tenant as _tenant
	lib.label("zz") == "unknown principal zz (deleted or not exported)" with data.tenant as _tenant
}

test_label_of_a_user_without_display_name_text if {
	# A null display name is written as sprintf's %s writes it, as the label did before it used concat.
	tenant := {"users": {"nn": {"id": "nn", "displayName": null, "userPrincipalName": "nn@contoso.com"}}}
	lib.label("nn") == sprintf("%s (%s)", [null, "nn@contoso.com"]) with data.tenant as tenant
	lib.label("nn") != " (nn@contoso.com)" with data.tenant as tenant
}

test_text_strings_as_they_are_other_values_as_sprintf if {
	lib.text("Finance") == "Finance"
	lib.text("") == ""
	lib.text(null) == sprintf("%s", [null])
	lib.text(12) == sprintf("%s", [12])
}

test_int_text_whole_numbers_with_format_int if {
	lib.int_text(90) == "90"
	lib.int_text(0) == "0"
	lib.int_text(-3) == "-3"
	lib.int_text(86400) == sprintf("%d", [86400])
	lib.int_text(2.5) == sprintf("%d", [2.5])
	lib.int_text(1e16) == sprintf("%d", [1e16])
}

test_principal_routes_expand_groups if {
	lib.principal_routes("amy", "User") == {{"id": "amy", "via": ""}} with data.tenant as _tenant
	lib.principal_routes("g1", "Group") == {{"id": "amy", "via": "g1"}, {"id": "gus", "via": "g1"}} with data.tenant as _tenant
	lib.principal_routes("g2", "Group") == set() with data.tenant as _tenant
	not lib.principal_routes("l1", "SharePointList") with data.tenant as _tenant

	# The pair form custom policies use.
	lib.principal_users("g1", "Group") == {["amy", "g1"], ["gus", "g1"]} with data.tenant as _tenant
}

test_flow_owners_always_include_the_creator if {
	flow := {"creatorId": "bob", "owners": [{"principalId": "g1", "principalType": "Group"}]}
	lib.flow_owners(flow) == {{"id": "bob", "type": "User"}, {"id": "g1", "type": "Group"}}
	lib.flow_owners({"creatorId": "bob"}) == {{"id": "bob", "type": "User"}}
	lib.flow_owner_routes(flow) == {{"id": "bob", "via": ""}, {"id": "amy", "via": "g1"}, {"id": "gus", "via": "g1"}}
		with data.tenant as _tenant
	lib.flow_owner_users(flow) == {["bob", ""], ["amy", "g1"], ["gus", "g1"]} with data.tenant as _tenant
}

test_role_holders_expand_groups_and_filter_the_role if {
	environment := {"roleAssignments": [
		{"principalId": "bob", "principalType": "User", "role": "EnvironmentMaker"},
		{"principalId": "g1", "principalType": "Group", "role": "EnvironmentMaker"},
		{"principalId": "amy", "principalType": "User", "role": "EnvironmentAdmin"},
	]}
	lib.role_holders(environment, "EnvironmentMaker") == {
		{"id": "bob", "via": ""}, {"id": "amy", "via": "g1"},
		{"id": "gus", "via": "g1"},
	} with data.tenant as _tenant
	lib.role_holders(environment, "EnvironmentAdmin") == {{"id": "amy", "via": ""}} with data.tenant as _tenant
	lib.role_holders({}, "EnvironmentAdmin") == set() with data.tenant as _tenant
}

test_sensitive_group_patterns_are_case_insensitive if {
	lib.sensitive_group({"displayName": "HR Finance"}, ["finance"])
	not lib.sensitive_group({"displayName": "Marketing"}, ["finance", "^hr"])
	not lib.sensitive_group({"displayName": "HR"}, [])
}

test_flow_roles_of_user_direct_and_through_groups if {
	lib.flow_roles_of_user("amy") == {
		{"flowId": "f1", "role": "creator", "via": ""},
		{"flowId": "f2", "role": "runOnly", "via": "g1"},
		{"flowId": "f1", "role": "owner", "via": "g1"},
	} with data.tenant as _tenant
	lib.flow_roles_of_user("bob") == set() with data.tenant as _tenant
	lib.flows_of_user("gus") == {["f2", "runOnly", "g1"], ["f1", "owner", "g1"]} with data.tenant as _tenant
}

test_granted_through if {
	lib.granted_through({"", "g1"}) == "directly"
	lib.granted_through({"g1", "zz"}) == "through group \"Finance\", unknown principal zz (deleted or not exported)"
		with data.tenant as _tenant
}
