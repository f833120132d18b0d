package shareguard.controls.collab.invitation_domains_test

import data.shareguard.controls.collab.invitation_domains

_tenant(domains) := {
	"sections": {"externalCollaboration": true},
	"externalCollaboration": {"invitationDomains": domains},
}

test_fail_block_list if {
	findings := invitation_domains.findings with data.tenant as _tenant({"mode": "blockList", "domains": ["gmail.com"]})
	[f] := [f | some f in findings]
	f.controlId == "SG-COLLAB-03"
	f.severity == "medium"
	contains(f.message, "1 blocked domain")
}

test_fail_none if {
	findings := invitation_domains.findings with data.tenant as _tenant({"mode": "none"})
	[f] := [f | some f in findings]
	contains(f.message, "no domain restriction")
}

test_success_allow_list if {
	count(invitation_domains.findings) == 0 with data.tenant as _tenant({"mode": "allowList", "domains": ["fabrikam.com"]})
}

test_not_evaluated_when_absent if {
	tenant := {"sections": {"externalCollaboration": true}, "externalCollaboration": {"guestUserAccess": "limited"}}
	count(invitation_domains.findings) == 0 with data.tenant as tenant
	reports := invitation_domains.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "externalCollaboration.invitationDomains"
}
