# METADATA
# title: Anonymous people may join Teams meetings or skip the lobby
# description: |
#   Anyone holding a meeting link can join as an anonymous participant when a meeting policy allows it: they
#   are named by what they type, and what they see depends on who lets them in. Reported per meeting policy:
#   anonymous people may start a meeting on their own (high), everyone is admitted automatically, so
#   anonymous people skip the lobby (high), dial-in callers skip the lobby (medium), and
#   anonymous people may join at all (low: they still wait in the lobby for someone inside to admit them).
# related_resources:
#   - ref: https://learn.microsoft.com/microsoftteams/settings-policies-reference
#     description: Meeting policy settings reference (participants and guests)
#   - ref: https://learn.microsoft.com/microsoftteams/who-can-bypass-meeting-lobby
#     description: Control who can bypass the meeting lobby in Microsoft Teams
# custom:
#   id: SG-TEAMS-03
#   severity: medium
#   area: teams
#   sections: [teamsSettings]
#   shards: [tenant]
#   remediation: |
#     In the Teams admin center > Meetings > Meeting policies (Global and every custom policy): turn off
#     "Anonymous users can join a meeting" where meetings do not need them, keep "Anonymous users and dial-in
#     callers can start a meeting" off, and set "Who can bypass the lobby" to people in the organisation
#     (Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting $false -AllowAnonymousUsersToStartMeeting
#     $false -AutoAdmittedUsers EveryoneInCompanyExcludingGuests -AllowPSTNUsersToBypassLobby $false).
#   references: [SCuBA MS.TEAMS.1.2, SCuBA MS.TEAMS.1.3, SCuBA MS.TEAMS.1.5, CIS M365 8.5.1, CIS M365 8.5.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.teams.anonymous_meetings

import data.shareguard.lib

_policies := object.get(lib.teams_settings, "meetingPolicies", [])

_problems := [
	{"field": "anonymousUsersCanStart", "value": true, "severity": "high", "text": "anonymous people may start a meeting on their own"},
	{"field": "autoAdmittedUsers", "value": "Everyone", "severity": "high", "text": "everyone is admitted automatically, anonymous people included, so nobody waits in the lobby"},
	{"field": "dialInBypassLobby", "value": true, "severity": "medium", "text": "dial-in callers skip the lobby"},
	{"field": "anonymousUsersCanJoin", "value": true, "severity": "low", "text": "anonymous people may join"},
]

_rank := {"low": 1, "medium": 2, "high": 3}

# The problems a policy has, in the order of _problems (most severe first): the message lists them in that
# order and the path names the first.
_found(policy) := [problem | some problem in _problems; policy[problem.field] == problem.value]

# METADATA
# title: Meeting policy lets anonymous people in
findings contains lib.finding(rego.metadata.chain(), {
	"resource": {"kind": "meetingPolicy", "id": policy.id, "displayName": policy.id},
	"severity": severity,
	"message": sprintf("Teams meeting policy %s: %s.", [policy.id, concat("; ", [p.text | some p in found])]),
	"path": sprintf("teamsSettings.meetingPolicies[%d].%s", [index, found[0].field]),
}) if {
	some index, policy in _policies
	found := _found(policy)
	count(found) > 0
	top := max({_rank[p.severity] | some p in found})
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
	"teamsSettings.meetingPolicies",
	"setting absent or null in the export",
) if {
	lib.has_section("teamsSettings")
	not lib.setting_known(["teamsSettings", "meetingPolicies"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	sprintf("teamsSettings.meetingPolicies[].%s", [problem.field]),
	sprintf("absent or null in %d meeting policy(ies)", [n]),
) if {
	some problem in _problems
	n := count([p | some p in _policies; object.get(p, problem.field, null) == null])
	n > 0
}
