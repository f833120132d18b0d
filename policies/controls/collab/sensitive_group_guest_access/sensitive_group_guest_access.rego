# METADATA
# title: Sensitive Microsoft 365 group open to guests
# description: |
#   Guest access to Microsoft 365 groups is on for the whole organisation by default, and each group may
#   override it with its own allowToAddGuests setting. While guests may be added tenant-wide, a group
#   whose name marks it as sensitive (finance, HR, legal, board...) and that does not turn guest access
#   off for itself lets any owner add an outsider to its conversations, files and Teams channels.
#   A group with no per-group value inherits the tenant-wide setting and is reported too.
#   Adding a guest and the guest reaching the group's content are two settings: with guest access to
#   group content turned off tenant-wide (Group.Unified AllowGuestsToAccessGroups = false), an added
#   guest gets nothing until that setting changes, so the finding is lowered to info and says so.
# related_resources:
#   - ref: https://learn.microsoft.com/microsoft-365/solutions/per-group-guest-access
#     description: Prevent guests from being added to a specific group
#   - ref: https://learn.microsoft.com/microsoft-365/admin/create-groups/manage-guest-access-in-groups
#     description: Manage guest access in Microsoft 365 groups
# custom:
#   id: SG-COLLAB-07
#   severity: low
#   area: collab
#   sections: [externalCollaboration, groups]
#   shards: [groups]
#   reads: {users: []}
#   params:
#     sensitiveGroupPatterns:
#       - '\b(finance|payroll|hr|human resources|legal|executive|board|confidential|m&a)\b'
#   remediation: |
#     Turn guest access off for the group: with Microsoft Graph PowerShell, create or update the group's
#     Group.Unified.Guest directory setting with AllowToAddGuests = false (New-MgGroupSetting /
#     Update-MgGroupSetting), or apply a sensitivity label that blocks guests. If guests are rarely needed,
#     set AllowToAddGuests to false in the tenant-wide Group.Unified setting and allow it per group instead.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.sensitive_group_guest_access

import data.shareguard.lib

_tenant_wide_path := ["externalCollaboration", "m365Groups", "allowToAddGuests"]

_microsoft_365_group(group) if "Unified" in group.groupTypes

_override_text(group) := "allows guests itself (allowToAddGuests true)" if group.allowToAddGuests == true

_override_text(group) := "has no group-level setting and inherits it" if not _has_override(group)

_has_override(group) if is_boolean(group.allowToAddGuests)

_closed(group) if group.allowToAddGuests == false

_content_path := ["externalCollaboration", "m365Groups", "allowGuestsToAccessGroups"]

_content_closed if lib.setting(_content_path) == false

_consequence := "its owners can add guests, who reach its conversations, files and channels" if {
	lib.setting(_content_path) == true
}

_consequence := "its owners can add guests, who get nothing while guest access to group content is off tenant-wide (allowGuestsToAccessGroups false), and everything once it is turned on" if {
	_content_closed
}

_consequence := "its owners can add guests (whether guests can reach group content is not in the export: allowGuestsToAccessGroups)" if {
	not is_boolean(lib.setting(_content_path))
}

# Info while guests cannot reach group content; the control's own severity otherwise (unknown included).
_severity_props := {"severity": "info"} if _content_closed

_severity_props := {} if not _content_closed

# METADATA
# title: Sensitive group not closed to guests
findings contains lib.finding(chain, object.union(_severity_props, {
	"resource": lib.resource("group", group),
	"message": sprintf(
		"Microsoft 365 group \"%s\" has a sensitive name, guests may be added to groups tenant-wide, and the group %s: %s.",
		[group.displayName, _override_text(group), _consequence],
	),
})) if {
	chain := rego.metadata.chain()
	lib.setting(_tenant_wide_path) == true
	patterns := lib.param(chain, "sensitiveGroupPatterns")
	some group in lib.groups_in_scope
	_microsoft_365_group(group)
	lib.sensitive_group(group, patterns)
	not _closed(group)
}

# METADATA
# title: Sections or setting missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.m365Groups.allowToAddGuests",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(_tenant_wide_path)
}
