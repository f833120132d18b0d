# METADATA
# title: Guest from a domain that invitations now refuse
# description: |
#   The collaboration restrictions (allow list or block list of domains) are checked only when an
#   invitation is sent or redeemed: accounts that redeemed earlier keep their access after their domain is
#   blocked, or left off a new allow list. Such a guest belongs to an organisation the tenant has since
#   decided not to work with. A domain entry covers its subdomains; the tenant's own domains are ignored,
#   and so are unredeemed invitations, whose redemption the list already stops.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/allow-deny-list
#     description: Allow or block B2B collaboration with organizations
# custom:
#   id: SG-GUEST-05
#   severity: high
#   area: guest
#   sections: [users, externalCollaboration]
#   shards: [users]
#   remediation: |
#     Confirm with the guest's sponsor that the organisation is no longer a partner, then remove the guest
#     (Entra admin center > Users > the guest > Delete). If the partnership is current, correct the domain
#     list under External collaboration settings > Collaboration restrictions instead.
#   references: [CIS M365 5.1.6.1, CISA SCuBA MS.AAD.8.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.disallowed_domain

import data.shareguard.lib
import data.shareguard.lib.guests

_restriction := lib.collab.invitationDomains if is_object(lib.collab.invitationDomains)

_listed := {_normalise(entry) |
	some entry in _restriction.domains
	is_string(entry)
}

# "*.example.com" and "example.com" both stand for example.com and its subdomains.
_normalise(entry) := trim_prefix(trim_prefix(lower(trim_space(entry)), "*."), ".")

_covered(domain) if domain in _listed

_covered(domain) if {
	some entry in _listed
	endswith(domain, concat("", [".", entry]))
}

_why(domain) := concat("", ["its domain ", domain, " is on the invitation block list"]) if {
	_restriction.mode == "blockList"
	_covered(domain)
}

_why(domain) := concat("", ["its domain ", domain, " is not on the invitation allow list"]) if {
	_restriction.mode == "allowList"
	not _covered(domain)
}

# METADATA
# title: Guest from a refused domain
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("user", user),
	"message": concat("", ["Guest ", lib.label(id), " is still in the directory although ", why, ": the account predates the restriction."]),
}) if {
	some id, user in lib.users_in_scope
	lib.is_guest(user)
	not guests.unredeemed_invitation(user)
	domain := guests.email_domain(user)
	not lib.domains[domain]
	why := _why(domain)
}

# The reason is found in the body: in the head it came after the label, so every guest with an outside
# domain was labelled before the domain lists were looked at.

# METADATA
# title: Sections or settings missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.invitationDomains",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "invitationDomains", "mode"])
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].mail",
	sprintf("%d guest(s) have neither mail nor an #EXT# user principal name: their email domain is not known", [n]),
) if {
	_restriction.mode in {"allowList", "blockList"}
	unknown := {id |
		some id, user in lib.users_in_scope
		lib.is_guest(user)
		not guests.unredeemed_invitation(user)
		not guests.email_domain(user)
	}
	n := count(unknown)
	n > 0
}
