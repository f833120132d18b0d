package shareguard.platform.main_test

import data.shareguard.platform.main
import data.shareguard.platform.testing as fx

_result(tenant, change) := result if {
	result := main.result with data.tenant as tenant with input.change as change with input.asOf as fx.as_of
}

_ids(result) := {[v.id, v.effect] | some v in result.rules}

test_fail_member_invites_when_only_admins_and_guest_inviters if {
	result := _result(fx.tenant, object.union(fx.invite, {"actor": "alice"}))
	result.allowed == false
	_ids(result) == {["PLT-INVITE-01", "refuse"]}
	result.effects == {}
}

test_fail_blocked_domain if {
	result := _result(fx.tenant, object.union(fx.invite, {"email": "eve@gmail.com"}))
	result.allowed == false
	_ids(result) == {["PLT-INVITE-02", "refuse"]}
	result.effects == {}
}

test_fail_plus_addressed_invitee if {
	result := _result(fx.tenant, object.union(fx.invite, {"email": "bob+x@fabrikam.com"}))
	result.allowed == false
	_ids(result) == {["PLT-INVITE-03", "refuse"]}
}

test_fail_cross_tenant_inbound_block if {
	result := _result(fx.tenant, object.union(fx.invite, {"email": "nina@northwind.com"}))
	result.allowed == false
	_ids(result) == {["PLT-INVITE-04", "refuse"]}
}

test_success_valid_invite_effects if {
	result := _result(fx.tenant, fx.invite)
	result.allowed == true
	_ids(result) == {["PLT-INVITE-05", "effect"]}
	result.effects.user.userPrincipalName == "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com"
	result.effects.user.externalUserState == "PendingAcceptance"
	result.effects.user.externalUserStateChangeDateTimeEpoch == fx.as_of
	result.effects.user.identities == [{"signInType": "userPrincipalName", "issuer": "contoso.onmicrosoft.com"}]
	result.effects.user.sponsors == ["ian"]
	result.effects.groups == []
}

test_fail_invite_into_group_with_guest_access_off if {
	result := _result(fx.tenant, object.union(fx.invite, {"groups": ["finance", "team"]}))
	result.allowed == false
	_ids(result) == {["PLT-INVITE-05", "effect"], ["PLT-GROUP-01", "refuse"]}
	result.effects.groups == ["team"]
}

test_fail_guest_added_to_group_with_guest_access_off if {
	result := _result(fx.tenant, {"action": "add-group-member", "actor": "alice", "group": "finance", "principal": "gina"})
	result == {
		"rules": [{
			"id": "PLT-GROUP-01", "effect": "refuse",
			"message": "Guest gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) cannot be added to Microsoft 365 group \"Finance Team\": its allowToAddGuests is false.",
		}],
		"allowed": false,
		"effects": {},
	}
}

test_success_redeem_effects if {
	result := _result(fx.tenant, {"action": "redeem", "user": "gina", "identityIssuer": "ExternalAzureAD"})
	result.allowed == true
	_ids(result) == {["PLT-INVITE-06", "effect"]}
	result.effects == {"user": {
		"externalUserState": "Accepted",
		"externalUserStateChangeDateTimeEpoch": fx.as_of,
		"identities": [{"signInType": "federated", "issuer": "ExternalAzureAD"}],
	}}
}

test_fail_run_only_on_scheduled_flow if {
	result := _result(fx.tenant, {"action": "share-flow", "actor": "alice", "flow": "f2", "role": "run-only", "principal": "carol", "principalType": "User"})
	result.allowed == false
	_ids(result) == {["PLT-SHARE-03", "refuse"]}
}

test_fail_non_owner_adds_owner if {
	result := _result(fx.tenant, {"action": "share-flow", "actor": "ian", "flow": "f1", "role": "owner", "principal": "gus", "principalType": "User"})
	result.allowed == false
	_ids(result) == {["PLT-SHARE-01", "refuse"]}
}

test_fail_removing_creator if {
	result := _result(fx.tenant, {"action": "unshare-flow", "actor": "carol", "flow": "f1", "role": "owner", "principal": "alice", "principalType": "User"})
	result.allowed == false
	_ids(result) == {["PLT-SHARE-02", "refuse"]}
}

test_warn_removing_owner_with_embedded_connection if {
	result := _result(fx.tenant, {"action": "unshare-flow", "actor": "alice", "flow": "f1", "role": "owner", "principal": "carol", "principalType": "User"})
	result.allowed == true
	_ids(result) == {["PLT-SHARE-05", "warn"]}
}

test_warn_copy_to_external_address if {
	result := _result(fx.tenant, {"action": "share-flow", "actor": "alice", "flow": "f1", "role": "copy", "principal": null, "principalType": "User", "recipientEmail": "eve@litware.com"})
	result.allowed == true
	_ids(result) == {["PLT-SHARE-06", "warn"]}
	result.effects == {}
}

test_warn_guest_environment_maker_with_guests_make_off if {
	result := _result(fx.tenant, {"action": "assign-environment-role", "actor": "adele", "environment": "e1", "principal": "gina", "principalType": "User", "role": "EnvironmentMaker"})
	result.allowed == true
	_ids(result) == {["PLT-MAKER-01", "warn"]}
}

test_warn_unlicensed_guest_owner if {
	result := _result(fx.tenant, {"action": "share-flow", "actor": "alice", "flow": "f1", "role": "owner", "principal": "gina", "principalType": "User"})
	result.allowed == true
	_ids(result) == {["PLT-LICENSE-01", "warn"]}
}

test_success_setting_change_has_no_verdicts if {
	_result(fx.tenant, {"action": "set", "path": "externalCollaboration.allowInvitesFrom", "value": "everyone"}) == {
		"rules": [], "allowed": true, "effects": {},
	}
}
