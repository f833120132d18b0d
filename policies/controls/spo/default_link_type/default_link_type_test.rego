package shareguard.controls.spo.default_link_type_test

import data.shareguard.controls.spo.default_link_type

_tenant(value) := {"sections": {"sharePoint": true}, "sharePoint": {"defaultSharingLinkType": value}}

test_fail_anyone_is_high if {
	[f] := [f | some f in default_link_type.findings] with data.tenant as _tenant("anyone")
	f.controlId == "SG-SPO-02"
	f.severity == "high"
	f.path == "sharePoint.defaultSharingLinkType"
	contains(f.message, "no sign-in")
}

test_fail_organization_is_low if {
	[f] := [f | some f in default_link_type.findings] with data.tenant as _tenant("organization")
	f.severity == "low"
	contains(f.message, "every employee")
}

test_success_specific_people if {
	count(default_link_type.findings) == 0 with data.tenant as _tenant("specificPeople")
}

# "none" leaves the choice to SharePoint's own default (specific people for new tenants).
test_success_none if {
	count(default_link_type.findings) == 0 with data.tenant as _tenant("none")
}

test_not_evaluated_when_null if {
	count(default_link_type.findings) == 0 with data.tenant as _tenant(null)
	{r.section | some r in default_link_type.not_evaluated} == {"sharePoint.defaultSharingLinkType"} with data.tenant as _tenant(null)
}

test_not_evaluated_without_section if {
	{r.section | some r in default_link_type.not_evaluated} == {"sharePoint"} with data.tenant as {"sections": {}}
}
