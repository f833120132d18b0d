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
