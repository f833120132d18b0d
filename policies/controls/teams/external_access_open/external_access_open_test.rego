package shareguard.controls.teams.external_access_open_test

import data.shareguard.controls.teams.external_access_open as control

_tenant(access) := {"sections": {"teamsSettings": true}, "teamsSettings": {"externalAccess": object.union(
	{"enabled": true, "allowAllDomains": false, "allowedDomains": ["partner.example"], "teamsConsumer": false, "teamsConsumerInbound": false, "trialTenants": false},
	access,
)}}

test_success_allow_list_no_consumer if {
	count(control.findings) == 0 with data.tenant as _tenant({})
	count(control.not_evaluated) == 0 with data.tenant as _tenant({})
}

test_fail_every_domain if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"allowAllDomains": true, "blockedDomains": ["evil.example"]})
	f.controlId == "SG-TEAMS-02"
	f.severity == "medium"
	f.path == "teamsSettings.externalAccess.allowAllDomains"
	f.message == "Teams external access is open to every domain (1 blocked): any organisation's users can chat and meet with yours without a guest account."
}

test_success_every_domain_but_federation_off if {
	count(control.findings) == 0 with data.tenant as _tenant({"enabled": false, "allowAllDomains": true, "trialTenants": true})
}

test_fail_consumer_inbound_is_medium if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"teamsConsumer": true, "teamsConsumerInbound": true})
	f.severity == "medium"
	f.path == "teamsSettings.externalAccess.teamsConsumer"
}

test_fail_consumer_outbound_only_is_low if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"teamsConsumer": true, "teamsConsumerInbound": false})
	f.severity == "low"
}

# Inbound alone does nothing while personal accounts are off (the admin centre hides it).
test_success_inbound_without_consumer if {
	count(control.findings) == 0 with data.tenant as _tenant({"teamsConsumer": false, "teamsConsumerInbound": true})
}

test_fail_trial_tenants if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"trialTenants": true})
	f.severity == "low"
}

test_fail_all_in_one_finding_at_the_highest_severity if {
	[f] := [f | some f in control.findings] with data.tenant as _tenant({"allowAllDomains": true, "teamsConsumer": true, "teamsConsumerInbound": false, "trialTenants": true})
	f.severity == "medium"
	f.path == "teamsSettings.externalAccess.allowAllDomains"
	contains(f.message, "without a guest account; open to people using Teams with a personal account, when someone inside starts the conversation; open to tenants that only hold trial licences")
}

test_not_evaluated_unknown if {
	tenant := {"sections": {"teamsSettings": true}, "teamsSettings": {"externalAccess": {"enabled": true}}}
	{r.section | some r in control.not_evaluated} == {"teamsSettings.externalAccess.teamsConsumer", "teamsSettings.externalAccess.allowAllDomains"} with data.tenant as tenant
}

test_not_evaluated_without_section if {
	{r.section | some r in control.not_evaluated} == {"teamsSettings"} with data.tenant as {"sections": {}}
}
