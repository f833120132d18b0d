package shareguard.controls.dlp.personal_connectors_business_test

import data.shareguard.controls.dlp.personal_connectors_business

_policy(business, default_class) := {
	"id": "p1", "displayName": "Marketing - Content sharing", "environmentType": "OnlyEnvironments", "environments": ["e1"],
	"connectorGroups": {"business": business, "nonBusiness": ["shared_twitter"], "blocked": ["shared_facebook"]},
	"defaultConnectorClassification": default_class,
}

_tenant(policies) := {"sections": {"dlpPolicies": true}, "dlpPolicies": {p.id: p | some p in policies}}

test_fail_dropbox_listed_business if {
	tenant := _tenant([_policy(["shared_sharepointonline", "shared_dropbox"], "nonBusiness")])
	findings := personal_connectors_business.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	f.controlId == "SG-DLP-03"
	f.severity == "medium"
	f.resource == {"kind": "dlpPolicy", "id": "p1", "displayName": "Marketing - Content sharing"}
	not f.principal
	f.message == "DLP policy \"Marketing - Content sharing\" classifies social or personal-storage connectors as business: shared_dropbox (listed)."
}

test_fail_one_finding_per_policy_listing_all if {
	tenant := _tenant([_policy(["shared_gmail", "shared_dropbox", "shared_office365"], "nonBusiness")])
	findings := personal_connectors_business.findings with data.tenant as tenant
	[f] := [f | some f in findings]
	endswith(f.message, "business: shared_dropbox (listed), shared_gmail (listed).")
}

test_fail_business_default_classifies_unlisted_personal_connectors if {
	tenant := _tenant([_policy(["shared_sharepointonline"], "business")])
	findings := personal_connectors_business.findings with data.tenant as tenant
		with input.params as {"SG-DLP-03": {"personalConnectors": ["shared_twitter", "shared_facebook", "shared_gmail"]}}
	[f] := [f | some f in findings]

	# twitter is listed nonBusiness and facebook blocked: only the unlisted gmail falls in the business default.
	endswith(f.message, "business: shared_gmail (by default).")
}

test_fail_two_policies_two_findings if {
	second := object.union(_policy(["shared_box"], "nonBusiness"), {"id": "p2", "displayName": "Sales"})
	tenant := _tenant([_policy(["shared_dropbox"], "nonBusiness"), second])
	findings := personal_connectors_business.findings with data.tenant as tenant
	{f.resource.id | some f in findings} == {"p1", "p2"}
}

test_success_personal_connectors_non_business_or_blocked if {
	tenant := _tenant([_policy(["shared_sharepointonline", "shared_office365"], "nonBusiness")])
	count(personal_connectors_business.findings) == 0 with data.tenant as tenant
}

test_success_blocked_wins_over_business if {
	policy := object.union(_policy(["shared_dropbox"], "nonBusiness"), {"connectorGroups": {"blocked": ["shared_dropbox"]}})
	count(personal_connectors_business.findings) == 0 with data.tenant as _tenant([policy])
}

test_success_default_absent_is_non_business if {
	policy := object.remove(_policy(["shared_sharepointonline"], null), ["defaultConnectorClassification"])
	count(personal_connectors_business.findings) == 0 with data.tenant as _tenant([policy])
}

test_not_evaluated_without_dlp_policies if {
	tenant := {"sections": {"environments": true}}
	count(personal_connectors_business.findings) == 0 with data.tenant as tenant
	personal_connectors_business.not_evaluated == {{
		"controlId": "SG-DLP-03",
		"section": "dlpPolicies",
		"reason": "section absent from the export",
	}} with data.tenant as tenant
}
