package shareguard.platform.share.run_only_instant_test

import data.shareguard.platform.share.run_only_instant
import data.shareguard.platform.testing as fx

_verdicts(flow) := verdicts if {
	change := {"action": "share-flow", "actor": "alice", "flow": flow, "role": "run-only", "principal": "carol", "principalType": "User"}
	verdicts := run_only_instant.verdicts with data.tenant as fx.tenant with input.change as change
}

test_fail_run_only_on_scheduled_flow if {
	_verdicts("f2") == {{
		"id": "PLT-SHARE-03", "effect": "refuse",
		"message": "Flow \"Nightly Export\" cannot be shared run-only with carol (carol@contoso.com): its trigger is scheduled, and run-only sharing exists only for instant (manually triggered) flows.",
	}}
}

test_success_run_only_on_instant_flow if {
	count(_verdicts("f1")) == 0
}
