# METADATA
# title: Guest given a flow without a Power Automate licence
# description: |
#   A guest can create, edit or run a shared cloud flow only with a licence that includes Power Automate
#   (not the free plan), held in this tenant or in its home tenant. Making an unlicensed guest an owner or
#   run-only user succeeds, but the flow will not work for that guest unless the home tenant licenses it,
#   which this export cannot show. A guest whose licences were not exported is warned about as well.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/guest-support
#     description: Support for guest users in Power Automate
# custom:
#   id: PLT-LICENSE-01
#   effect: warn
#   area: license
#   params:
#     flowLicenses:
#       - SPE_E3
#       - SPE_E5
#       - STANDARDPACK
#       - ENTERPRISEPACK
#       - ENTERPRISEPREMIUM
#       - ENTERPRISEPREMIUM_NOPSTNCONF
#       - O365_BUSINESS_ESSENTIALS
#       - SMB_BUSINESS_ESSENTIALS
#       - O365_BUSINESS_PREMIUM
#       - SMB_BUSINESS_PREMIUM
#       - SPB
#       - FLOW_PER_USER
#       - FLOW_PER_USER_DEPT
#       - POWERAUTOMATE_ATTENDED_RPA
#       - FLOW_P1
#       - FLOW_P2
#       - POWERAPPS_PER_USER
package shareguard.platform.license.guest_flow_licence

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_roles := {"owner", "run-only"}

_capable(user, chain) if {
	capable := {upper(sku) | some sku in lib.param(chain, "flowLicenses")}
	some sku in user.licenses
	upper(sku) in capable
}

_licences_known(user) if is_array(object.get(user, "licenses", null))

_why(user, _) := "its licences were not exported" if not _licences_known(user)

_why(user, chain) := "it holds no Power Automate-capable licence here" if {
	_licences_known(user)
	not _capable(user, chain)
}

# METADATA
# title: Unlicensed guest given a flow
verdicts contains plt.verdict(chain, sprintf(
	"Guest %s becomes %s of flow \"%s\" but %s: the flow works for it only if its home tenant licenses Power Automate.",
	[lib.label(guest_id), plt.change.role, flow.displayName, _why(lib.users[guest_id], chain)],
)) if {
	chain := rego.metadata.chain()
	plt.action == "share-flow"
	plt.change.role in _roles
	flow := lib.flows[plt.change.flow]
	some guest_id in plt.guests_behind(plt.change.principal, plt.change.principalType)
}
