package shareguard.platform.share_site.common_test

import data.shareguard.platform.share_site.common
import data.shareguard.platform.share_site.testing as sx

_needed(change) := n if {
	n := common.needed with data.tenant as sx.tenant with input.change as change
}

test_success_needed_levels if {
	_needed(sx.anyone_link) == 3
	_needed(sx.share) == 2
	_needed(sx.share_to("gus")) == 1
	_needed(sx.share_to("carol")) == 0
	_needed(object.union(sx.anyone_link, {"scope": "organization"})) == 0
}

test_success_new_address_in_own_domain_is_internal if {
	_needed(sx.share_with({"recipientEmail": "newhire@Contoso.com"})) == 0
}

test_success_onedrive_by_flag_or_template if {
	common.onedrive with data.tenant as sx.tenant with input.change as sx.share_with({"site": "od-alice"})
	tenant := sx.tenant_with({"sites": {"od-bob": {"id": "od-bob", "url": "u", "template": "SPSPERS"}}})
	common.onedrive with data.tenant as tenant with input.change as sx.share_with({"site": "od-bob"})
	not common.onedrive with data.tenant as sx.tenant with input.change as sx.share
}

test_success_rank_order if {
	common.rank("disabled") < common.rank("existingGuests")
	common.rank("existingGuests") < common.rank("newAndExistingGuests")
	common.rank("newAndExistingGuests") < common.rank("anyone")
	not common.rank("everyone")
}

test_success_item_label if {
	common.item_label == "file /Shared Documents/plan.xlsx on \"Projects\" (https://contoso.sharepoint.com/sites/Projects)" with data.tenant as sx.tenant
		with input.change as sx.anyone_link
	common.item_label == "site \"Projects\" (https://contoso.sharepoint.com/sites/Projects)" with data.tenant as sx.tenant
		with input.change as sx.share
}

# An address an earlier change invited: an existing guest once that change was applied, else a new one.
test_success_address_of_an_earlier_invitation if {
	change := sx.share_with({"recipient": "sim-invite-0"})
	_needed(change) == 2
	tenant := object.union(sx.tenant, {"users": {"sim-invite-0": {"id": "sim-invite-0", "userType": "Guest", "mail": "bob@fabrikam.com", "userPrincipalName": "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com"}}})
	n := common.needed with data.tenant as tenant with input.change as change
	n == 1
	not common.invite_change with data.tenant as tenant with input.change as change
}

test_success_recipient_address_from_mail_or_guest_upn if {
	common.recipient_email == "gus@fabrikam.com" with data.tenant as sx.tenant_with({"users": {"gus": {"mail": "gus@fabrikam.com"}}})
		with input.change as sx.share_to("gus")
	common.recipient_email == "first_last@fabrikam.com" with data.tenant as sx.tenant_with({"users": {"gus": {"userPrincipalName": "first_last_fabrikam.com#EXT#@contoso.onmicrosoft.com"}}})
		with input.change as sx.share_to("gus")
	common.recipient_email == "carol@contoso.com" with data.tenant as sx.tenant with input.change as sx.share_to("carol")
}
