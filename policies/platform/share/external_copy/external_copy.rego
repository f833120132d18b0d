# METADATA
# title: A copy sent outside the organisation cannot be taken back
# description: |
#   Send a copy gives the recipient the flow's definition as a template for a flow of their own. No
#   connections travel with it, but the definition (steps, addresses, list and site names) does, and the
#   copy cannot be revoked once sent. Sent to a guest, an external group or an outside address, that
#   definition leaves the organisation's control for good.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (send a copy)
# custom:
#   id: PLT-SHARE-06
#   effect: warn
#   area: share
package shareguard.platform.share.external_copy

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_recipient := object.get(plt.change, "principal", null)

_recipient_email := object.get(plt.change, "recipientEmail", null)

_external contains _recipient_email if {
	is_string(_recipient_email)
	not lib.domains[plt.email_domain(_recipient_email)]
}

_external contains lib.label(_recipient) if lib.is_external_user(lib.users[_recipient])

_external contains lib.label(_recipient) if lib.is_external_group(lib.groups[_recipient])

# METADATA
# title: Copy sent to an external recipient
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"Sending a copy of flow \"%s\" to external recipient %s cannot be revoked; the recipient gets the flow's definition but none of its connections.",
	[flow.displayName, who],
)) if {
	plt.action == "share-flow"
	plt.change.role == "copy"
	flow := lib.flows[plt.change.flow]
	some who in _external
}
