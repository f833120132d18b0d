# METADATA
# title: The flow's creator cannot be removed as owner
# description: |
#   Owners of a cloud flow can remove other owners, but never the creator: the creator stays an owner for
#   the life of the flow (for a flow outside a solution, ownership is part of its identity). Removing the
#   creator is not possible; a new flow (copy, export and import) is the way to change it.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (owners cannot remove the creator)
# custom:
#   id: PLT-SHARE-02
#   effect: refuse
#   area: share
package shareguard.platform.share.creator_removal

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

# METADATA
# title: Creator removed
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot be removed as owner of flow \"%s\": it is the flow's creator.",
	[lib.label(flow.creatorId), flow.displayName],
)) if {
	plt.action == "unshare-flow"
	plt.change.role == "owner"
	flow := lib.flows[plt.change.flow]
	plt.change.principal == flow.creatorId
}
