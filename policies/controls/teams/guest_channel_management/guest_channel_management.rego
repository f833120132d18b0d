# METADATA
# title: Guests in a team may create or delete channels
# description: |
#   A team's guest settings decide whether its guest members may create, rename and delete channels. A
#   guest who can delete a channel can remove its conversation and files tab for everyone (deleted channels
#   are recoverable for 30 days, by an owner who notices); one who can create channels can open new spaces,
#   including shared ones, that the owners did not plan. Reported for teams that have guest members, while
#   guest access to Teams is not turned off tenant-wide. Guests are read from the team's Microsoft 365 group
#   (members expanded) and, where the group's members are not in the export, from the team's hasGuests.
# related_resources:
#   - ref: https://learn.microsoft.com/graph/api/resources/teamguestsettings
#     description: teamGuestSettings resource type
#   - ref: https://learn.microsoft.com/microsoftteams/guest-access
#     description: Guest access in Microsoft Teams
# custom:
#   id: SG-TEAMS-01
#   severity: medium
#   area: teams
#   sections: [teams, teamsSettings]
#   shards: [tenant]
#   remediation: |
#     In Teams, as a team owner: the team > Manage team > Settings > Guest permissions, clear "Allow guests to
#     create and update channels" and "Allow guests to delete channels" (Graph: PATCH /teams/{id} with
#     guestSettings allowCreateUpdateChannels and allowDeleteChannels false).
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.teams.guest_channel_management

import data.shareguard.lib

_guest_count(team) := n if {
	members := lib.groups[team.id].transitiveMembers
	n := count([id | some id in members; lib.is_guest(lib.users[id])])
}

_has_guests(team) if _guest_count(team) > 0

_has_guests(team) if {
	not lib.groups[team.id].transitiveMembers
	team.hasGuests == true
}

_rights(team) := [right |
	some field, right in {"allowCreateUpdateChannels": "create and update channels", "allowDeleteChannels": "delete channels"}
	team.guestSettings[field] == true
]

_teams_guest_access_off if lib.teams_settings.guestAccessEnabled == false

# METADATA
# title: Guests may manage channels
findings contains lib.finding(rego.metadata.chain(), {
	"resource": {"kind": "team", "id": team.id, "displayName": team.displayName},
	"message": sprintf("Team \"%s\" has guest members, and guests may %s.", [team.displayName, concat(" and ", sort(rights))]),
}) if {
	not _teams_guest_access_off
	some team in lib.teams_in_scope
	_has_guests(team)
	rights := _rights(team)
	count(rights) > 0
}

# METADATA
# title: Section or fields missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"teams[].guestSettings",
	"not collected: whether guests may manage channels is not known",
) if {
	lib.not_collected("teams[].guestSettings")
}

# A team whose guests cannot be told (no group members, no hasGuests) is not judged.
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"teams[].hasGuests",
	sprintf("%d team(s) whose guest members are not known (their group's members are not in the export)", [n]),
) if {
	unknown := [team |
		some team in lib.teams_in_scope
		not lib.groups[team.id].transitiveMembers
		not is_boolean(object.get(team, "hasGuests", null))
		count(_rights(team)) > 0
	]
	n := count(unknown)
	n > 0
}
