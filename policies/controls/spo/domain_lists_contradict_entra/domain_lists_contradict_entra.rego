# METADATA
# title: SharePoint sharing domains contradict the Entra invitation list
# description: |
#   SharePoint keeps its own allow or block list of the domains content may be shared with, apart from the
#   Entra ID list of domains guests may be invited from. When they disagree, what a user is told they may
#   do and what happens differ: a domain SharePoint allows but Entra blocks fails at invitation time, except
#   through paths Entra's list does not govern (existing guests, SharePoint's own one-time-passcode guests
#   where the Entra B2B integration is off), and a domain Entra allows but SharePoint blocks is a partner
#   that cannot be reached for files. Each disagreeing domain is reported; a domain SharePoint allows but
#   Entra refuses is the one that can let an unwanted organisation in (medium), the other is low. Each
#   finding's resource is the domain, so one can be waived without the others.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/restricted-domains-sharing
#     description: Restrict sharing of SharePoint and OneDrive content by domain
#   - ref: https://learn.microsoft.com/entra/external-id/allow-deny-list
#     description: Allow or block invitations to B2B users from specific organizations
# custom:
#   id: SG-SPO-04
#   severity: medium
#   area: spo
#   sections: [sharePoint, externalCollaboration]
#   shards: [tenant]
#   remediation: |
#     Keep one list: set the same allow list in the SharePoint admin center > Policies > Sharing > "Limit
#     external sharing by domain" (Set-SPOTenant -SharingDomainRestrictionMode AllowList
#     -SharingAllowedDomainList) as in Entra ID > External collaboration settings > Collaboration
#     restrictions, or remove SharePoint's list and let Entra's govern.
#   references: [SCuBA MS.SHAREPOINT.1.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.spo.domain_lists_contradict_entra

import data.shareguard.lib

_settings := lib.sharepoint

_entra := object.get(lib.collab, "invitationDomains", {})

_lower(list) := {lower(d) | some d in list}

_spo_allowed := _lower(object.get(_settings, "sharingAllowedDomains", []))

_spo_blocked := _lower(object.get(_settings, "sharingBlockedDomains", []))

_entra_listed := _lower(object.get(_entra, "domains", []))

_entra_blocks(domain) if {
	_entra.mode == "blockList"
	domain in _entra_listed
}

_entra_blocks(domain) if {
	_entra.mode == "allowList"
	not domain in _entra_listed
}

_entra_why("blockList") := "is on Entra's invitation block list"

_entra_why("allowList") := "is not on Entra's invitation allow list"

_sharing_on if {
	lib.setting_known(["sharePoint", "sharingCapability"])
	_settings.sharingCapability != "disabled"
}

# METADATA
# title: SharePoint allows a domain Entra refuses
findings contains lib.finding(rego.metadata.chain(), {
	"resource": {"kind": "domain", "id": domain, "displayName": domain},
	"message": sprintf("Domain %s is on SharePoint's sharing allow list but %s.", [domain, _entra_why(_entra.mode)]),
	"path": "sharePoint.sharingAllowedDomains",
}) if {
	_sharing_on
	_settings.sharingDomainRestrictionMode == "allowList"
	some domain in _spo_allowed
	_entra_blocks(domain)
}

# METADATA
# title: Entra allows a domain SharePoint blocks
findings contains lib.finding(rego.metadata.chain(), {
	"resource": {"kind": "domain", "id": domain, "displayName": domain},
	"severity": "low",
	"message": sprintf("Domain %s is on Entra's invitation allow list but on SharePoint's sharing block list.", [domain]),
	"path": "sharePoint.sharingBlockedDomains",
}) if {
	_sharing_on
	_settings.sharingDomainRestrictionMode == "blockList"
	_entra.mode == "allowList"
	some domain in _spo_blocked
	domain in _entra_listed
}

# METADATA
# title: Sections or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	sprintf("sharePoint.%s", [field]),
	"setting absent or null in the export",
) if {
	lib.has_section("sharePoint")
	some field in ["sharingCapability", "sharingDomainRestrictionMode"]
	not lib.setting_known(["sharePoint", field])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.invitationDomains",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "invitationDomains", "mode"])
}
