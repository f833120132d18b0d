# METADATA
# title: Redeeming an invitation accepts it and switches the identity
# description: |
#   When the invitee redeems, Entra ID marks the account Accepted (recording when) and the sign-in
#   identity changes from the host tenant's domain to the invitee's own identity provider: Entra ID
#   (ExternalAzureAD), a Microsoft account, Google, an e-mail one-time passcode (mail) or a federated
#   SAML/WS-Fed issuer.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/redemption-experience
#     description: B2B collaboration invitation redemption
#   - ref: https://learn.microsoft.com/entra/external-id/user-properties
#     description: Properties of a Microsoft Entra B2B collaboration user
# custom:
#   id: PLT-INVITE-06
#   effect: effect
#   area: invite
package shareguard.platform.invite.redeemed

import data.shareguard.platform.helpers as plt

# METADATA
# title: What redemption changes
# description: A patch to the user's fields.
effects := {"user": {
	"externalUserState": "Accepted",
	"externalUserStateChangeDateTimeEpoch": input.asOf,
	"identities": [{"signInType": "federated", "issuer": plt.change.identityIssuer}],
}} if {
	plt.action == "redeem"
	is_string(plt.change.identityIssuer)
}

# METADATA
# title: Invitation redeemed
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s accepts the invitation and signs in with %s.",
	[plt.label(plt.change.user), plt.change.identityIssuer],
)) if {
	effects
}
