package shareguard.platform.share_site.refusals_test

import data.shareguard.platform.share_site.refusals
import data.shareguard.platform.share_site.testing as sx

test_success_allowed_share_has_no_refusals if {
	refusals.accepted with data.tenant as sx.tenant with input.change as sx.share
}

test_fail_each_refusal_counts if {
	ids := {v.id | some v in refusals.refusals} with data.tenant as sx.tenant
		with input.change as sx.share_with({"site": "finance", "actor": "alice", "recipientEmail": "eve@gmail.com"})
	ids == {"PLT-SITE-02", "PLT-SITE-06"}
}

test_success_warning_is_not_a_refusal if {
	tenant := sx.tenant_with({"sharePoint": {"sharingDomainRestrictionMode": null}})
	refusals.accepted with data.tenant as tenant with input.change as sx.share
}
