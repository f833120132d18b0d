# METADATA
# title: Sharing invitations may be accepted with another account
# description: |
#   An invitation sent to one address can be redeemed with any other Microsoft account when acceptance need
#   not match: a forwarded invitation lets whoever holds it in, under an identity nobody invited, and removing
#   the invited person later does not remove the account that actually accepted.
#   Only evaluated while SharePoint shares outside the organisation at all (sharingCapability not disabled).
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings (more external sharing settings)
#   - ref: https://learn.microsoft.com/powershell/module/sharepoint-online/set-spotenant
#     description: Set-SPOTenant
# custom:
#   id: SG-SPO-06
#   severity: medium
#   area: spo
#   sections: [sharePoint]
#   shards: [tenant]
#   remediation: |
#     In the SharePoint admin center > Policies > Sharing > More external sharing settings, select "Guests
#     must sign in using the same account to which sharing invitations are sent" (Set-SPOTenant
#     -RequireAcceptingAccountMatchInvitedAccount $true).
#   references: [CIS M365 7.2.6]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.accepting_account_match

import data.shareguard.lib

_settings := lib.sharepoint

_sharing_on if {
	lib.setting_known(["sharePoint", "sharingCapability"])
	_settings.sharingCapability != "disabled"
}

# METADATA
# title: Setting allows it
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.tenant_resource,
	"message": "Sharing invitations may be accepted with an account other than the one invited (requireAcceptingAccountMatchInvitedAccount false): a forwarded invitation lets its holder in.",
	"path": "sharePoint.requireAcceptingAccountMatchInvitedAccount",
}) if {
	_sharing_on
	_settings.requireAcceptingAccountMatchInvitedAccount == false
}

# METADATA
# title: Section or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.sharingCapability",
	"setting absent or null in the export",
) if {
	lib.has_section("sharePoint")
	not lib.setting_known(["sharePoint", "sharingCapability"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"sharePoint.requireAcceptingAccountMatchInvitedAccount",
	"setting absent or null in the export",
) if {
	_sharing_on
	not lib.setting_known(["sharePoint", "requireAcceptingAccountMatchInvitedAccount"])
}
