# METADATA
# title: Guest is a member of a group closed to guests or with a sensitive name
# description: |
#   Turning guest access off for a Microsoft 365 group (allowToAddGuests false) only stops new guests from
#   being added: guests already in it stay, with access to its mail, files, Teams channels and anything
#   shared with the group. Groups whose names mark them as sensitive (finance, HR, legal, executive...)
#   should not hold guests either. Membership through nested groups counts.
# related_resources:
#   - ref: https://learn.microsoft.com/microsoft-365/solutions/per-group-guest-access
#     description: Prevent guests from being added to a specific Microsoft 365 group
#   - ref: https://learn.microsoft.com/entra/identity/users/groups-settings-cmdlets
#     description: Configure Microsoft Entra settings for groups (AllowToAddGuests)
# custom:
#   id: SG-GROUP-01
#   severity: high
#   area: group
#   sections: [groups, users]
#   shards: [groups]
#   reads: {users: [displayName, userPrincipalName, userType]}
#   params:
#     sensitiveGroupPatterns:
#       - "\\b(finance|payroll|hr|human resources|legal|executive|board|confidential|m&a)\\b"
#   remediation: |
#     Remove the guest from the group (Entra admin center > Groups > the group > Members, or
#     Remove-MgGroupMemberByRef), or from the nested group that brings them in. If the guest really needs
#     the content, share the specific files or channel with them instead, and record the decision.
#   references: [CISA SCuBA MS.AAD.8]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.group.guest_in_restricted_group

import data.shareguard.lib

_reasons(group, patterns) := {"guest access is turned off for it (allowToAddGuests false)" |
	group.allowToAddGuests == false
} | {"its name marks it as sensitive" |
	lib.sensitive_group(group, patterns)
}

_how(group, user_id) := "" if user_id in object.get(group, "members", [])

_how(group, user_id) := " through a nested group" if not user_id in object.get(group, "members", [])

# METADATA
# title: Guest in a restricted group
findings contains lib.finding(chain, {
	"resource": lib.resource("group", group),
	"principal": lib.principal(user_id),
	"message": concat("", [
		"Guest ", lib.label(user_id), " is a member of group \"", lib.text(group.displayName), "\"", _how(group, user_id),
		" although ", concat(" and ", sort(reasons)), ".",
	]),
}) if {
	chain := rego.metadata.chain()
	patterns := lib.param(chain, "sensitiveGroupPatterns")
	some group in lib.groups_in_scope
	reasons := _reasons(group, patterns)
	count(reasons) > 0
	some user_id in group.transitiveMembers
	lib.is_guest(lib.users[user_id])
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
