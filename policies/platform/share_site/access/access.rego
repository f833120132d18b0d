# METADATA
# title: What the share opens up
# description: |
#   The access a share grants once SharePoint accepts it: an "Anyone" link lets whoever holds it open the
#   item without signing in; an organisation link, anyone in the organisation (guests excluded); an
#   invitation, the recipient alone. Edit rights let the holder change and delete content, view rights
#   read and download it. The effects give the sharing link as the site then lists it (an "Anyone" link
#   expires after the tenant's anyoneLinkExpirationDays when that is above 0) and whether the recipient
#   is someone outside the organisation who now has access to the site. A refused share grants nothing.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/external-sharing-overview
#     description: External sharing overview
# custom:
#   id: PLT-SITE-08
#   effect: effect
#   area: share-site
package shareguard.platform.share_site.access

import data.shareguard.platform.helpers as plt
import data.shareguard.platform.share_site.common
import data.shareguard.platform.share_site.refusals

_who := "Anyone who holds the link, without signing in," if plt.change.scope == "anyone"

_who := "Everyone in the organisation who holds the link" if plt.change.scope == "organization"

_who := sprintf("%s (%s)", [common.recipient_label, _kind]) if plt.change.scope == "specific-people"

_kind := "a new guest" if common.new_external

_kind := "a guest" if common.existing_external

_kind := "in the organisation" if not common.external

_rights := {"view": "view", "edit": "edit"}

# METADATA
# title: Access granted
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s gets %s access to %s.",
	[_who, _rights[plt.change.permission], common.item_label],
)) if {
	common.active
	common.site
	refusals.accepted
}

_scope := {"anyone": "anyone", "organization": "organization", "specific-people": "specificPeople"}

_item := plt.change.path if is_string(object.get(plt.change, "path", null))

_item := null if not is_string(object.get(plt.change, "path", null))

_days := common.settings.anyoneLinkExpirationDays

_expiry := {"expirationDateTimeEpoch": input.asOf + (_days * 86400)} if {
	plt.change.scope == "anyone"
	is_number(_days)
	_days > 0
}

_expiry := {"expirationDateTime": null} if not _expiry_set

_expiry_set if {
	plt.change.scope == "anyone"
	is_number(_days)
	_days > 0
}

_link := object.union(
	{"scope": _scope[plt.change.scope], "permission": plt.change.permission, "item": _item},
	_expiry,
)

# METADATA
# title: What the share adds to the site
# description: |
#   link: the sharing link the site gains; externalUser: the recipient is outside the organisation
#   (a guest, new or existing) and joins the site's external users.
effects := {"link": _link, "externalUser": common.external} if {
	common.active
	common.site
	refusals.accepted
	plt.change.scope == "specific-people"
}

effects := {"link": _link, "externalUser": false} if {
	common.active
	common.site
	refusals.accepted
	plt.change.scope != "specific-people"
}
