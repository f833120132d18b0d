# METADATA
# title: Guest given a maker role while guests may not make
# description: |
#   Power Platform accepts a maker role (Environment Maker, Environment Admin, System Administrator,
#   System Customizer) for a guest, but a guest can build apps only when the tenant setting
#   enableGuestsToMake is on, and it is off by default. The assignment succeeds yet does nothing for the
#   guest until an admin turns the setting on, which would also let every other guest make apps.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/invite-users-azure-active-directory-b2b-collaboration
#     description: Invite users with Microsoft Entra B2B collaboration (guest makers)
# custom:
#   id: PLT-MAKER-01
#   effect: warn
#   area: maker
#   params:
#     makerRoles: [EnvironmentMaker, EnvironmentAdmin, SystemAdministrator, SystemCustomizer]
package shareguard.platform.maker.guests_make_off

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_guests_make_on if lib.tenant_settings.enableGuestsToMake == true

_state := "false" if lib.tenant_settings.enableGuestsToMake == false

_state := "not set (off by default)" if not lib.setting_known(["powerPlatform", "tenantSettings", "enableGuestsToMake"])

# METADATA
# title: Maker role to a guest with guest makers off
verdicts contains plt.verdict(chain, sprintf(
	"%s gets %s in environment \"%s\" but cannot make apps or flows there: enableGuestsToMake is %s.",
	[lib.label(guest_id), role, object.get(environment, "displayName", environment_id), _state],
)) if {
	chain := rego.metadata.chain()
	plt.action == "assign-environment-role"
	role := plt.change.role
	role in lib.param(chain, "makerRoles")
	not _guests_make_on
	environment_id := plt.change.environment
	environment := object.get(lib.environments, environment_id, {})
	some guest_id in plt.guests_behind(plt.change.principal, plt.change.principalType)
}
