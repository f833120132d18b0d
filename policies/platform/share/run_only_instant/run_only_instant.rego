# METADATA
# title: Run-only sharing needs an instant flow
# description: |
#   Run-only users exist only for instant cloud flows, those started by hand (a button, a selected item).
#   A flow started by a schedule or an event has no run-only permissions panel, so such a share cannot be
#   made; making the person an owner or sending a copy are the alternatives.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow with run-only permissions
# custom:
#   id: PLT-SHARE-03
#   effect: refuse
#   area: share
package shareguard.platform.share.run_only_instant

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

# METADATA
# title: Run-only share on a non-instant flow
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Flow \"%s\" cannot be shared run-only with %s: its trigger is %s, and run-only sharing exists only for instant (manually triggered) flows.",
	[flow.displayName, plt.label(plt.change.principal), kind],
)) if {
	plt.action == "share-flow"
	plt.change.role == "run-only"
	flow := lib.flows[plt.change.flow]
	kind := object.get(flow, ["trigger", "kind"], null)
	is_string(kind)
	kind != "instant"
}
