# METADATA
# title: Teams external access open to every domain or to personal accounts
# description: |
#   External access (federation) lets users chat and meet with people of other organisations who stay in
#   their own tenant: no guest account, no invitation, nothing in the directory. Open to every domain, any
#   organisation's account can start a chat (the common route for phishing and malware over Teams chat);
#   open to Teams personal accounts (Teams consumer), so can anyone with a free Microsoft account, and,
#   if they may start the conversation, without anyone inside asking for it. Trial-only tenants cost
#   nothing to create, so allowing them is allowing throwaway organisations. Every domain and personal
#   accounts that may start conversations are medium; personal accounts only answered, and trial tenants,
#   are low.
# related_resources:
#   - ref: https://learn.microsoft.com/microsoftteams/trusted-organizations-external-meetings-chat
#     description: Manage external meetings and chat with people and organizations using Microsoft identities
#   - ref: https://learn.microsoft.com/powershell/module/teams/set-cstenantfederationconfiguration
#     description: Set-CsTenantFederationConfiguration
# custom:
#   id: SG-TEAMS-02
#   severity: medium
#   area: teams
#   sections: [teamsSettings]
#   shards: [tenant]
#   remediation: |
#     In the Teams admin center > Users > External access, choose "Allow only specific external domains" and
#     list the partners, turn off "People in my organization can communicate with unmanaged Teams accounts"
#     (or at least "External users with Teams accounts not managed by an organization can contact users"),
#     and keep trial tenants blocked (Set-CsTenantFederationConfiguration -AllowedDomainsAsAList <domains>
#     -AllowTeamsConsumer $false -AllowTeamsConsumerInbound $false -ExternalAccessWithTrialTenants Blocked).
#   references: [SCuBA MS.TEAMS.2.1, SCuBA MS.TEAMS.2.2, SCuBA MS.TEAMS.2.3, CIS M365 8.2.1]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.teams.external_access_open

import data.shareguard.lib

_access := object.get(lib.teams_settings, "externalAccess", {})

_path := "teamsSettings.externalAccess"

# Each problem found as {order, severity, path, text}; one finding for the tenant lists them all, in
# order (domains, personal accounts, trial tenants), at the most severe one's severity, and points at the
# first one's setting (shareguard keeps one finding per control and resource).
_problems contains {
	"order": 1,
	"severity": "medium",
	"path": sprintf("%s.allowAllDomains", [_path]),
	"text": sprintf(
		"open to every domain (%d blocked): any organisation's users can chat and meet with yours without a guest account",
		[count(object.get(_access, "blockedDomains", []))],
	),
} if {
	_access.enabled == true
	_access.allowAllDomains == true
}

_problems contains {
	"order": 2,
	"severity": consumer.severity,
	"path": sprintf("%s.teamsConsumer", [_path]),
	"text": sprintf("open to people using Teams with a personal account, %s", [consumer.who]),
} if {
	_access.teamsConsumer == true
	consumer := _consumer(object.get(_access, "teamsConsumerInbound", null))
}

_problems contains {
	"order": 3,
	"severity": "low",
	"path": sprintf("%s.trialTenants", [_path]),
	"text": "open to tenants that only hold trial licences, which anyone can create at no cost",
} if {
	_access.enabled == true
	_access.trialTenants == true
}

# Personal accounts: whether they may start the conversation (teamsConsumerInbound) sets the severity;
# not exported, the worse case is assumed and said.
_consumer(true) := {"severity": "medium", "who": "who may also start the conversation"}

_consumer(false) := {"severity": "low", "who": "when someone inside starts the conversation"}

_consumer(null) := {"severity": "medium", "who": "and whether they may start the conversation is not in the export"}

_rank := {"low": 1, "medium": 2}

_ordered := [problem |
	some order in sort({p.order | some p in _problems})
	some problem in _problems
	problem.order == order
]

# METADATA
# title: External access too open
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"severity": severity,
	"message": sprintf("Teams external access is %s.", [concat("; ", [p.text | some p in _ordered])]),
	"path": _ordered[0].path,
}) if {
	count(_ordered) > 0
	top := max({_rank[p.severity] | some p in _ordered})
	some severity, rank in _rank
	rank == top
}

# METADATA
# title: Section or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	sprintf("%s.%s", [_path, field]),
	"setting absent or null in the export",
) if {
	lib.has_section("teamsSettings")
	some field in ["enabled", "teamsConsumer"]
	not lib.setting_known(["teamsSettings", "externalAccess", field])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	sprintf("%s.allowAllDomains", [_path]),
	"setting absent or null in the export",
) if {
	_access.enabled == true
	not lib.setting_known(["teamsSettings", "externalAccess", "allowAllDomains"])
}
