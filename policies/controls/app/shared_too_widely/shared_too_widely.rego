# METADATA
# title: Canvas app shared with Everyone or co-owned by a guest
# description: |
#   A canvas app shared with Everyone is open to every user of the tenant, guests included, together with
#   the data its connections reach; the tenant setting disableShareWithEveryone exists to stop makers
#   doing this. An app shared with a guest as co-owner (CanEdit) lets that outsider change the app, its
#   data sources and its sharing. Guests reached through a group with CanEdit count too. When the tenant
#   setting is not in the export, an app shared with Everyone is still reported and the message says so.
# related_resources:
#   - ref: https://learn.microsoft.com/power-apps/maker/canvas-apps/share-app
#     description: Share a canvas app with your organisation
#   - ref: https://learn.microsoft.com/power-apps/maker/canvas-apps/share-app-guests
#     description: Share a canvas app with guest users
#   - ref: https://learn.microsoft.com/power-platform/admin/powerapps-powershell
#     description: PowerShell support for Power Apps (tenant settings such as disableShareWithEveryone)
# custom:
#   id: SG-APP-01
#   severity: medium
#   area: app
#   sections: [apps, users, powerPlatform]
#   shards: [apps]
#   reads: {users: [displayName, userPrincipalName, userType]}
#   remediation: |
#     In Power Apps, open the app's Share pane and remove Everyone (share with the security groups that need
#     it instead), and turn off sharing with Everyone tenant-wide: $s = Get-TenantSettings;
#     $s.powerPlatform.powerApps.disableShareWithEveryone = $true; Set-TenantSettings $s. For a guest with
#     co-owner rights, clear "Co-owner" in the Share pane (leaving CanView if they only use the app), or
#     remove them from the group that holds it.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.app.shared_too_widely

import data.shareguard.lib

_setting_path := ["powerPlatform", "tenantSettings", "disableShareWithEveryone"]

_everyone_note := "sharing with Everyone is allowed (disableShareWithEveryone is false)" if {
	lib.tenant_settings.disableShareWithEveryone == false
}

_everyone_note := "the export does not say whether sharing with Everyone is disabled (disableShareWithEveryone absent or null)" if {
	not lib.setting_known(_setting_path)
}

# METADATA
# title: App shared with Everyone
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("app", app),
	"message": sprintf("App \"%s\" is shared with Everyone in the organisation, and %s.", [app.displayName, _everyone_note]),
}) if {
	some app in lib.apps_in_scope
	app.sharedWithEveryone == true
}

# {app, user (a guest), via (the group it came through or "")}
_routes contains {"app": app_id, "user": route.id, "via": route.via} if {
	some app_id, app in lib.apps_in_scope
	some share in app.sharedWith
	share.role == "CanEdit"
	some route in lib.principal_routes(share.principalId, share.principalType)
	lib.is_guest(lib.users[route.id])
}

# METADATA
# title: Guest co-owner
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("app", app),
	"principal": lib.principal(user_id),
	"message": sprintf(
		"Guest %s can edit app \"%s\" (CanEdit %s): they can change it, its data sources and who it is shared with.",
		[lib.label(user_id), app.displayName, lib.granted_through({route.via | some route in _routes; route.app == app_id; route.user == user_id})],
	),
}) if {
	some shared in _routes
	app_id := shared.app
	user_id := shared.user
	app := lib.apps[app_id]
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: guests in groups with CanEdit not checked",
) if {
	not lib.has_section("groups")
	some app in lib.apps
	some share in app.sharedWith
	share.role == "CanEdit"
	share.principalType == "Group"
}
