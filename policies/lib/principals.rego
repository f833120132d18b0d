package shareguard.lib

# METADATA
# title: Enabled account
# description: An account is enabled unless accountEnabled is explicitly false.
enabled(user) if not user.accountEnabled == false

# METADATA
# title: Guest
# description: userType Guest, as Entra and Power Platform define a guest (independent of identity).
is_guest(user) if user.userType == "Guest"

_social_or_b2b_issuers := {"externalazuread", "microsoftaccount", "google.com", "facebook.com", "mail"}

# METADATA
# title: External identity issuer
# description: An issuer outside the tenant (B2B, Microsoft account, social, email OTP, or a SAML/WS-Fed issuer).
external_issuer(issuer) if lower(issuer) in _social_or_b2b_issuers

external_issuer(issuer) if {
	count(domains) > 0
	not lower(issuer) in _social_or_b2b_issuers
	not domains[lower(issuer)]
}

# METADATA
# title: External identity
# description: |
#   The user signs in with an identity from outside the tenant. A pending B2B invitee still carries the
#   host's domain as issuer, so this alone does not make every invitee external: see is_external_user.
has_external_identity(user) if {
	some identity in user.identities
	external_issuer(identity.issuer)
}

# METADATA
# title: External user
# description: |
#   A guest (userType Guest), a user with an external identity, a B2B account (#EXT# UPN), or, when the
#   tenant's domains are known, a user whose UPN or mail domain is not one of them.
is_external_user(user) if is_guest(user)

is_external_user(user) if has_external_identity(user)

is_external_user(user) if contains(upper(user.userPrincipalName), "#EXT#")

is_external_user(user) if {
	count(domains) > 0
	domain := user.upnDomain
	not domains[domain]
}

is_external_user(user) if {
	count(domains) > 0
	domain := user.mailDomain
	not domains[domain]
}

# METADATA
# title: External group
# description: A mail-enabled group whose address is outside the tenant's domains.
is_external_group(group) if {
	count(domains) > 0
	domain := group.mailDomain
	not domains[domain]
}

# METADATA
# title: Principal reference
# description: A finding's principal for a principal id, whatever it names (user, group, or unknown).
principal(id) := {"kind": "user", "id": id, "displayName": _user_label(users[id])}

principal(id) := {"kind": "group", "id": id, "displayName": object.get(groups[id], "displayName", id)} if {
	not users[id]
	groups[id]
}

principal(id) := {"kind": "unknown", "id": id, "displayName": id} if {
	not users[id]
	not groups[id]
}

_user_label(user) := object.get(user, "displayName", user.userPrincipalName)

# METADATA
# title: Principal label
# description: How a message names a principal.
label(id) := sprintf("%s (%s)", [_user_label(users[id]), users[id].userPrincipalName])

label(id) := sprintf("group \"%s\"", [object.get(groups[id], "displayName", id)]) if {
	not users[id]
	groups[id]
}

label(id) := sprintf("unknown principal %s (deleted or not exported)", [id]) if {
	not users[id]
	not groups[id]
}

# METADATA
# title: Users behind a principal
# description: |
#   The users a principal stands for, each with the group it came through ("" when direct).
#   A group stands for its transitive members, precomputed by the normaliser.
principal_users(id, "User") := {[id, ""]}

principal_users(id, "Group") := {[member, id] | some member in groups[id].transitiveMembers}

# METADATA
# title: Flow owners
# description: A flow's owner entries; the creator is always an owner, listed or not.
flow_owners(flow) := {{"id": flow.creatorId, "type": "User"}} | {{"id": o.principalId, "type": o.principalType} |
	some o in flow.owners
}

# METADATA
# title: Flow owner users
# description: |
#   The users holding owner rights on a flow, each as [user id, group it came through or ""]: the creator,
#   user co-owners, and the transitive members of co-owning groups.
flow_owner_users(flow) := {pair |
	some owner in flow_owners(flow)
	some pair in principal_users(owner.id, owner.type)
}

# METADATA
# title: Sensitive group
# description: |
#   The group's display name matches one of the case-insensitive regular expressions in patterns
#   (the shared parameter sensitiveGroupPatterns).
sensitive_group(group, patterns) if {
	some pattern in patterns
	regex.match(concat("", ["(?i)", pattern]), group.displayName)
}

# METADATA
# title: Flows of a user
# description: |
#   The flows a user can own or run, as [flow id, role, group it came through or ""], role being
#   "creator", "owner" or "runOnly": direct references and references to the groups it belongs to.
#   Looked up in the normaliser's indexes, so it costs the user's own flows, not every flow.
flows_of_user(user_id) := {[entry.flowId, entry.role, via] |
	some via in array.concat([""], object.get(data.tenant, ["index", "memberOf", user_id], []))
	principal_id := _principal_or_user(via, user_id)
	some entry in object.get(data.tenant, ["index", "flowsByPrincipal", principal_id], [])
}

_principal_or_user("", user_id) := user_id

_principal_or_user(via, _) := via if via != ""

# METADATA
# title: How access was granted
# description: |
#   "directly" when one of the routes is direct (""), else "through" and the groups it came through,
#   for messages about a user who holds access directly or as a member of groups.
granted_through(vias) := "directly" if "" in vias

granted_through(vias) := sprintf("through %s", [concat(", ", sort({label(via) | some via in vias}))]) if {
	not "" in vias
}
