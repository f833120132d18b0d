package shareguard.platform.helpers_test

import data.shareguard.platform.helpers

_tenant := {
	"tenant": {"initialDomain": "contoso.onmicrosoft.com"},
	"users": {
		"amy": {"id": "amy", "displayName": "Amy", "userPrincipalName": "amy@contoso.com", "userType": "Member"},
		"gus": {"id": "gus", "displayName": "Gus", "userPrincipalName": "gus@x.com", "userType": "Guest"},
		"gil": {"id": "gil", "displayName": "Gil", "userPrincipalName": "gil@x.com", "userType": "Guest"},
	},
	"groups": {"g1": {"id": "g1", "displayName": "Ops", "transitiveMembers": ["amy", "gus"]}},
}

test_email_parts if {
	helpers.email_domain("Bob@Fabrikam.COM") == "fabrikam.com"
	helpers.email_local("Bob@Fabrikam.COM") == "Bob"

	# The last @ splits: a quoted local part may hold one.
	helpers.email_domain("\"a@b\"@fabrikam.com") == "fabrikam.com"
	helpers.email_local("\"a@b\"@fabrikam.com") == "\"a@b\""
	not helpers.email_domain("no-at-sign")
	not helpers.email_local("no-at-sign")
}

test_domain_matches_subdomains_only if {
	helpers.domain_matches("fabrikam.com", "Fabrikam.com")
	helpers.domain_matches("eu.fabrikam.com", "fabrikam.com")
	helpers.domain_matches("eu.fabrikam.com", "*.fabrikam.com")
	not helpers.domain_matches("notfabrikam.com", "fabrikam.com")
	not helpers.domain_matches("fabrikam.com", "eu.fabrikam.com")
}

test_verdict_from_metadata if {
	chain := [{"path": ["x"], "annotations": {"title": "t", "custom": {"id": "PLT-X-01", "effect": "warn"}}}]
	helpers.verdict(chain, "m") == {"id": "PLT-X-01", "effect": "warn", "message": "m"}
}

test_change_and_action_default_to_empty if {
	helpers.change == {} with input as {}
	helpers.action == "" with input as {}
	helpers.action == "invite" with input.change as {"action": "invite"}
}

test_initial_domain_from_the_tenant if {
	helpers.initial_domain == "contoso.onmicrosoft.com" with data.tenant as _tenant
}

test_label_of_a_missing_principal if {
	helpers.label("amy") == "Amy (amy@contoso.com)" with data.tenant as _tenant
	helpers.label(null) == "an unspecified principal"
}

test_guests_behind_a_user_or_group if {
	helpers.guests_behind("g1", "Group") == {"gus"} with data.tenant as _tenant
	helpers.guests_behind("gil", "User") == {"gil"} with data.tenant as _tenant
	helpers.guests_behind("amy", "User") == set() with data.tenant as _tenant
}

test_m365_group if {
	helpers.m365_group({"groupTypes": ["Unified", "DynamicMembership"]})
	not helpers.m365_group({"groupTypes": []})
	not helpers.m365_group({})
}

test_flow_owner_creator_and_through_groups if {
	flow := {"creatorId": "gil", "owners": [{"principalId": "g1", "principalType": "Group"}]}
	helpers.flow_owner(flow, "gil") with data.tenant as _tenant
	helpers.flow_owner(flow, "gus") with data.tenant as _tenant
	not helpers.flow_owner(flow, "nobody") with data.tenant as _tenant
}
