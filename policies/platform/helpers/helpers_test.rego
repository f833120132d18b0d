package shareguard.platform.helpers_test

import data.shareguard.platform.helpers as lib

test_email_parts if {
	lib.email_domain("Bob@Fabrikam.COM") == "fabrikam.com"
	lib.email_local("Bob@Fabrikam.COM") == "Bob"
	not lib.email_domain("no-at-sign")
}

test_domain_matches_subdomains_only if {
	lib.domain_matches("fabrikam.com", "Fabrikam.com")
	lib.domain_matches("eu.fabrikam.com", "fabrikam.com")
	lib.domain_matches("eu.fabrikam.com", "*.fabrikam.com")
	not lib.domain_matches("notfabrikam.com", "fabrikam.com")
	not lib.domain_matches("fabrikam.com", "eu.fabrikam.com")
}

test_verdict_from_metadata if {
	chain := [{"path": ["x"], "annotations": {"title": "t", "custom": {"id": "PLT-X-01", "effect": "warn"}}}]
	lib.verdict(chain, "m") == {"id": "PLT-X-01", "effect": "warn", "message": "m"}
}
