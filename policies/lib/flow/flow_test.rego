package shareguard.lib.flow_test

import data.shareguard.lib.flow

_tenant := {
	"sections": {"users": true, "groups": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true},
	"users": {
		"amy": {"id": "amy", "userPrincipalName": "amy@contoso.com", "upnDomain": "contoso.com", "userType": "Member"},
		"gus": {"id": "gus", "userPrincipalName": "gus_x.com#EXT#@contoso.com", "upnDomain": "contoso.com", "userType": "Guest"},
	},
	"groups": {
		"g1": {"id": "g1", "displayName": "Ops", "transitiveMembers": ["amy", "gus"]},
		"ext": {"id": "ext", "displayName": "Partner list", "mailDomain": "partner.com", "transitiveMembers": []},
	},
	"index": {"usersByMail": {"gus@x.com": "gus"}, "usersByUpn": {"amy@contoso.com": "amy"}},
}

test_owners_include_creator_when_owners_absent_or_null if {
	flow.owners({"creatorId": "amy"}) == {{"id": "amy", "type": "User"}} with data.tenant as _tenant
	flow.owners({"creatorId": "amy", "owners": null}) == {{"id": "amy", "type": "User"}} with data.tenant as _tenant
}

test_entry_type_resolved_when_absent_or_null if {
	entries := flow.run_only({"runOnlyUsers": [{"principalId": "g1"}, {"principalId": "amy", "principalType": null}, {"principalId": "gone"}]})
		with data.tenant as _tenant
	entries == {{"id": "g1", "type": "Group"}, {"id": "amy", "type": "User"}, {"id": "gone", "type": "User"}}
}

test_owner_users_expand_groups if {
	f := {"creatorId": "amy", "owners": [{"principalId": "g1", "principalType": "Group"}, {"principalId": "l1", "principalType": "SharePointList"}]}
	flow.owner_routes(f) == {{"id": "amy", "via": ""}, {"id": "amy", "via": "g1"}, {"id": "gus", "via": "g1"}}
		with data.tenant as _tenant

	# The pair form custom policies destructure stays as it was.
	flow.owner_users(f) == {["amy", ""], ["amy", "g1"], ["gus", "g1"]} with data.tenant as _tenant
}

test_run_only_routes_expand_groups if {
	f := {"runOnlyUsers": [{"principalId": "g1", "principalType": "Group"}, {"principalId": "ext", "principalType": "User"}]}
	flow.run_only_routes(f) == {{"id": "amy", "via": "g1"}, {"id": "gus", "via": "g1"}, {"id": "ext", "via": ""}}
		with data.tenant as _tenant
	flow.run_only_users(f) == {["amy", "g1"], ["gus", "g1"], ["ext", ""]} with data.tenant as _tenant
}

test_used_and_unused_connections if {
	f := {"connectionReferences": [
		{"id": "c1", "connectorId": "shared_a", "used": true},
		{"id": "c2", "connectorId": "shared_b"},
		{"id": "c3", "connectorId": "shared_c", "used": null},
		{"id": "c4", "connectorId": "shared_d", "used": false},
	]}
	[c.id | some c in flow.used_connections(f)] == ["c1", "c2", "c3"]
	[c.id | some c in flow.unused_connections(f)] == ["c4"]
}

test_connectors_include_trigger_and_skip_unused if {
	f := {
		"trigger": {"kind": "automated", "connectorId": "shared_t"},
		"connectionReferences": [{"connectorId": "shared_a"}, {"connectorId": "shared_d", "used": false}],
	}
	flow.connectors(f) == {"shared_t", "shared_a"}
	flow.connectors({"trigger": {"kind": "scheduled"}}) == set()
}

test_external_routes_users_through_groups_and_external_groups if {
	entries := {{"id": "g1", "type": "Group"}, {"id": "ext", "type": "Group"}, {"id": "amy", "type": "User"}}
	flow.external_routes(entries) == {{"id": "gus", "via": "g1"}, {"id": "ext", "via": ""}} with data.tenant as _tenant
}

test_external_user_routes_only_external_users if {
	entries := {{"id": "g1", "type": "Group"}, {"id": "ext", "type": "Group"}, {"id": "amy", "type": "User"}, {"id": "gus", "type": "User"}}
	routes := flow.external_user_routes(entries) with data.tenant as _tenant
	routes == {{"id": "gus", "via": "g1"}, {"id": "gus", "via": ""}}

	# The same routes as filtering every route of the entries, which is what it replaces.
	all_routes := {r | some r in flow.entry_routes(entries); data.shareguard.lib.is_external_user(_tenant.users[r.id])} with data.tenant as _tenant
	routes == all_routes
}

test_external_access_owner_run_only_or_group if {
	not flow.external_access({"creatorId": "amy", "owners": [{"principalId": "amy", "principalType": "User"}]}) with data.tenant as _tenant
	flow.external_access({"creatorId": "gus"}) with data.tenant as _tenant
	flow.external_access({"creatorId": "amy", "owners": [{"principalId": "g1", "principalType": "Group"}]}) with data.tenant as _tenant
	flow.external_access({"creatorId": "amy", "runOnlyUsers": [{"principalId": "g1", "principalType": "Group"}]}) with data.tenant as _tenant
	flow.external_access({"creatorId": "amy", "runOnlyUsers": [{"principalId": "ext", "principalType": "Group"}]}) with data.tenant as _tenant
	not flow.external_access({"creatorId": "amy", "runOnlyUsers": [{"principalId": "gus", "principalType": "SharePointList"}]}) with data.tenant as _tenant
}

test_describe_routes_one_text_per_principal if {
	routes := {{"id": "gus", "via": "g1"}, {"id": "gus", "via": "ext"}, {"id": "amy", "via": ""}}
	flow.describe_routes(routes) == ["amy@contoso.com (amy@contoso.com) directly", "gus_x.com#EXT#@contoso.com (gus_x.com#EXT#@contoso.com) through group \"Ops\", group \"Partner list\""] with data.tenant as _tenant
}

test_how_direct_wins_over_groups if {
	flow.how({{"id": "gus", "via": ""}, {"id": "gus", "via": "g1"}}, "gus") == "directly" with data.tenant as _tenant
	flow.how({{"id": "gus", "via": "g1"}}, "gus") == "through group \"Ops\"" with data.tenant as _tenant
}

test_user_by_address_mail_then_upn if {
	flow.user_by_address("GUS@x.com") == "gus" with data.tenant as _tenant
	flow.user_by_address("amy@contoso.com") == "amy" with data.tenant as _tenant
	not flow.user_by_address("nobody@contoso.com") with data.tenant as _tenant
}

test_labels if {
	flow.entry_label({"id": "l1", "type": "SharePointList"}) == "SharePoint list l1" with data.tenant as _tenant
	flow.entry_label({"id": "g9", "type": "Group"}) == "group g9" with data.tenant as _tenant
	flow.entry_label({"id": "g1", "type": "Group"}) == "group \"Ops\"" with data.tenant as _tenant
	flow.connection_label({"id": "c1", "connectorId": null}) == "c1"
	flow.connection_label({"id": "c1", "connectorId": "shared_a"}) == "shared_a"
}

test_unconfirmed_use if {
	f := {
		"trigger": {"kind": "automated", "connectorId": "shared_sharepointonline"},
		"connectionReferences": [
			{"id": "c1", "connectorId": "shared_a", "used": true},
			{"id": "c2", "connectorId": "shared_b"},
			{"id": "c3", "connectorId": "shared_c", "used": null},
			{"id": "c4", "connectorId": "shared_d", "used": false},
			{"id": "c5", "connectorId": "shared_a", "used": null},
			{"id": "c6", "connectorId": "shared_sharepointonline", "used": null},
		],
	}
	[c.id | some c in f.connectionReferences; flow.unconfirmed(c)] == ["c2", "c3", "c5", "c6"]

	# A connector also reached through a confirmed connection, or the trigger, is confirmed.
	flow.unconfirmed_connectors(f) == {"shared_b", "shared_c"}
	flow.unconfirmed_note(set()) == ""
	flow.unconfirmed_note({"shared_c", "shared_b"}) == " Use of shared_b, shared_c by the flow could not be confirmed: the export does not say which connectors its steps call."
}
