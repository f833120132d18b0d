# METADATA
# title: A guest added to a team cannot use it while Teams guest access is off
# description: |
#   A team is its Microsoft 365 group: adding a guest to the group makes the guest a member of the team
#   (add-group-member names the team's group). Teams' tenant-wide guest access (AllowGuestUser) decides
#   whether a guest can open Teams at all: when it is off the membership is still made, in the group and
#   its SharePoint site, but the guest cannot use the team. The same holds for the teams an invitation
#   names in its groups. Whether the group accepts the guest at all is PLT-GROUP-01's call.
# related_resources:
#   - ref: https://learn.microsoft.com/microsoftteams/set-up-guests
#     description: Turn on or off guest access to Microsoft Teams
# custom:
#   id: PLT-TEAMS-01
#   effect: warn
#   area: group
package shareguard.platform.teams.guest_access

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_team := lib.teams[plt.change.group]

# METADATA
# title: Guest added to a team with Teams guest access off
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Guest %s joins the group of team \"%s\" but cannot use the team: Teams guest access is off for the tenant.",
	[lib.label(plt.change.principal), object.get(_team, "displayName", plt.change.group)],
)) if {
	plt.action == "add-group-member"
	lib.is_guest(lib.users[plt.change.principal])
	_team
	lib.teams_settings.guestAccessEnabled == false
}

# METADATA
# title: Teams guest access not exported
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Whether guest %s can use team \"%s\" is not known: the export does not say whether Teams guest access is on.",
	[lib.label(plt.change.principal), object.get(_team, "displayName", plt.change.group)],
)) if {
	plt.action == "add-group-member"
	lib.is_guest(lib.users[plt.change.principal])
	_team
	not is_boolean(object.get(lib.teams_settings, "guestAccessEnabled", null))
}

# METADATA
# title: Invited guest added to a team with Teams guest access off
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Invited guest %s joins the group of team \"%s\" but cannot use the team: Teams guest access is off for the tenant.",
	[plt.change.email, object.get(lib.teams[group_id], "displayName", group_id)],
)) if {
	plt.action == "invite"
	object.get(plt.change, "userType", "Guest") == "Guest"
	some group_id in object.get(plt.change, "groups", [])
	lib.teams[group_id]
	lib.teams_settings.guestAccessEnabled == false
}
