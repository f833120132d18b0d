# METADATA
# title: Copy of a flow sent outside the organisation
# description: |
#   Send a copy gives the recipient their own independent flow built from this one's definition: its
#   steps, addresses, site and list names, expressions and any values typed into it. No connection goes
#   with it, but the copy cannot be taken back. A copy sent to a guest, or to an address outside the
#   tenant's domains, has left the organisation for good and should be reviewed as a disclosure.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (Send a copy cannot be revoked)
# custom:
#   id: SG-FLOW-08
#   severity: medium
#   area: flow
#   sections: [flows]
#   shards: [flows]
#   reads: {users: [displayName, userPrincipalName, userType, identities, upnDomain, mailDomain]}
#   remediation: |
#     A sent copy cannot be revoked: review what the flow's definition disclosed (URLs, site and list names,
#     addresses, keys typed into actions), rotate any secret it contained, and ask the recipient to delete
#     the copy. Share templates with external partners only after removing internal details, and tell makers
#     to share with guests as run-only users instead.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.flow.external_copy

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib

_email(copy) := copy.recipientEmail if is_string(copy.recipientEmail)

_domain(email) := lower(parts[count(parts) - 1]) if {
	parts := split(email, "@")
	count(parts) > 1
}

_known_id(copy) if lib.users[copy.recipientId]

_has_id(copy) if is_string(copy.recipientId)

# The id of the known user the copy went to: by id, else by e-mail address (mail or UPN).
_recipient_user(copy) := copy.recipientId if _known_id(copy)

_recipient_user(copy) := id if {
	not _known_id(copy)
	id := flowlib.user_by_address(_email(copy))
	lib.users[id]
}

_known_user(copy) if _recipient_user(copy)

# {principal, label} of an external recipient: a known external user, else an address outside the tenant.
_external(copy) := {"principal": lib.principal(id), "label": lib.label(id)} if {
	id := _recipient_user(copy)
	lib.is_external_user(lib.users[id])
}

_external(copy) := {"principal": {"kind": "external", "id": lower(email), "displayName": email}, "label": email} if {
	not _known_user(copy)
	email := _email(copy)
	count(lib.domains) > 0
	domain := _domain(email)
	not lib.domains[domain]
}

_when(copy) := sprintf("%s%s", [_date(copy), _sender(copy)])

_date(copy) := sprintf("on %s", [substring(copy.sentAt, 0, 10)]) if is_string(copy.sentAt)

_date(copy) := "on an unknown date" if not _dated(copy)

_dated(copy) if is_string(copy.sentAt)

_sender(copy) := sprintf(" by %s", [lib.label(copy.sentBy)]) if is_string(copy.sentBy)

_sender(copy) := "" if not _has_sender(copy)

_has_sender(copy) if is_string(copy.sentBy)

# METADATA
# title: Copy sent to an external recipient
findings contains lib.finding(rego.metadata.chain(), {
	"resource": lib.resource("flow", flow),
	"principal": principal,
	"message": sprintf(
		"A copy of flow \"%s\" was sent to external recipient %s (%s): the copy cannot be revoked, so they keep its definition.",
		[flow.displayName, label, concat("; ", sort(whens))],
	),
}) if {
	some flow in lib.flows_in_scope
	sent := {object.union(ext, {"id": ext.principal.id, "when": _when(copy)}) |
		some copy in flowlib.shared_copies(flow)
		ext := _external(copy)
	}
	some id in {entry.id | some entry in sent}

	# Several copies to one recipient are one finding (addresses compare case-insensitively).
	# Sorted so that the first is the same in every evaluation (objects compare key by key: id, label,
	# principal, when; for one id, label and principal both follow from the one address).
	mine := sort([entry | some entry in sent; entry.id == id])
	first := mine[0]
	principal := first.principal
	label := first.label
	whens := {entry.when | some entry in mine}
}

# METADATA
# title: Sections or recipients not known
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

_names(copies_of) := concat(", ", sort({sprintf("\"%s\"", [flow.displayName]) | some flow in copies_of}))

# Copies known only by an id, with no user to say whether the recipient was external.
_unresolved_ids := {flow |
	some flow in lib.flows_in_scope
	some copy in flowlib.shared_copies(flow)
	_has_id(copy)
	not _known_id(copy)
	not _email(copy)
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users",
	sprintf("section absent from the export: copies sent to a user id not checked on %s", [_names(_unresolved_ids)]),
) if {
	not lib.has_section("users")
	count(_unresolved_ids) > 0
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"flows[].sharedCopies[].recipientId",
	sprintf(
		"copies sent to a user id that is not in the export (deleted or not exported: whether they were external is not known) on %s",
		[_names(_unresolved_ids)],
	),
) if {
	lib.has_section("users")
	count(_unresolved_ids) > 0
}

# Copies known only by an address, while the tenant's domains are not known.
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"tenant",
	sprintf("tenant domains not known: copies sent to an e-mail address not checked on %s", [_names(unjudged)]),
) if {
	count(lib.domains) == 0
	unjudged := {flow |
		some flow in lib.flows
		some copy in flowlib.shared_copies(flow)
		_email(copy)
		not _known_user(copy)
	}
	count(unjudged) > 0
}
