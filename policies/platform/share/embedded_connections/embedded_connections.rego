# METADATA
# title: Removed owner's connections stay embedded in the flow
# description: |
#   Removing a co-owner does not take that person's connections out of the flow: the actions using them
#   keep running with the removed owner's credentials, and fail once that account loses access. The
#   remaining owners should switch those connections to another account. The removal itself succeeds.
#   A connection whose use the export does not give counts, and the verdict says its use could not be
#   confirmed.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (remove an owner, modify a connection)
# custom:
#   id: PLT-SHARE-05
#   effect: warn
#   area: share
package shareguard.platform.share.embedded_connections

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib
import data.shareguard.platform.helpers as plt

_refs(flow, owner_id) := [ref |
	some ref in flowlib.used_connections(flow)
	ref.connectionOwnerId == owner_id
	object.get(ref, "runtimeSource", "embedded") == "embedded"
]

_connectors(flow, owner_id) := {ref.connectorId | some ref in _refs(flow, owner_id)}

_unconfirmed(flow, owner_id) := {ref.connectorId | some ref in _refs(flow, owner_id); flowlib.unconfirmed(ref)}

# METADATA
# title: Owner with embedded connections removed
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Removing %s from flow \"%s\" leaves its embedded connection(s) %s in the flow: switch them to another account or those actions will fail.%s",
	[plt.label(owner_id), flow.displayName, concat(", ", sort(connectors)), flowlib.unconfirmed_note(_unconfirmed(flow, owner_id))],
)) if {
	plt.action == "unshare-flow"
	plt.change.role == "owner"
	flow := lib.flows[plt.change.flow]
	owner_id := plt.change.principal
	owner_id != flow.creatorId
	connectors := _connectors(flow, owner_id)
	count(connectors) > 0
}
