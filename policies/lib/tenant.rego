package shareguard.lib

# METADATA
# title: Users by id
users := object.get(data.tenant, "users", {})

# METADATA
# title: Groups by id
groups := object.get(data.tenant, "groups", {})

# METADATA
# title: Environments by id
environments := object.get(data.tenant, "environments", {})

# METADATA
# title: Flows by id
flows := object.get(data.tenant, "flows", {})

# METADATA
# title: External collaboration settings
collab := object.get(data.tenant, "externalCollaboration", {})

# METADATA
# title: Section present
# description: True when the export holds the named section.
has_section(name) if data.tenant.sections[name]

# METADATA
# title: Field not collected
# description: |
#   True when the export's collection.missing names the field or section path (e.g.
#   "environments[].securityGroupId"): its null or absent values there are not known, not "none".
not_collected(path) if data.tenant.notCollected[path]

# METADATA
# title: Setting known
# description: True when the setting at path (an array of keys) is present and not null.
setting_known(path) if {
	value := object.get(data.tenant, path, null)
	value != null
}

# METADATA
# title: Tenant domains
# description: The tenant's initial and verified domains, lower-cased, as a set-like object.
domains := object.get(data.tenant, "domains", {})

# METADATA
# title: Tenant resource
# description: The tenant as a finding's resource.
tenant_resource := {
	"kind": "tenant",
	"id": object.get(data.tenant, ["tenant", "id"], "tenant"),
	"displayName": object.get(data.tenant, ["tenant", "displayName"], "tenant"),
}

# METADATA
# title: Resource reference
# description: A finding's resource for an object of the given kind.
resource(kind, obj) := {"kind": kind, "id": obj.id, "displayName": object.get(obj, "displayName", obj.id)}

# METADATA
# title: DLP policies by id
dlp_policies := object.get(data.tenant, "dlpPolicies", {})

# METADATA
# title: Canvas apps by id
apps := object.get(data.tenant, "apps", {})

# METADATA
# title: Power Platform tenant settings
tenant_settings := object.get(data.tenant, ["powerPlatform", "tenantSettings"], {})

# METADATA
# title: DLP policies covering an environment
# description: Ids of the DLP policies whose scope covers the environment (resolved by the normaliser).
dlp_policies_for(environment_id) := object.get(data.tenant, ["index", "dlpPoliciesByEnvironment", environment_id], [])

# METADATA
# title: Tenant cloud
# description: The tenant's cloud (Commercial unless the export says otherwise).
cloud := object.get(data.tenant, ["tenant", "cloud"], "Commercial")

# Scoped collections. A scan checks every object. A simulation passes `input.scope` (ids per kind):
# the objects a change can affect. Controls iterate these collections for the objects they report
# on, and look objects up in the full ones above, so a simulated change costs what it touches.
#
# A scan's shard names its objects in `input.scope` too, or, when its data holds no other object of that kind
# (every flow and app shard, a user shard whose users' sponsors are its own), lists the kind in
# `input.scope.all`: the collection is then the scope as it is. Rebuilding a user shard's 20,000 users from
# their ids cost each guest control 10 to 20 ms, 0.5 s of CPU over the bench's 100,000-user tenant's shards,
# besides parsing the ids into the input of every evaluation. (A helper, not `not "users" in input.scope.all`
# in the rule body: opa 1.22.3 takes that as false when input.scope.all is absent.)
_all_in_scope(kind) if kind in input.scope.all

# METADATA
# title: Users to check
# description: Every user in a scan; in a scoped evaluation, only the users named in input.scope.users.
users_in_scope := users if not input.scope

users_in_scope := users if _all_in_scope("users")

users_in_scope := {id: user | some id in input.scope.users; user := users[id]} if {
	input.scope
	not _all_in_scope("users")
}

# METADATA
# title: Groups to check
# description: Every group in a scan; in a scoped evaluation, only the groups named in input.scope.groups.
groups_in_scope := groups if not input.scope

groups_in_scope := groups if _all_in_scope("groups")

groups_in_scope := {id: group | some id in input.scope.groups; group := groups[id]} if {
	input.scope
	not _all_in_scope("groups")
}

# METADATA
# title: Environments to check
# description: Every environment in a scan; in a scoped evaluation, only those named in input.scope.environments.
environments_in_scope := environments if not input.scope

environments_in_scope := {id: environment |
	some id in input.scope.environments
	environment := environments[id]
} if input.scope

# METADATA
# title: Flows to check
# description: Every flow in a scan; in a scoped evaluation, only the flows named in input.scope.flows.
flows_in_scope := flows if not input.scope

flows_in_scope := flows if _all_in_scope("flows")

flows_in_scope := {id: flow | some id in input.scope.flows; flow := flows[id]} if {
	input.scope
	not _all_in_scope("flows")
}

# METADATA
# title: Apps to check
# description: Every canvas app in a scan; in a scoped evaluation, only the apps named in input.scope.apps.
apps_in_scope := apps if not input.scope

apps_in_scope := apps if _all_in_scope("apps")

apps_in_scope := {id: app | some id in input.scope.apps; app := apps[id]} if {
	input.scope
	not _all_in_scope("apps")
}

# METADATA
# title: DLP policies to check
# description: Every DLP policy in a scan; in a scoped evaluation, only those named in input.scope.dlpPolicies.
dlp_policies_in_scope := dlp_policies if not input.scope

dlp_policies_in_scope := {id: policy | some id in input.scope.dlpPolicies; policy := dlp_policies[id]} if input.scope

# METADATA
# title: SharePoint and OneDrive sharing settings
# description: The export's sharePoint section ({} when absent; sections.sharePoint says whether it was exported).
sharepoint := object.get(data.tenant, "sharePoint", {})

# METADATA
# title: Teams tenant settings
# description: The export's teamsSettings section ({} when absent; sections.teamsSettings says whether it was exported).
teams_settings := object.get(data.tenant, "teamsSettings", {})

# METADATA
# title: SharePoint sites and OneDrive accounts by id
sites := object.get(data.tenant, "sites", {})

# METADATA
# title: Teams by id (the id of their Microsoft 365 group)
teams := object.get(data.tenant, "teams", {})

# METADATA
# title: Sites to check
# description: Every site in a scan; in a scoped evaluation, only the sites named in input.scope.sites.
sites_in_scope := sites if not input.scope

sites_in_scope := {id: site | some id in input.scope.sites; site := sites[id]} if input.scope

# METADATA
# title: Teams to check
# description: Every team in a scan; in a scoped evaluation, only the teams named in input.scope.teams.
teams_in_scope := teams if not input.scope

teams_in_scope := {id: team | some id in input.scope.teams; team := teams[id]} if input.scope

# METADATA
# title: Flows of an environment
# description: The flows whose environmentId is the given environment (through the normaliser's index).
flows_in_environment(environment_id) := [flow |
	some flow_id in object.get(data.tenant, ["index", "flowsByEnvironment", environment_id], [])
	flow := flows[flow_id]
]

# METADATA
# title: Environments to check against tenant-wide counts
# description: |
#   For controls that compare an environment with a tenant-wide count (such as the number of enabled
#   users): every environment when input.scope.tenantCounts says a change moved such a count, else the
#   environments in scope.
environments_in_count_scope := environments if input.scope.tenantCounts == true

environments_in_count_scope := environments_in_scope if not input.scope.tenantCounts == true

# METADATA
# title: Environments whose flows are in scope
# description: |
#   For controls on environments that read the environment's flows: every environment in a scan; in a
#   scoped evaluation, the environments in scope and those of the flows in scope (input.scope.flowEnvironments).
environments_with_flows_in_scope := environments if not input.scope

environments_with_flows_in_scope := object.union(environments_in_scope, {id: environment |
	some id in input.scope.flowEnvironments
	environment := environments[id]
}) if input.scope

# Lookups in the normaliser's indexes (data.tenant.index). Controls and platform rules read the tenant
# through this package only (policies/lib/findings.rego says why), so each index a rule needs is named here.

# METADATA
# title: Setting at a path
# description: |
#   The value at path (an array of keys) in the tenant, or null when it is absent: a rule compares it
#   with a known value, so absent and null both stay "not known".
setting(path) := object.get(data.tenant, path, null)

# METADATA
# title: Indexes present
# description: True when the tenant carries the normaliser's indexes (a hand-written test tenant may not).
indexed if data.tenant.index

# METADATA
# title: Groups of a user
# description: The ids of the groups the user is a transitive member of (the normaliser's memberOf index).
member_of(user_id) := object.get(data.tenant, ["index", "memberOf", user_id], [])

# METADATA
# title: Flow references of a principal
# description: |
#   The flows that name the principal (a user or group id) as creator, owner or run-only user, each as
#   {"flowId", "role"} (the normaliser's flowsByPrincipal index).
flow_references(principal_id) := object.get(data.tenant, ["index", "flowsByPrincipal", principal_id], [])

# METADATA
# title: Connectors used in an environment
# description: |
#   The connectors the environment's flows call, each with the number of flows calling it
#   (the normaliser's connectorsByEnvironment index; {} when the environment has no flows).
connectors_in_environment(environment_id) := object.get(data.tenant, ["index", "connectorsByEnvironment", environment_id], {})

# METADATA
# title: User by mail
# description: The id of the user whose mail is the lower-cased address (the usersByMail index).
user_id_by_mail(address) := data.tenant.index.usersByMail[address]

# METADATA
# title: User by UPN
# description: The id of the user whose user principal name is the lower-cased address (the usersByUpn index).
user_id_by_upn(address) := data.tenant.index.usersByUpn[address]

# METADATA
# title: User field exported
# description: |
#   True when at least one user in the export has the field with a non-null value: when none has,
#   the field was not collected and its absence says nothing about any user.
user_field_exported(name) if data.tenant.index.userFields[name]

# METADATA
# title: Users not disabled
# description: The number of users whose account is not disabled (undefined when the export does not count them).
users_not_disabled_count := data.tenant.index.counts.usersNotDisabled

# METADATA
# title: Initial domain
# description: The tenant's initial (onmicrosoft) domain; undefined when the export does not give it.
initial_domain := data.tenant.tenant.initialDomain
