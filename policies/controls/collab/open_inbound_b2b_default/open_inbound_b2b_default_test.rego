package shareguard.controls.collab.open_inbound_b2b_default_test

import data.shareguard.controls.collab.open_inbound_b2b_default

_partner := {"tenantId": "cd5be04a-0004-474a-9a17-ac789f545ea8", "displayName": "Fabrikam, Inc.", "domains": ["fabrikam.com"]}

_collab(inbound, partners, mode) := {
	"crossTenantAccess": {"default": {"b2bCollaborationInbound": inbound, "b2bCollaborationOutbound": "allowed"}, "partners": partners},
	"invitationDomains": {"mode": mode, "domains": ["wingtiptoys.com"]},
}

_tenant(collab) := {
	"sections": {"tenant": true, "externalCollaboration": true},
	"tenant": {"id": "t1", "displayName": "Contoso"},
	"externalCollaboration": collab,
}

test_fail_open_default_no_partner_no_allow_list if {
	tenant := _tenant(_collab("allowed", [], "blockList"))
	findings := open_inbound_b2b_default.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-COLLAB-06"
	f.severity == "low"
	f.resource == {"kind": "tenant", "id": "t1", "displayName": "Contoso"}
	f.path == "externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound"
	contains(f.message, "(mode \"blockList\")")
	count(open_inbound_b2b_default.not_evaluated) == 0 with data.tenant as tenant
}

test_fail_open_default_mode_none if {
	findings := open_inbound_b2b_default.findings with data.tenant as _tenant(_collab("allowed", [], "none"))
	[f] := [f | some f in findings]
	contains(f.message, "(mode \"none\")")
}

test_success_partner_configured if {
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as _tenant(_collab("allowed", [_partner], "blockList"))
}

test_success_domain_allow_list if {
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as _tenant(_collab("allowed", [], "allowList"))
}

test_success_default_inbound_blocked if {
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as _tenant(_collab("blocked", [], "none"))
}

test_not_evaluated_when_partners_absent if {
	tenant := _tenant({
		"crossTenantAccess": {"default": {"b2bCollaborationInbound": "allowed"}},
		"invitationDomains": {"mode": "blockList"},
	})
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	open_inbound_b2b_default.not_evaluated == {{
		"controlId": "SG-COLLAB-06",
		"section": "externalCollaboration.crossTenantAccess.partners",
		"reason": "setting absent or null in the export",
	}} with data.tenant as tenant
}

test_not_evaluated_when_inbound_default_null if {
	tenant := _tenant(_collab(null, [], "none"))
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	{r.section | some r in open_inbound_b2b_default.not_evaluated} == {"externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound"} with data.tenant as tenant
}

test_not_evaluated_when_everything_absent if {
	tenant := _tenant({"guestUserAccess": "limited"})
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	{r.section | some r in open_inbound_b2b_default.not_evaluated} == {
		"externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound",
		"externalCollaboration.crossTenantAccess.partners",
		"externalCollaboration.invitationDomains.mode",
	} with data.tenant as tenant
}

test_success_unknown_setting_not_reported_when_a_known_one_clears if {
	# The partner entry settles it: the missing invitation domain mode does not matter.
	tenant := _tenant({"crossTenantAccess": {"default": {"b2bCollaborationInbound": "allowed"}, "partners": [_partner]}})
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	count(open_inbound_b2b_default.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_when_section_absent if {
	tenant := {"sections": {"users": true}}
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	{r.section | some r in open_inbound_b2b_default.not_evaluated} == {"externalCollaboration"} with data.tenant as tenant
}
