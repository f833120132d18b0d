# METADATA
# title: Guests' access to shared content never expires
# description: |
#   SharePoint can end a guest's access to sites and files a set number of days after it was granted,
#   unless a site owner renews it. Without it, access granted for one piece of work lasts until someone
#   remembers to remove it, which in practice is never: the guest keeps reaching the content after the
#   engagement and after the employee who shared it has left. The longest acceptable period is the
#   maxGuestAccessDays parameter (90 days: one quarter, a typical engagement review).
#   Only evaluated while SharePoint shares outside the organisation at all.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings (guest access expiration)
#   - ref: https://learn.microsoft.com/microsoft-365/community/sharepoint-security-a-team-effort
#     description: SharePoint security, a team effort
# custom:
#   id: SG-SPO-07
#   severity: low
#   area: spo
#   sections: [sharePoint]
#   shards: [tenant]
#   params:
#     maxGuestAccessDays: 90
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing > More external sharing settings, select "Guest access
#     to a site or OneDrive will expire automatically after this many days" and enter 90 or fewer
#     (Set-SPOTenant -ExternalUserExpirationRequired $true -ExternalUserExpireInDays 90).
#   references: [CIS M365 7.2.9]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.guest_access_expiry

import data.shareguard.lib

_settings := lib.sharepoint

_sharing_on if {
	lib.setting_known(["sharePoint", "sharingCapability"])
	_settings.sharingCapability != "disabled"
}

# METADATA
# title: Guest access does not expire
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "Guests' access to sites and OneDrive never expires (guestAccessExpires false): it lasts until someone removes it.",
	"path": "sharePoint.guestAccessExpires",
}) if {
	_sharing_on
	_settings.guestAccessExpires == false
}

# METADATA
# title: Guest access expires too late
findings contains lib.finding(chain, {
	"resource": lib.tenant_resource,
	"message": sprintf("Guests' access expires after %d days, more than the %d allowed.", [days, limit]),
	"path": "sharePoint.guestAccessExpiryDays",
}) if {
	chain := rego.metadata.chain()
	_sharing_on
	_settings.guestAccessExpires == true
	days := _settings.guestAccessExpiryDays
	limit := lib.param(chain, "maxGuestAccessDays")
	days > limit
}

# METADATA
# title: Section or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.sharingCapability",
	"setting absent or null in the export",
) if {
	lib.has_section("sharePoint")
	not lib.setting_known(["sharePoint", "sharingCapability"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.guestAccessExpires",
	"setting absent or null in the export",
) if {
	_sharing_on
	not lib.setting_known(["sharePoint", "guestAccessExpires"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.guestAccessExpiryDays",
	"setting absent or null in the export",
) if {
	_sharing_on
	_settings.guestAccessExpires == true
	not lib.setting_known(["sharePoint", "guestAccessExpiryDays"])
}
