package shareguard.controls.spo.domain_lists_contradict_entra_test

import data.shareguard.controls.spo.domain_lists_contradict_entra as control

_tenant(spo, entra) := {
	"sections": {"sharePoint": true, "externalCollaboration": true},
	"sharePoint": object.union({"sharingCapability": "newAndExistingGuests"}, spo),
	"externalCollaboration": {"invitationDomains": entra},
}

_spo_allow(domains) := {"sharingDomainRestrictionMode": "allowList", "sharingAllowedDomains": domains}

test_fail_spo_allows_what_entra_blocks if {
	tenant := _tenant(_spo_allow(["Fabrikam.com", "partner.example"]), {"mode": "blockList", "domains": ["fabrikam.com"]})
	[f] := [f | some f in control.findings] with data.tenant as tenant
	f.controlId == "SG-SPO-04"
	f.severity == "medium"
	f.resource == {"kind": "domain", "id": "fabrikam.com", "displayName": "fabrikam.com"}
	f.message == "Domain fabrikam.com is on SharePoint's sharing allow list but is on Entra's invitation block list."
}

test_fail_spo_allows_what_entra_does_not_list if {
	tenant := _tenant(_spo_allow(["partner.example", "gmail.com"]), {"mode": "allowList", "domains": ["partner.example"]})
	{f.message | some f in control.findings} == {"Domain gmail.com is on SharePoint's sharing allow list but is not on Entra's invitation allow list."} with data.tenant as tenant
}

test_success_lists_agree if {
	tenant := _tenant(_spo_allow(["partner.example"]), {"mode": "allowList", "domains": ["PARTNER.example", "other.example"]})
	count(control.findings) == 0 with data.tenant as tenant
}

test_success_spo_allow_list_entra_unrestricted if {
	tenant := _tenant(_spo_allow(["partner.example"]), {"mode": "none", "domains": []})
	count(control.findings) == 0 with data.tenant as tenant
}

test_fail_spo_blocks_what_entra_allows_is_low if {
	tenant := _tenant({"sharingDomainRestrictionMode": "blockList", "sharingBlockedDomains": ["partner.example", "evil.example"]}, {"mode": "allowList", "domains": ["partner.example"]})
	[f] := [f | some f in control.findings] with data.tenant as tenant
	f.severity == "low"
	f.path == "sharePoint.sharingBlockedDomains"
}

test_success_when_sharing_disabled if {
	tenant := _tenant(object.union(_spo_allow(["gmail.com"]), {"sharingCapability": "disabled"}), {"mode": "allowList", "domains": ["partner.example"]})
	count(control.findings) == 0 with data.tenant as tenant
}

test_not_evaluated_entra_mode_unknown if {
	tenant := _tenant(_spo_allow(["gmail.com"]), {"mode": null})
	count(control.findings) == 0 with data.tenant as tenant
	{r.section | some r in control.not_evaluated} == {"externalCollaboration.invitationDomains"} with data.tenant as tenant
}

test_not_evaluated_spo_mode_unknown if {
	tenant := _tenant({}, {"mode": "allowList", "domains": []})
	{r.section | some r in control.not_evaluated} == {"sharePoint.sharingDomainRestrictionMode"} with data.tenant as tenant
}

test_not_evaluated_without_sections if {
	{r.section | some r in control.not_evaluated} == {"sharePoint", "externalCollaboration"} with data.tenant as {"sections": {}}
}
