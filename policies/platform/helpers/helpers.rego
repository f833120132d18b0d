# METADATA
# title: shareguard platform-rule helpers
# description: |
#   Helpers the platform rules (PLT-*) share: the verdict constructor, the proposed change in
#   input.change, e-mail address parts, domain matching, and who stands behind a principal. The
#   platform rules model what Entra ID and Power Automate themselves accept, for the simulator.
package shareguard.platform.helpers

# Named helpers, not lib: shareguard.platform.lib read as "the platform library" next to
# shareguard.lib.platform (now shareguard.lib.dlp), and the two meant different things. This package
# is not a rule (no custom.id), so the generated policies/platform/main.rego leaves it out.

import data.shareguard.lib

# METADATA
# title: Verdict constructor
# description: A platform verdict from the rule's METADATA (custom.id, custom.effect) and a message.
verdict(chain, message) := {
	"id": ann.custom.id,
	"effect": ann.custom.effect,
	"message": message,
} if {
	ann := lib.control(chain)
}

# METADATA
# title: Proposed change
change := object.get(input, "change", {})

# METADATA
# title: Action of the change
action := object.get(change, "action", "")

# METADATA
# title: Initial domain
# description: The tenant's initial (onmicrosoft) domain.
initial_domain := lib.initial_domain

# METADATA
# title: Domain of an address
# description: The lower-cased part of an e-mail address after its last @.
email_domain(email) := lower(parts[count(parts) - 1]) if {
	parts := split(email, "@")
	count(parts) > 1
}

# METADATA
# title: Local part of an address
# description: The part of an e-mail address before its last @.
email_local(email) := concat("@", array.slice(parts, 0, count(parts) - 1)) if {
	parts := split(email, "@")
	count(parts) > 1
}

# METADATA
# title: Domain matches a listed domain
# description: |
#   The domain is the listed domain or one of its subdomains (x.com covers a.x.com), case-insensitively;
#   a leading "*." on the listed domain is ignored.
domain_matches(domain, listed) if lower(domain) == _bare(listed)

domain_matches(domain, listed) if endswith(lower(domain), concat("", [".", _bare(listed)]))

_bare(listed) := trim_prefix(lower(listed), "*.")

# METADATA
# title: Label of a principal
# description: How a message names a principal; an id that names nothing is said to be unknown.
label(id) := lib.label(id) if is_string(id)

label(null) := "an unspecified principal"

# METADATA
# title: Guests behind a principal
# description: |
#   The guest users (userType Guest) a principal stands for: the user itself, or the transitive
#   members of a group.
guests_behind(id, type) := {route.id |
	some route in lib.principal_routes(id, type)
	lib.is_guest(lib.users[route.id])
}

# METADATA
# title: Microsoft 365 group
# description: The group's groupTypes include Unified.
m365_group(group) if "Unified" in object.get(group, "groupTypes", [])

# METADATA
# title: Flow owner
# description: |
#   The user holds owner rights on the flow: its creator, a user co-owner, or a transitive member of a
#   co-owning group.
flow_owner(flow, user_id) if {
	some route in lib.flow_owner_routes(flow)
	route.id == user_id
}
