package shareguard.lib.tenant_test

import data.shareguard.lib

_tenant := {
	"sections": {"users": true, "flows": true},
	"notCollected": {"environments[].securityGroupId": true},
	"tenant": {"id": "t1", "displayName": "Contoso", "initialDomain": "contoso.onmicrosoft.com"},
	"users": {"u1": {"id": "u1", "displayName": "Una"}, "u2": {"id": "u2"}},
	"environments": {"e1": {"id": "e1"}, "e2": {"id": "e2"}, "e3": {"id": "e3"}},
	"flows": {"f1": {"id": "f1", "environmentId": "e1"}, "f2": {"id": "f2", "environmentId": "e2"}},
	"externalCollaboration": {"m365Groups": {"allowToAddGuests": false, "allowGuestsToAccessGroups": null}},
	"index": {
		"flowsByEnvironment": {"e1": ["f1", "gone"], "e2": ["f2"]},
		"dlpPoliciesByEnvironment": {"e1": ["p1"]},
		"memberOf": {"u1": ["g1", "g2"]},
		"flowsByPrincipal": {"u1": [{"flowId": "f1", "role": "creator"}]},
		"connectorsByEnvironment": {"e1": {"shared_office365": 2}},
		"usersByMail": {"una@contoso.com": "u1"},
		"usersByUpn": {"una@contoso.onmicrosoft.com": "u1"},
		"userFields": {"displayName": true},
		"counts": {"usersNotDisabled": 2},
	},
}

test_collections_default_to_empty if {
	lib.users == {} with data.tenant as {}
	lib.groups == {} with data.tenant as {}
	lib.dlp_policies == {} with data.tenant as {}
	count(lib.users) == 2 with data.tenant as _tenant
}

test_sections_and_not_collected if {
	lib.has_section("users") with data.tenant as _tenant
	not lib.has_section("groups") with data.tenant as _tenant
	lib.not_collected("environments[].securityGroupId") with data.tenant as _tenant
	not lib.not_collected("environments[].displayName") with data.tenant as _tenant
}

test_setting_absent_and_null_are_not_known if {
	lib.setting(["externalCollaboration", "m365Groups", "allowToAddGuests"]) == false with data.tenant as _tenant
	lib.setting(["externalCollaboration", "m365Groups", "allowGuestsToAccessGroups"]) == null with data.tenant as _tenant
	lib.setting(["externalCollaboration", "nothing"]) == null with data.tenant as _tenant
	lib.setting_known(["externalCollaboration", "m365Groups", "allowToAddGuests"]) with data.tenant as _tenant
	not lib.setting_known(["externalCollaboration", "m365Groups", "allowGuestsToAccessGroups"]) with data.tenant as _tenant
}

test_resources_fall_back_to_ids if {
	lib.tenant_resource == {"kind": "tenant", "id": "t1", "displayName": "Contoso"} with data.tenant as _tenant
	lib.tenant_resource == {"kind": "tenant", "id": "tenant", "displayName": "tenant"} with data.tenant as {}
	lib.resource("user", {"id": "u2"}) == {"kind": "user", "id": "u2", "displayName": "u2"}
	lib.resource("user", {"id": "u1", "displayName": "Una"}).displayName == "Una"
}

test_cloud_defaults_to_commercial if {
	lib.cloud == "Commercial" with data.tenant as _tenant
	lib.cloud == "GCCHigh" with data.tenant as {"tenant": {"cloud": "GCCHigh"}}
}

test_scan_checks_everything_scope_narrows if {
	count(lib.users_in_scope) == 2 with data.tenant as _tenant
	lib.users_in_scope == {"u1": {"id": "u1", "displayName": "Una"}} with data.tenant as _tenant
		with input.scope as {"users": ["u1", "nobody"]}
	lib.flows_in_scope == {} with data.tenant as _tenant with input.scope as {"users": ["u1"]}
	object.keys(lib.environments_in_scope) == {"e2"} with data.tenant as _tenant with input.scope as {"environments": ["e2"]}
}

test_scope_all_takes_a_kind_as_the_data_holds_it if {
	count(lib.users_in_scope) == 2 with data.tenant as _tenant with input.scope as {"users": [], "all": ["users"]}
	lib.flows_in_scope == {} with data.tenant as _tenant with input.scope as {"flows": [], "all": ["users"]}
	count(lib.flows_in_scope) == count(_tenant.flows) with data.tenant as _tenant with input.scope as {"all": ["flows"]}
	object.keys(lib.groups_in_scope) == {"g1", "g2"} with data.tenant as _with_groups_and_apps
		with input.scope as {"groups": [], "all": ["groups"]}
	object.keys(lib.groups_in_scope) == {"g2"} with data.tenant as _with_groups_and_apps
		with input.scope as {"groups": ["g2"], "all": ["users"]}
	object.keys(lib.apps_in_scope) == {"a1"} with data.tenant as _with_groups_and_apps
		with input.scope as {"apps": [], "all": ["apps"]}
	lib.apps_in_scope == {} with data.tenant as _with_groups_and_apps with input.scope as {"apps": []}
}

_with_groups_and_apps := object.union(_tenant, {
	"groups": {"g1": {"id": "g1"}, "g2": {"id": "g2"}},
	"apps": {"a1": {"id": "a1"}},
})

test_count_scope_widens_on_tenant_counts if {
	object.keys(lib.environments_in_count_scope) == {"e2"} with data.tenant as _tenant
		with input.scope as {"environments": ["e2"]}
	object.keys(lib.environments_in_count_scope) == {"e1", "e2", "e3"} with data.tenant as _tenant
		with input.scope as {"environments": ["e2"], "tenantCounts": true}
}

test_environments_with_flows_in_scope_adds_the_flows_environments if {
	object.keys(lib.environments_with_flows_in_scope) == {"e1", "e2", "e3"} with data.tenant as _tenant
	object.keys(lib.environments_with_flows_in_scope) == {"e2", "e3"} with data.tenant as _tenant
		with input.scope as {"environments": ["e3"], "flowEnvironments": ["e2"]}
}

test_flows_in_environment_skips_ids_not_in_the_export if {
	[f.id | some f in lib.flows_in_environment("e1")] == ["f1"] with data.tenant as _tenant
	lib.flows_in_environment("e3") == [] with data.tenant as _tenant
}

test_index_lookups if {
	lib.indexed with data.tenant as _tenant
	not lib.indexed with data.tenant as {"users": {}}
	lib.dlp_policies_for("e1") == ["p1"] with data.tenant as _tenant
	lib.dlp_policies_for("e2") == [] with data.tenant as _tenant
	lib.member_of("u1") == ["g1", "g2"] with data.tenant as _tenant
	lib.member_of("u2") == [] with data.tenant as _tenant
	lib.flow_references("u1") == [{"flowId": "f1", "role": "creator"}] with data.tenant as _tenant
	lib.flow_references("u2") == [] with data.tenant as _tenant
	lib.connectors_in_environment("e1") == {"shared_office365": 2} with data.tenant as _tenant
	lib.connectors_in_environment("e2") == {} with data.tenant as _tenant
	lib.user_id_by_mail("una@contoso.com") == "u1" with data.tenant as _tenant
	not lib.user_id_by_mail("una@contoso.onmicrosoft.com") with data.tenant as _tenant
	lib.user_id_by_upn("una@contoso.onmicrosoft.com") == "u1" with data.tenant as _tenant
}

test_user_fields_and_counts if {
	lib.user_field_exported("displayName") with data.tenant as _tenant

	# false in the index (no user has the field) and absent both mean "not collected".
	not lib.user_field_exported("directoryRoles") with data.tenant as _tenant
	not lib.user_field_exported("lastSignInDateTimeEpoch") with data.tenant as _tenant
	lib.users_not_disabled_count == 2 with data.tenant as _tenant
	not lib.users_not_disabled_count with data.tenant as {}
}

test_initial_domain_undefined_when_absent if {
	lib.initial_domain == "contoso.onmicrosoft.com" with data.tenant as _tenant
	not lib.initial_domain with data.tenant as {"tenant": {}}
}
