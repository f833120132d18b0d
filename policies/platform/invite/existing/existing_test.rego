package shareguard.platform.invite.existing_test

import data.shareguard.platform.invite.created
import data.shareguard.platform.invite.existing
import data.shareguard.platform.main
import data.shareguard.platform.testing as fx

_result(tenant, change) := r if {
	r := main.result with data.tenant as tenant with input.change as object.union(fx.invite, change) with input.asOf as fx.as_of
}

_with_user(user) := fx.tenant_with({"users": {user.id: user}})

_bob_guest := {
	"id": "bob", "userPrincipalName": "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com", "mail": "bob@fabrikam.com",
	"displayName": "Bob", "userType": "Guest",
}

test_fail_member_address_is_refused if {
	tenant := _with_user({"id": "carl", "userPrincipalName": "carl@fabrikam.com", "mail": "carl@fabrikam.com", "displayName": "Carl", "userType": "Member"})
	r := _result(tenant, {"email": "Carl@Fabrikam.com"})
	r.allowed == false
	r.effects == {}
	[v] := [v | some v in r.rules; v.id == "PLT-INVITE-07"]
	v.effect == "refuse"
	contains(v.message, "Carl@Fabrikam.com cannot be invited: the address belongs to Carl (carl@fabrikam.com), who is already a member of the directory")
}

test_success_existing_guest_is_invited_again_and_nothing_created if {
	r := _result(_with_user(_bob_guest), {})
	r.allowed == true
	r.effects == {}
	{v.id | some v in r.rules} == {"PLT-INVITE-07"}
	[v] := [v | some v in r.rules]
	v.effect == "effect"
	contains(v.message, "bob@fabrikam.com is already guest Bob (bob_fabrikam.com#EXT#@contoso.onmicrosoft.com): Entra ID sends the invitation again")
}

# The guest UPN the invitation would give finds the account even when its mail is not set.
test_success_found_by_the_guest_upn_alone if {
	r := _result(_with_user(object.remove(_bob_guest, ["mail"])), {})
	existing.found == "bob" with data.tenant as _with_user(object.remove(_bob_guest, ["mail"])) with input.change as fx.invite
	r.effects == {}
}

# The normaliser's lookups are used when present (a scan, a simulation).
test_success_found_through_the_index if {
	tenant := object.union(fx.tenant, {"index": {"usersByMail": {"bob@fabrikam.com": "gina"}, "usersByUpn": {}}})
	existing.found == "gina" with data.tenant as tenant with input.change as fx.invite
}

test_success_new_address_creates_the_account if {
	r := _result(fx.tenant, {})
	r.effects.user.userPrincipalName == "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com"
	not existing.found with data.tenant as fx.tenant with input.change as fx.invite
}

# A refused re-invitation (the actor may not invite) says nothing about sending it again.
test_success_refused_reinvite_has_no_resend_note if {
	r := _result(_with_user(_bob_guest), {"actor": "alice"})
	r.allowed == false
	not "PLT-INVITE-07" in {v.id | some v in r.rules}
	not created.effects with data.tenant as _with_user(_bob_guest) with input.change as object.union(fx.invite, {"actor": "alice"})
}
