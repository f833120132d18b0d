# METADATA
# title: Social or personal-storage connectors classified as business
# description: |
#   A DLP policy only lets connectors of the same group be combined in one app or flow. Putting a social
#   network or a personal mailbox or file store (Twitter, Facebook, Dropbox, Gmail, personal OneDrive...)
#   in the Business group lets flows copy SharePoint, Outlook or Dataverse data straight to it: exactly
#   the exfiltration the policy exists to stop. A connector the policy does not list counts in its default
#   group, so a policy whose default group is business classifies every unlisted one as business too.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/dlp-connector-classification
#     description: Connector classification
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (enforce data policies)
# custom:
#   id: SG-DLP-03
#   severity: medium
#   area: dlp
#   sections: [dlpPolicies]
#   shards: [tenant]
#   params:
#     personalConnectors:
#       - shared_twitter
#       - shared_facebook
#       - shared_instagram
#       - shared_linkedin
#       - shared_linkedinv2
#       - shared_youtube
#       - shared_dropbox
#       - shared_box
#       - shared_onedrive
#       - shared_googledrive
#       - shared_gmail
#       - shared_outlook
#   remediation: |
#     In the Power Platform admin center, Policies > Data policies, edit the policy and move these
#     connectors to Non-business (or Blocked) under Prebuilt connectors; if the default group is Business,
#     set it to Non-business or Blocked. Check the flows that combine them with business connectors first:
#     they will be suspended.
#   references: [CISA SCuBA MS.POWERPLATFORM.2.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.dlp.personal_connectors_business

import data.shareguard.lib
import data.shareguard.lib.dlp

_how(policy, connector) := "listed" if dlp.listed(policy, connector)

_how(policy, connector) := "by default" if not dlp.listed(policy, connector)

_describe(policy, connectors) := concat(", ", [sprintf("%s (%s)", [c, _how(policy, c)]) | some c in sort(connectors)])

# METADATA
# title: Personal connectors in the business group
findings contains lib.finding(chain, {
	"resource": lib.resource("dlpPolicy", policy),
	"message": sprintf(
		"DLP policy \"%s\" classifies social or personal-storage connectors as business: %s.",
		[policy.displayName, _describe(policy, connectors)],
	),
}) if {
	chain := rego.metadata.chain()
	personal := lib.param(chain, "personalConnectors")
	some policy in lib.dlp_policies_in_scope
	connectors := {c |
		some c in personal
		dlp.classification(policy, c) == "business"
	}
	count(connectors) > 0
}

# METADATA
# title: Section missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}
