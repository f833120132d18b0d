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
	contains(f.message, "; no partner organisation is configured.")
	count(open_inbound_b2b_default.not_evaluated) == 0 with data.tenant as tenant
}

test_fail_open_default_mode_none if {
	findings := open_inbound_b2b_default.findings with data.tenant as _tenant(_collab("allowed", [], "none"))
	[f] := [f | some f in findings]
	contains(f.message, "(mode \"none\")")
}

# Microsoft: the defaults apply to every organisation without organizational settings. A partner entry that
# blocks one organisation leaves every other one open (issue 15).
test_fail_partner_entry_does_not_clear_an_open_default if {
	blocking := object.union(_partner, {"b2bCollaborationInbound": "blocked"})
	findings := open_inbound_b2b_default.findings with data.tenant as _tenant(_collab("allowed", [blocking], "blockList"))
	[f] := [f | some f in findings]
	contains(f.message, "partner entries (1, each governed by its own settings): Fabrikam, Inc. (inbound blocked).")
}

test_fail_partners_named_inherited_and_capped if {
	partners := [{"tenantId": sprintf("t%d", [i]), "displayName": sprintf("Org %d", [i])} | some i in numbers.range(1, 7)]
	findings := open_inbound_b2b_default.findings with data.tenant as _tenant(_collab("allowed", partners, "none"))
	[f] := [f | some f in findings]
	contains(f.message, "partner entries (7, each governed by its own settings): Org 1 (inbound inherited), Org 2 (inbound inherited)")
	contains(f.message, ", and 2 more.")
}

test_success_domain_allow_list if {
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as _tenant(_collab("allowed", [], "allowList"))
}

test_success_default_inbound_blocked if {
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as _tenant(_collab("blocked", [], "none"))
}

test_fail_when_partners_absent_says_so if {
	tenant := _tenant({
		"crossTenantAccess": {"default": {"b2bCollaborationInbound": "allowed"}},
		"invitationDomains": {"mode": "blockList"},
	})
	[f] := [f | some f in open_inbound_b2b_default.findings] with data.tenant as tenant
	contains(f.message, "; partner entries not exported.")
	count(open_inbound_b2b_default.not_evaluated) == 0 with data.tenant as tenant
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
		"externalCollaboration.invitationDomains.mode",
	} with data.tenant as tenant
}

test_success_unknown_setting_not_reported_when_a_known_one_clears if {
	# The blocked default settles it: the missing invitation domain mode does not matter.
	tenant := _tenant({"crossTenantAccess": {"default": {"b2bCollaborationInbound": "blocked"}, "partners": [_partner]}})
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	count(open_inbound_b2b_default.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_when_section_absent if {
	tenant := {"sections": {"users": true}}
	count(open_inbound_b2b_default.findings) == 0 with data.tenant as tenant
	{r.section | some r in open_inbound_b2b_default.not_evaluated} == {"externalCollaboration"} with data.tenant as tenant
}
