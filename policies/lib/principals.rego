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
external_issuer(issuer) if _external_lowered(lower(issuer))

# Lower-cased once per issuer, not once per body: has_external_identity runs for every user behind
# the owners and run-only users of every flow, about 170,000 routes (137,797 owner and 33,974 run-only)
# in the 100,000-user bench tenant. The second
# body needs no "not in _social_or_b2b_issuers": the first one already says yes for those.
_external_lowered(issuer) if issuer in _social_or_b2b_issuers

_external_lowered(issuer) if {
	count(domains) > 0
	not domains[issuer]
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

# One else-chain rather than five bodies: the planner evaluates every body of a function, and a guest
# (the usual external user) is settled by the first test. is_external_user runs for up to about 170,000
# owner and run-only routes per control in the 100,000-user bench tenant: 1.67 s over all controls before.

# METADATA
# title: External user
# description: |
#   A guest (userType Guest), a user with an external identity, a B2B account (#EXT# UPN), or, when the
#   tenant's domains are known, a user whose UPN or mail domain is not one of them.
is_external_user(user) if {
	is_guest(user)
} else if {
	has_external_identity(user)
} else if {
	contains(upper(user.userPrincipalName), "#EXT#")
} else if {
	_foreign_domain(user.upnDomain)
} else if {
	_foreign_domain(user.mailDomain)
}

_foreign_domain(domain) if {
	count(domains) > 0
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
label(id) := concat("", [text(_user_label(users[id])), " (", text(users[id].userPrincipalName), ")"])

label(id) := concat("", ["group \"", text(object.get(groups[id], "displayName", id)), "\""]) if {
	not users[id]
	groups[id]
}

label(id) := concat("", ["unknown principal ", text(id), " (deleted or not exported)"]) if {
	not users[id]
	not groups[id]
}

# METADATA
# title: Text of a value
# description: |
#   A string as it is; any other value (a null display name) as sprintf's %s writes it. Messages are
#   joined with concat, native in WebAssembly, where sprintf crosses into JavaScript and back (JSON both
#   ways) for every call: labels were 1.1 s of the 100,000-user bench scan's evaluation.
text(value) := value if is_string(value)

text(value) := sprintf("%s", [value]) if not is_string(value)

# METADATA
# title: Text of a whole number
# description: |
#   A whole number as sprintf's %d writes it, from format_int (native in WebAssembly); any other value
#   goes through sprintf as before. For the day counts and limits of messages given once per finding
#   (8,697 SG-GUEST-02 findings in the 100,000-user bench scan, each with two sprintf calls before).
int_text(value) := format_int(value, 10) if _whole(value)

int_text(value) := sprintf("%d", [value]) if not _whole(value)

# Whole and well inside the range where a number is exact (2^53), where format_int and %d agree.
_whole(value) if {
	is_number(value)
	value == floor(value)
	abs(value) < 1000000000000000
}

# Routes are objects {"id": user id, "via": group id or ""}, not [id, via] pairs, so that a rule names the
# field it reads. The pair-returning helpers (principal_users, flow_owner_users, flows_of_user) stay as they
# were: docs/writing-policies.md lists them for custom policies, and those policies destructure the pairs.

# METADATA
# title: Routes to the users behind a principal
# description: |
#   The users a principal stands for, each as {"id": user id, "via": group it came through or ""}.
#   A group stands for its transitive members, precomputed by the normaliser.
principal_routes(id, "User") := {{"id": id, "via": ""}}

principal_routes(id, "Group") := {{"id": member, "via": id} | some member in groups[id].transitiveMembers}

# METADATA
# title: Users behind a principal
# description: |
#   The users a principal stands for, each as [user id, group it came through or ""] (principal_routes
#   as pairs, for custom policies).
principal_users(id, type) := {[route.id, route.via] | some route in principal_routes(id, type)}

# METADATA
# title: Flow owners
# description: A flow's owner entries; the creator is always an owner, listed or not.
flow_owners(flow) := {{"id": flow.creatorId, "type": "User"}} | {{"id": o.principalId, "type": o.principalType} |
	some o in flow.owners
}

# METADATA
# title: Routes to the flow owner users
# description: |
#   The users holding owner rights on a flow, each as {"id": user id, "via": group or ""}: the creator,
#   user co-owners, and the transitive members of co-owning groups.
flow_owner_routes(flow) := {route |
	some owner in flow_owners(flow)
	some route in principal_routes(owner.id, owner.type)
}

# METADATA
# title: Flow owner users
# description: |
#   The users holding owner rights on a flow, each as [user id, group it came through or ""]
#   (flow_owner_routes as pairs, for custom policies).
flow_owner_users(flow) := {[route.id, route.via] | some route in flow_owner_routes(flow)}

# METADATA
# title: Environment role holders
# description: |
#   The users holding a role in an environment, each as {"id": user id, "via": group or ""}: direct
#   user assignments and the transitive members of groups assigned the role.
role_holders(environment, role) := {route |
	some assignment in environment.roleAssignments
	assignment.role == role
	some route in principal_routes(assignment.principalId, assignment.principalType)
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
# title: Flow roles of a user
# description: |
#   The flows a user can own or run, as {"flowId", "role", "via"}: role is "creator", "owner" or
#   "runOnly", via the group it came through or "". Direct references and references to the groups
#   the user belongs to, looked up in the normaliser's indexes, so it costs the user's own flows, not
#   every flow.
flow_roles_of_user(user_id) := {{"flowId": entry.flowId, "role": entry.role, "via": via} |
	some via in array.concat([""], member_of(user_id))
	some entry in flow_references(_principal_or_user(via, user_id))
}

# METADATA
# title: Flows of a user
# description: |
#   The flows a user can own or run, as [flow id, role, group it came through or ""]
#   (flow_roles_of_user as triples, for custom policies).
flows_of_user(user_id) := {[entry.flowId, entry.role, entry.via] | some entry in flow_roles_of_user(user_id)}

_principal_or_user("", user_id) := user_id

_principal_or_user(via, _) := via if via != ""

# METADATA
# title: How access was granted
# description: |
#   "directly" when one of the routes is direct (""), else "through" and the groups it came through,
#   for messages about a user who holds access directly or as a member of groups.
granted_through(vias) := "directly" if "" in vias

granted_through(vias) := concat("", ["through ", concat(", ", sort({label(via) | some via in vias}))]) if {
	not "" in vias
}
