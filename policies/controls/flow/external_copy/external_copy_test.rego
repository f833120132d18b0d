package shareguard.controls.flow.external_copy_test

import data.shareguard.controls.flow.external_copy

_lynne := {"id": "lynne", "userPrincipalName": "lynne@contoso.com", "upnDomain": "contoso.com", "mail": "lynne@contoso.com", "mailDomain": "contoso.com", "displayName": "Lynne Robbins", "userType": "Member"}

_gina := {
	"id": "gina", "userPrincipalName": "gina_fabrikam.com#EXT#@contoso.onmicrosoft.com", "upnDomain": "contoso.onmicrosoft.com",
	"mail": "gina@fabrikam.com", "mailDomain": "fabrikam.com", "displayName": "Gina", "userType": "Guest",
}

_flow(copies) := {
	"id": "f1", "displayName": "Trade show lead follow-up", "environmentId": "e1", "creatorId": "lynne",
	"sharedCopies": copies,
}

_tenant(flow) := {
	"sections": {"users": true, "flows": true, "tenant": true},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"users": {"lynne": _lynne, "gina": _gina},
	"index": {
		"usersByMail": {"lynne@contoso.com": "lynne", "gina@fabrikam.com": "gina"},
		"usersByUpn": {"lynne@contoso.com": "lynne", "gina_fabrikam.com#ext#@contoso.onmicrosoft.com": "gina"},
	},
	"flows": {"f1": flow},
}

_mark := {"recipientEmail": "Mark.Tulley.Events@gmail.com", "sentBy": "lynne", "sentAt": "2026-10-02T13:54:18Z"}

test_fail_copy_to_outside_address if {
	findings := external_copy.findings with data.tenant as _tenant(_flow([{"recipientId": "lynne", "sentBy": "lynne"}, _mark]))
	[f] := [f | some f in findings]
	f.controlId == "SG-FLOW-08"
	f.severity == "medium"
	f.resource == {"kind": "flow", "id": "f1", "displayName": "Trade show lead follow-up"}
	f.principal == {"kind": "external", "id": "mark.tulley.events@gmail.com", "displayName": "Mark.Tulley.Events@gmail.com"}
	contains(f.message, "sent to external recipient Mark.Tulley.Events@gmail.com (on 2026-10-02 by Lynne Robbins (lynne@contoso.com))")
}

test_fail_copy_to_guest_by_id if {
	findings := external_copy.findings with data.tenant as _tenant(_flow([{"recipientId": "gina", "sentAt": "2026-01-05T10:00:00Z"}]))
	[f] := [f | some f in findings]
	f.principal == {"kind": "user", "id": "gina", "displayName": "Gina"}
	contains(f.message, "Gina (gina_fabrikam.com#EXT#@contoso.onmicrosoft.com) (on 2026-01-05)")
}

test_fail_copy_to_guest_address_resolves_to_user if {
	findings := external_copy.findings with data.tenant as _tenant(_flow([{"recipientEmail": "GINA@fabrikam.com"}]))
	[f] := [f | some f in findings]
	f.principal.id == "gina"
	contains(f.message, "on an unknown date")
}

test_fail_two_copies_one_finding if {
	second := object.union(_mark, {"recipientEmail": "mark.tulley.events@gmail.com", "sentAt": "2026-11-01T08:00:00Z"})
	findings := external_copy.findings with data.tenant as _tenant(_flow([_mark, second]))
	[f] := [f | some f in findings]
	contains(f.message, "on 2026-10-02 by Lynne Robbins (lynne@contoso.com); on 2026-11-01 by Lynne Robbins (lynne@contoso.com)")
}

test_success_internal_recipients if {
	copies := [{"recipientId": "lynne"}, {"recipientEmail": "someone@CONTOSO.com"}, {"recipientEmail": "lynne@contoso.com"}]
	tenant := _tenant(_flow(copies))
	count(external_copy.findings) == 0 with data.tenant as tenant
	count(external_copy.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_domains_unknown_and_only_an_address if {
	tenant := object.union(object.remove(_tenant(_flow([_mark])), ["domains"]), {"sections": {"tenant": false}})
	count(external_copy.findings) == 0 with data.tenant as tenant
	reports := external_copy.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.controlId == "SG-FLOW-08"
	r.section == "tenant"
	contains(r.reason, "\"Trade show lead follow-up\"")
}

test_fail_domains_unknown_but_recipient_is_a_known_guest if {
	tenant := object.union(object.remove(_tenant(_flow([{"recipientId": "gina"}])), ["domains"]), {"sections": {"tenant": false}})
	count(external_copy.findings) == 1 with data.tenant as tenant
	count(external_copy.not_evaluated) == 0 with data.tenant as tenant
}

test_not_evaluated_recipient_deleted if {
	tenant := _tenant(_flow([{"recipientId": "gone-1"}]))
	count(external_copy.findings) == 0 with data.tenant as tenant
	reports := external_copy.not_evaluated with data.tenant as tenant
	[r] := [r | some r in reports]
	r.section == "flows[].sharedCopies[].recipientId"
	startswith(r.reason, "copies sent to a user id that is not in the export (deleted or not exported: whether they were external is not known) on ")
}

test_not_evaluated_recipient_id_without_users if {
	tenant := {"sections": {"flows": true}, "flows": {"f1": _flow([{"recipientId": "gina"}])}}
	count(external_copy.findings) == 0 with data.tenant as tenant
	reports := external_copy.not_evaluated with data.tenant as tenant
	{r.section | some r in reports} == {"users"}
}
