# METADATA
# title: shareguard DLP helpers
# description: |
#   Helpers the DLP and flow controls share: how a Power Platform DLP policy classifies a connector,
#   which policies are in force for an environment, and whether they block a connector.
package shareguard.lib.dlp

# Named dlp, not platform: "platform" in this project means the simulator's platform rules
# (shareguard.platform.*, what Entra ID and Power Automate accept), and the old name
# shareguard.lib.platform read as their library. Who holds an environment role moved to
# shareguard.lib (lib.role_holders): it is about people, not DLP.

import data.shareguard.lib

_classes := {"business", "nonBusiness", "blocked"}

# A connector group absent or null lists nothing.
# Each policy's connector groups as sets of lower-cased ids, built once per evaluation so that
# classifying a connector is three lookups, not a scan of every listed connector.
_connector_sets := {policy_id: {name: _lowered(policy, name) | some name in _classes} |
	some policy_id, policy in lib.dlp_policies
}

_lowered(policy, name) := {lower(listed) |
	some listed in policy.connectorGroups[name]
	is_string(listed)
}

_listed(policy, name, connector) if _connector_sets[policy.id][name][lower(connector)]

# A policy object that is not one of the tenant's (a test, a simulated change) is scanned directly.
_listed(policy, name, connector) if {
	not _connector_sets[policy.id]
	_lowered(policy, name)[lower(connector)]
}

# METADATA
# title: Default connector group
# description: |
#   Where the policy puts a connector it does not list: its defaultConnectorClassification, or
#   nonBusiness (the Power Platform default for a new policy) when that is absent, null or unknown.
default_classification(policy) := policy.defaultConnectorClassification if _known_default(policy)

default_classification(policy) := "nonBusiness" if not _known_default(policy)

_known_default(policy) if policy.defaultConnectorClassification in _classes

# METADATA
# title: Listed connector
# description: The policy lists the connector (case-insensitively) in one of its connector groups.
listed(policy, connector) if {
	some name in _classes
	_listed(policy, name, connector)
}

# METADATA
# title: DLP classification of a connector
# description: |
#   blocked, business or nonBusiness: the connector group the policy lists the connector in (blocked
#   first, then business), else the policy's default group.
classification(policy, connector) := class if {
	class := _class_index[policy.id][lower(connector)]
} else := "blocked" if {
	_scanned(policy, "blocked", lower(connector))
} else := "business" if {
	_scanned(policy, "business", lower(connector))
} else := "nonBusiness" if {
	_scanned(policy, "nonBusiness", lower(connector))
} else := default_classification(policy)

# Each tenant policy's listed connectors (lower-cased), mapped to the group that decides their class, so
# that classifying a connector is one lookup instead of up to three, each of which also tried the path for
# a policy object that is not the tenant's (two bodies, both run): SG-FLOW-10 classifies every connector
# of 20,000 flows under each policy in force in the 100,000-user bench tenant.
_class_index := {policy_id: {connector: _first_group(sets, connector) |
	some name in _classes
	some connector in sets[name]
} |
	some policy_id, sets in _connector_sets
}

_first_group(sets, connector) := "blocked" if {
	sets.blocked[connector]
} else := "business" if {
	sets.business[connector]
} else := "nonBusiness"

# A policy object that is not one of the tenant's is scanned directly (connector already lower-cased).
_scanned(policy, name, connector) if {
	not _connector_sets[policy.id]
	_lowered(policy, name)[connector]
}

# METADATA
# title: Connector groups not known
# description: |
#   The export says the policies' connector groups were not collected (collection.missing names
#   dlpPolicies[].connectorGroups) and this policy has none: how it classifies a connector is not
#   known. An absent or null group in a hand-written export still lists nothing.
groups_unknown(policy) if {
	lib.not_collected("dlpPolicies[].connectorGroups")
	object.get(policy, "connectorGroups", null) == null
}

# METADATA
# title: Policies in force whose groups are not known
# description: The display names of the policies in force for an environment whose connector groups are not known.
undetermined_policies(environment_id) := {policy.displayName |
	some policy in policies_for(environment_id)
	groups_unknown(policy)
}

# METADATA
# title: Policies in force for an environment
# description: The DLP policy objects whose scope covers the environment.
policies_for(environment_id) := [policy |
	some policy_id in lib.dlp_policies_for(environment_id)
	policy := lib.dlp_policies[policy_id]
]

# METADATA
# title: Connector blocked in an environment
# description: |
#   Some DLP policy in force for the environment blocks the connector, explicitly or because it
#   does not list it and its default group is blocked (policies combine: the strictest wins).
blocked_in(environment_id, connector) if {
	some policy in policies_for(environment_id)
	classification(policy, connector) == "blocked"
}

# METADATA
# title: Unlisted connectors blocked in an environment
# description: |
#   Some DLP policy in force for the environment has blocked as its default group, so connectors no
#   policy lists (new and custom connectors) are blocked there.
unlisted_blocked_in(environment_id) if {
	some policy in policies_for(environment_id)
	default_classification(policy) == "blocked"
}
