# METADATA
# title: Guest maker from another sovereign cloud
# description: |
#   B2B guests cannot make apps across sovereign cloud boundaries: a guest whose home tenant is in the
#   commercial cloud cannot make in a GCC tenant, nor GCC in GCC High, nor commercial in China, and so on.
#   When the guest's home cloud is known (users[].homeCloud) and differs from this tenant's cloud, a maker
#   role assignment is refused. An unknown home cloud is not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/invite-users-azure-active-directory-b2b-collaboration
#     description: Invite users with Microsoft Entra B2B collaboration (known limitations)
# custom:
#   id: PLT-MAKER-02
#   effect: refuse
#   area: maker
#   params:
#     makerRoles: [EnvironmentMaker, EnvironmentAdmin, SystemAdministrator, SystemCustomizer]
package shareguard.platform.maker.sovereign_cloud

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

# METADATA
# title: Maker role to a guest from another cloud
verdicts contains plt.verdict(chain, sprintf(
	"%s cannot be a maker (%s) in this %s tenant: its home tenant is in the %s cloud, and B2B makers cannot cross sovereign cloud boundaries.",
	[lib.label(guest_id), role, lib.cloud, home],
)) if {
	chain := rego.metadata.chain()
	plt.action == "assign-environment-role"
	role := plt.change.role
	role in lib.param(chain, "makerRoles")
	some guest_id in plt.guests_behind(plt.change.principal, plt.change.principalType)
	home := lib.users[guest_id].homeCloud
	is_string(home)
	lower(home) != lower(lib.cloud)
}
