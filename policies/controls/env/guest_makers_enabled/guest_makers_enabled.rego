# METADATA
# title: Guests are allowed to make Power Apps
# description: |
#   The Power Platform tenant setting enableGuestsToMake lets B2B guests build apps in the tenant's
#   environments once they hold a maker role. Guest makers create and share apps and connections that
#   reach the organisation's data from accounts it does not manage, and their work outlives the
#   collaboration. The setting should stay off unless guest makers are an explicit, reviewed need.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/invite-users-azure-active-directory-b2b-collaboration
#     description: Invite users with Microsoft Entra B2B collaboration (Power Apps support for B2B guest makers)
# custom:
#   id: SG-ENV-02
#   severity: medium
#   area: env
#   sections: [powerPlatform]
#   shards: [tenant]
#   remediation: |
#     With the Power Apps administration PowerShell module: $s = Get-TenantSettings;
#     $s.powerPlatform.powerApps.enableGuestsToMake = $false; Set-TenantSettings $s. Then review guests
#     holding Environment Maker (SG-ENV-01) and hand their apps to internal owners.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.env.guest_makers_enabled

import data.shareguard.lib

# METADATA
# title: Guest makers enabled
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "enableGuestsToMake is true: guests who hold a maker role can create and share apps in the tenant's environments.",
	"path": "powerPlatform.tenantSettings.enableGuestsToMake",
}) if {
	lib.tenant_settings.enableGuestsToMake == true
}

# METADATA
# title: Setting not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"powerPlatform.tenantSettings.enableGuestsToMake",
	"setting absent or null in the export",
) if {
	lib.has_section("powerPlatform")
	not lib.setting_known(["powerPlatform", "tenantSettings", "enableGuestsToMake"])
}
