# METADATA
# title: A SharePoint list cannot co-own a flow in GCC High or DoD
# description: |
#   Power Automate lets a SharePoint list co-own a cloud flow, so that everyone who can edit the list can
#   edit the flow, but not in the GCC High and DoD clouds, where the option does not exist.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (SharePoint lists as co-owners)
# custom:
#   id: PLT-SHARE-04
#   effect: refuse
#   area: share
package shareguard.platform.share.sharepoint_list_owner

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_clouds := {"GCCHigh", "DoD"}

# METADATA
# title: List co-owner in a sovereign cloud
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint list %v cannot be made a co-owner of flow \"%s\": list co-owners are not available in %s tenants.",
	[plt.change.principal, flow.displayName, lib.cloud],
)) if {
	plt.action == "share-flow"
	plt.change.role == "owner"
	plt.change.principalType == "SharePointList"
	lib.cloud in _clouds
	flow := lib.flows[plt.change.flow]
}
