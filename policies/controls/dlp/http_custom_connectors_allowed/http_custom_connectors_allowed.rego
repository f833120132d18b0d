# METADATA
# title: HTTP or custom connectors allowed where outsiders own or run flows
# description: |
#   HTTP connectors and custom connectors can call any web endpoint, so a flow that uses them can send
#   whatever it reads to a service of its author's choosing. Where flows are owned or run by people
#   outside the organisation, the DLP policies in force should block them. A connector is blocked in an
#   environment when some policy covering it lists the connector as blocked, or does not list it and
#   blocks by default; a connector a policy does not list falls in its defaultConnectorClassification,
#   taken as nonBusiness when absent. Custom connectors are recognised by customConnectorPatterns
#   (regular expressions on connector ids, without look-ahead); new custom connectors nobody has listed
#   are only blocked by a policy whose default group is blocked.
# related_resources:
#   - ref: https://learn.microsoft.com/power-platform/admin/dlp-connector-classification
#     description: Connector classification (HTTP connectors in data policies)
#   - ref: https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity
#     description: Custom connector support in data policies
#   - ref: https://learn.microsoft.com/power-automate/create-team-flows
#     description: Share a cloud flow (enforce data policies)
# custom:
#   id: SG-DLP-02
#   severity: high
#   area: dlp
#   sections: [environments, dlpPolicies, flows, users]
#   shards: [tenant, flows]
#   reads: {users: [userType, identities, userPrincipalName, upnDomain, mailDomain]}
#   params:
#     httpConnectors: [http, httpwebhook, request, shared_webcontents]
#     customConnectorPatterns:
#       # Solution and tenant custom connectors: publisher prefix or name, then "-5f" (an encoded "_").
#       - '^shared_.*-5f'
#       # Ids that do not start with "shared_" (HTTP connectors are excluded separately).
#       - '^([^s]|s[^h]|sh[^a]|sha[^r]|shar[^e]|share[^d]|shared[^_])'
#   remediation: |
#     In the Power Platform admin center, Policies > Data policies, edit a policy that covers the environment
#     (or create one): move HTTP, HTTP Webhook, When an HTTP request is received and HTTP with Microsoft
#     Entra ID to Blocked, set the default group to Blocked (or block custom connectors by URL pattern),
#     and allow back only the connectors the environment's flows need. Alternatively move the external
#     owners and run-only users off these flows.
#   references: [CISA SCuBA MS.POWERPLATFORM.2.3]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.dlp.http_custom_connectors_allowed

import data.shareguard.lib
import data.shareguard.lib.dlp
import data.shareguard.lib.flow as flowlib

# The environment's flows with an external owner or run-only user, as {count, first}: how many distinct
# display names, and the first five in sorted order (a message names at most five; a large tenant can
# have thousands in one environment). A scan or simulation reads the summary policies/views worked out
# (data.derived, one verdict per flow); without it (opa eval, opa test) each flow is judged here.
_exposed(environment_id) := data.derived.externalAccessByEnvironment[environment_id]

_exposed(environment_id) := {"count": count(names), "first": array.slice(names, 0, 5)} if {
	not data.derived
	names := sort({flow.displayName |
		some flow in lib.flows_in_environment(environment_id)
		flowlib.external_access(flow)
	})
}

_custom(chain, connector) if {
	not connector in lib.param(chain, "httpConnectors")
	some pattern in lib.param(chain, "customConnectorPatterns")
	regex.match(pattern, connector)
}

# Connector ids the environment's flows use (connections and triggers), from the normaliser's index.
_flow_connectors(environment_id) := {connector |
	some connector, _ in lib.connectors_in_environment(environment_id)
}

# Connector ids the environment's policies list or its flows use.
_known_connectors(environment_id) := {connector |
	some policy in dlp.policies_for(environment_id)
	some connectors in policy.connectorGroups
	some connector in connectors
	is_string(connector)
} | _flow_connectors(environment_id)

_open_http(chain, environment_id) := {connector |
	some connector in lib.param(chain, "httpConnectors")
	not dlp.blocked_in(environment_id, connector)
}

_open_custom(chain, environment_id) := {connector |
	some connector in _known_connectors(environment_id)
	_custom(chain, connector)
	not dlp.blocked_in(environment_id, connector)
}

_reasons(_, environment_id) := ["no DLP policy applies there, so no connector is blocked"] if {
	count(lib.dlp_policies_for(environment_id)) == 0
}

_reasons(chain, environment_id) := array.concat(
	[sprintf("HTTP connectors %s are not blocked", [concat(", ", sort(open))]) |
		open := _open_http(chain, environment_id)
		count(open) > 0
	],
	array.concat(
		["custom connectors that no policy lists are not blocked (no policy in force blocks by default)" |
			not dlp.unlisted_blocked_in(environment_id)
		],
		[sprintf("custom connectors %s are not blocked", [concat(", ", sort(open))]) |
			open := _open_custom(chain, environment_id)
			count(open) > 0
		],
	),
) if {
	count(lib.dlp_policies_for(environment_id)) > 0
}

# METADATA
# title: HTTP or custom connectors not blocked
findings contains lib.finding(chain, {
	"resource": lib.resource("environment", environment),
	"message": sprintf(
		"Environment \"%s\" has flows with external owners or run-only users (%s), yet %s.",
		[environment.displayName, flows, concat("; ", reasons)],
	),
}) if {
	chain := rego.metadata.chain()

	# Without the policies every connector would look allowed.
	count(lib.missing_sections(chain)) == 0
	some environment_id, environment in lib.environments_with_flows_in_scope
	count(dlp.undetermined_policies(environment_id)) == 0
	exposed := _exposed(environment_id)
	exposed.count > 0
	reasons := _reasons(chain, environment_id)
	count(reasons) > 0
	flows := _first_names(exposed)
}

_first_names(exposed) := concat(", ", _quoted(exposed.first)) if exposed.count <= 5

_first_names(exposed) := sprintf("%s and %d more", [concat(", ", _quoted(exposed.first)), exposed.count - 5]) if {
	exposed.count > 5
}

_quoted(names) := [sprintf("\"%s\"", [name]) | some name in names]

# METADATA
# title: Sections missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

# A policy in force whose connector groups were not collected may block, or allow, anything.
not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"dlpPolicies[].connectorGroups",
	sprintf("the connector groups of DLP policies in force (%s) are not in the export: environment \"%s\" not judged", [concat(", ", sort(names)), environment.displayName]),
) if {
	some environment_id, environment in lib.environments_with_flows_in_scope
	names := dlp.undetermined_policies(environment_id)
	count(names) > 0
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: external users in groups that own or run flows not checked",
) if {
	not lib.has_section("groups")
	some flow in lib.flows
	some field in ["owners", "runOnlyUsers"]
	some entry in flow[field]
	entry.principalType == "Group"
}
