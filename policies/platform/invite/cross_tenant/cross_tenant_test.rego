package shareguard.platform.invite.cross_tenant_test

import data.shareguard.platform.invite.cross_tenant
import data.shareguard.platform.testing as fx

_verdicts(tenant, change) := verdicts if {
	verdicts := cross_tenant.verdicts with data.tenant as tenant
		with input.change as object.union(fx.invite, change)
}

_default_blocked := fx.tenant_with({"externalCollaboration": {"crossTenantAccess": {"default": {"b2bCollaborationInbound": "blocked"}}}})

test_fail_partner_rule_by_domain if {
	_verdicts(fx.tenant, {"email": "nina@northwind.com"}) == {{
		"id": "PLT-INVITE-04", "effect": "refuse",
		"message": "nina@northwind.com cannot be invited: cross-tenant access for partner t-northwind blocks inbound B2B collaboration.",
	}}
}

test_fail_partner_rule_by_home_tenant if {
	[v] := [v | some v in _verdicts(fx.tenant, {"email": "nina@nw-mail.net", "homeTenantId": "t-northwind"})]
	v.id == "PLT-INVITE-04"
	contains(v.message, "partner t-northwind")
}

test_fail_default_blocked if {
	_verdicts(_default_blocked, {"email": "eve@litware.com"}) == {{
		"id": "PLT-INVITE-04", "effect": "refuse",
		"message": "eve@litware.com cannot be invited: the cross-tenant access default blocks inbound B2B collaboration and no partner rule allows litware.com.",
	}}
}

test_fail_partner_without_inbound_inherits_blocked_default if {
	[v] := [v | some v in _verdicts(_default_blocked, {"email": "bob@fabrikam.com"})]
	contains(v.message, "partner t-fabrikam")
}

test_success_partner_allows_over_blocked_default if {
	tenant := json.patch(_default_blocked, [{
		"op": "add", "path": "/externalCollaboration/crossTenantAccess/partners/1/b2bCollaborationInbound",
		"value": "allowed",
	}])
	count(_verdicts(tenant, {"email": "bob@fabrikam.com"})) == 0
}

test_success_default_allowed if {
	count(_verdicts(fx.tenant, {"email": "eve@litware.com"})) == 0
	count(_verdicts(fx.tenant, {"email": "bob@fabrikam.com"})) == 0
}

# A partner whose setting is null inherits a blocking default (it used to read as "not blocked").
test_fail_partner_with_null_setting_inherits_the_blocked_default if {
	tenant := json.patch(_default_blocked, [{
		"op": "add", "path": "/externalCollaboration/crossTenantAccess/partners/1/b2bCollaborationInbound",
		"value": null,
	}])
	[v] := [v | some v in _verdicts(tenant, {"email": "bob@fabrikam.com"})]
	v.effect == "refuse"
	contains(v.message, "partner t-fabrikam blocks inbound")
}

# Saved without the setting, and the export says so: neither refused nor allowed by the partner, a warning.
test_warn_partner_setting_not_collected if {
	tenant := object.union(_default_blocked, {"notCollected": {"externalCollaboration.crossTenantAccess.partners": true}})
	[v] := [v | some v in _verdicts(tenant, {"email": "bob@fabrikam.com"})]
	v.effect == "warn"
	contains(v.message, "the partner entry for t-fabrikam was exported without its inbound B2B collaboration setting")
}
