# METADATA
# title: Guest from a competitor owns or runs a Finance flow
# description: |
#   Flows in the Finance environments move invoices, payments and payroll data. A guest (or any other
#   external account) from an organisation that competes with ours must not own such a flow (an owner
#   can edit it, read its run history and change where it sends data) nor run it (a run-only user starts
#   it with the connections it embeds). The competitors are the domains in competitorDomains (a domain
#   covers its subdomains); the Finance environments are those whose display name matches one of
#   financeEnvironmentPatterns (regular expressions, case-insensitive). Co-owning and run-only groups
#   are expanded to their members.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow
# custom:
#   id: CONTOSO-FIN-01
#   severity: critical
#   area: finance
#   sections: [flows, users, environments]
#   params:
#     competitorDomains: []
#     financeEnvironmentPatterns: ['\bfinance\b']
#   paramSchema:
#     competitorDomains:
#       type: array
#       items: {type: string, pattern: '^[a-z0-9.-]+\.[a-z]{2,}$'}
#   remediation: |
#     Remove the guest from the flow's owners and run-only users (or from the group that gives them
#     access), and ask the flow's owners who approved the access. If the organisation is no longer a
#     competitor, take its domain out of competitorDomains in shareguard.yaml.
#   references: [Contoso security standard FIN-3]
package shareguard.custom.competitor_guest_finance

import data.shareguard.lib
import data.shareguard.lib.flow as flowlib
import data.shareguard.lib.guests

_finance_environment(chain, environment) if {
	some pattern in lib.param(chain, "financeEnvironmentPatterns")
	regex.match(concat("", ["(?i)", pattern]), environment.displayName)
}

# The competitor domain an address domain belongs to (itself, or a parent domain in the list).
_competitor(chain, domain) := competitor if {
	some listed in lib.param(chain, "competitorDomains")
	competitor := lower(listed)
	_within(domain, competitor)
}

_within(domain, competitor) if domain == competitor

_within(domain, competitor) if endswith(domain, concat("", [".", competitor]))

# [user id, "owned" or "run", group it came through or ""] for everyone who can own or run the flow.
_people(flow) := {[user_id, "owned", via] | some [user_id, via] in flowlib.owner_users(flow)} | {[user_id, "run", via] |
	some [user_id, via] in flowlib.run_only_users(flow)
}

# METADATA
# title: Competitor guest on a Finance flow
findings contains lib.finding(chain, {
	"resource": lib.resource("flow", flow),
	"principal": lib.principal(user_id),
	"message": sprintf(
		"Flow \"%s\" in Finance environment \"%s\" can be %s by %s, a guest from competitor %s (%s).",
		[
			flow.displayName, environment.displayName,
			concat(" and ", sort({verb | some [id, verb, _] in people; id == user_id})),
			lib.label(user_id), competitor,
			lib.granted_through({via | some [id, _, via] in people; id == user_id}),
		],
	),
}) if {
	chain := rego.metadata.chain()
	some flow in lib.flows_in_scope
	environment := lib.environments[flow.environmentId]
	_finance_environment(chain, environment)
	people := _people(flow)
	some [user_id, _, _] in people
	user := lib.users[user_id]
	lib.is_external_user(user)
	some address in guests.addresses(user)
	competitor := _competitor(chain, guests.domain_part(address))
}

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

# METADATA
# title: Groups not expanded
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: owners and run-only users through groups not checked",
) if {
	some flow in lib.flows
	flowlib.unexpanded_groups(flowlib.owners(flow) | flowlib.run_only(flow))
}
