# METADATA
# title: share-site helpers
# description: |
#   What the share-site platform rules share: the site, the capability ladder (disabled <
#   existingGuests < newAndExistingGuests < anyone), the level of openness a share needs, and who the
#   recipient is (a member, an existing guest, or an outside address with no account yet).
package shareguard.platform.share_site.common

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

# METADATA
# title: The change is a share-site
active if plt.action == "share-site"

# METADATA
# title: SharePoint tenant settings
settings := lib.sharepoint

# METADATA
# title: The site shared
site := lib.sites[plt.change.site]

# METADATA
# title: Site label
# description: How messages name the site, by title and URL.
site_label := sprintf("\"%s\" (%s)", [object.get(site, "title", site.url), site.url]) if is_string(object.get(site, "title", null))

site_label := site.url if not is_string(object.get(site, "title", null))

# METADATA
# title: The site is a OneDrive
onedrive if site.isOneDrive == true

onedrive if {
	not is_boolean(object.get(site, "isOneDrive", null))
	startswith(upper(object.get(site, "template", "")), "SPSPERS")
}

# The four capabilities in increasing openness; SharePoint's own order (SharingCapability 0, 3, 1, 2)
# is not monotonic, so the model's names are ranked here.
_rank := {"disabled": 0, "existingGuests": 1, "newAndExistingGuests": 2, "anyone": 3}

# METADATA
# title: Rank of a capability
# description: From 0 (disabled) to 3 (anyone); undefined for null or an unknown name.
rank(capability) := _rank[capability]

# METADATA
# title: Capability of a rank
name(r) := n if {
	some n, x in _rank
	x == r
}

# METADATA
# title: Recipient's account
# description: The user the share goes to when it has an account (a member, or a guest already in the directory).
recipient_user := lib.users[plt.change.recipient] if is_string(object.get(plt.change, "recipient", null))

# METADATA
# title: Recipient's address
recipient_email := plt.change.recipientEmail if is_string(object.get(plt.change, "recipientEmail", null))

recipient_email := recipient_user.mail if {
	not is_string(object.get(plt.change, "recipientEmail", null))
	is_string(object.get(recipient_user, "mail", null))
}

# Without a mail, a B2B guest's address is in its UPN: bob_fabrikam.com#EXT#@contoso.onmicrosoft.com is
# bob@fabrikam.com (the last _ before #EXT# stands for the @); the UPN's own domain is the host tenant's.
recipient_email := _ext_address(recipient_user.userPrincipalName) if {
	not is_string(object.get(plt.change, "recipientEmail", null))
	not is_string(object.get(recipient_user, "mail", null))
}

_ext_address(upn) := concat("@", [concat("_", array.slice(local, 0, count(local) - 1)), local[count(local) - 1]]) if {
	parts := split(upper(upn), "#EXT#")
	count(parts) > 1
	local := split(substring(upn, 0, count(parts[0])), "_")
	count(local) > 1
}

_ext_address(upn) := upn if not contains(upper(upn), "#EXT#")

# METADATA
# title: The recipient is outside the organisation and has no account yet
new_external if {
	is_string(object.get(plt.change, "recipientEmail", null))
	not recipient_user
	domain := plt.email_domain(plt.change.recipientEmail)
	not lib.domains[domain]
}

# METADATA
# title: The recipient is an existing guest or external user
existing_external if lib.is_external_user(recipient_user)

# METADATA
# title: The recipient is outside the organisation
external if new_external

external if existing_external

external := false if {
	not new_external
	not existing_external
}

# METADATA
# title: Recipient label
recipient_label := lib.label(plt.change.recipient) if recipient_user

recipient_label := plt.change.recipientEmail if not recipient_user

# METADATA
# title: Openness the share needs
# description: |
#   The lowest capability that allows the share: an "Anyone" link needs anyone; a share with an address
#   that has no account needs newAndExistingGuests (SharePoint invites the person); with a guest already
#   in the directory, existingGuests; an organisation link or a share with a member, disabled (nothing
#   external).
needed := 3 if plt.change.scope == "anyone"

needed := 2 if {
	plt.change.scope == "specific-people"
	new_external
}

needed := 1 if {
	plt.change.scope == "specific-people"
	existing_external
}

needed := 0 if {
	plt.change.scope != "anyone"
	external == false
}

# METADATA
# title: What the share reaches
# description: How messages name the item, e.g. file /Shared Documents/plan.xlsx on site "Finance".
item_label := sprintf("%s %s on %s", [plt.change.item, plt.change.path, site_label]) if is_string(object.get(plt.change, "path", null))

item_label := sprintf("%s on %s", [plt.change.item, site_label]) if {
	not is_string(object.get(plt.change, "path", null))
	plt.change.item != "site"
}

item_label := sprintf("site %s", [site_label]) if {
	not is_string(object.get(plt.change, "path", null))
	plt.change.item == "site"
}

# METADATA
# title: How the share is made
how := "an \"Anyone\" link" if plt.change.scope == "anyone"

how := "a link for people in the organisation" if plt.change.scope == "organization"

how := sprintf("an invitation to %s", [recipient_label]) if plt.change.scope == "specific-people"

# METADATA
# title: The invitation a new outside recipient needs
# description: |
#   Sharing with an address that has no account creates a guest account, as an Entra B2B invitation from
#   the person sharing would (SharePoint and OneDrive's Entra B2B integration): the same rules judge it.
invite_change := {
	"action": "invite", "actor": plt.change.actor, "email": plt.change.recipientEmail,
	"userType": "Guest", "groups": [],
} if {
	active
	new_external
}
