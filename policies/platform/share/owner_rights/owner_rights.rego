# METADATA
# title: Only the flow's creator or owners can change who shares it
# description: |
#   In Power Automate, adding or removing co-owners and run-only users of a cloud flow is done by the
#   flow's creator or one of its owners (a member of a co-owning group counts). Anyone else, including a
#   run-only user, gets no such option, so the change cannot be made on their behalf.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (owners, run-only users, send a copy)
# custom:
#   id: PLT-SHARE-01
#   effect: refuse
#   area: share
package shareguard.platform.share.owner_rights

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_managed := {"owner", "run-only"}

_verb("share-flow") := "add"

_verb("unshare-flow") := "remove"

# METADATA
# title: Actor is not an owner
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s cannot %s %s as %s of flow \"%s\": only the flow's creator and owners can manage its owners and run-only users.",
	[plt.label(actor), _verb(plt.action), plt.label(plt.change.principal), plt.change.role, flow.displayName],
)) if {
	plt.change.role in _managed
	flow := lib.flows[plt.change.flow]
	actor := object.get(plt.change, "actor", null)
	_verb(plt.action)
	not plt.flow_owner(flow, actor)
}
