# METADATA
# title: Guest holds a privileged directory role
# description: |
#   Directory roles such as Global Administrator, User Administrator or Guest Inviter act on the whole
#   tenant: managing users and their credentials, inviting more outsiders, changing security settings.
#   Held by a guest, that power sits with an account whose credentials, MFA and lifecycle are controlled
#   by another organisation (or a personal provider), outside the tenant's own protections and reviews.
#   The default list is every built-in role that Microsoft's built-in roles reference labels privileged
#   (29 roles), and the six that govern external sharing in the workloads shareguard covers (Guest
#   Inviter; SharePoint, Teams, Exchange, Power Platform and Dynamics 365 administrators), each as
#   "Name (template id)". A role in the export matches an entry by name (any casing) or by template id,
#   so custom roles can be added by either.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
#     description: Microsoft Entra built-in roles
#   - ref: https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions
#     description: Privileged roles and permissions in Microsoft Entra ID (the privileged label)
#   - ref: https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices
#     description: Best practices for Microsoft Entra roles
# custom:
#   id: SG-GUEST-04
#   severity: critical
#   area: guest
#   sections: [users]
#   shards: [users]
#   params:
#     privilegedRoles:
#       - Agent ID Administrator (db506228-d27e-4b7d-95e5-295956d6615f)
#       - Application Administrator (9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3)
#       - Application Developer (cf1c38e5-3621-4004-a7cb-879624dced7c)
#       - Attribute Provisioning Administrator (ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe)
#       - Attribute Provisioning Reader (422218e4-db15-4ef9-bbe0-8afb41546d79)
#       - Authentication Administrator (c4e39bd9-1100-46d3-8c65-fb160da0071f)
#       - Authentication Extensibility Administrator (25a516ed-2fa0-40ea-a2d0-12923a21473a)
#       - B2C IEF Keyset Administrator (aaf43236-0c0d-4d5f-883a-6955382ac081)
#       - Cloud Application Administrator (158c047a-c907-4556-b7ef-446551a6b5f7)
#       - Cloud Device Administrator (7698a772-787b-4ac8-901f-60d6b08affd2)
#       - Conditional Access Administrator (b1be1c3e-b65d-4f19-8427-f6fa0d97feb9)
#       - Directory Writers (9360feb5-f418-4baa-8175-e2a00bac4301)
#       - Domain Name Administrator (8329153b-31d0-4727-b945-745eb3bc5f31)
#       - External Identity Provider Administrator (be2f45a1-457d-42af-a067-6ec1fa63bc45)
#       - Global Administrator (62e90394-69f5-4237-9190-012177145e10)
#       - Global Reader (f2ef992c-3afb-46b9-b7cf-a126ee74c451)
#       - Helpdesk Administrator (729827e3-9c14-49f7-bb1b-9608f156bbb8)
#       - Hybrid Identity Administrator (8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2)
#       - Intune Administrator (3a2c62db-5318-420d-8d74-23affee5d9d5)
#       - Lifecycle Workflows Administrator (59d46f88-662b-457b-bceb-5c3809e5908f)
#       - Partner Tier1 Support (4ba39ca4-527c-499a-b93d-d9b492c50246)
#       - Partner Tier2 Support (e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8)
#       - Password Administrator (966707d0-3269-4727-9be2-8c3a10f19b9d)
#       - Privileged Authentication Administrator (7be44c8a-adaf-4e2a-84d6-ab2649e08a13)
#       - Privileged Role Administrator (e8611ab8-c189-46e8-94e1-60213ab1f814)
#       - Security Administrator (194ae4cb-b126-40b2-bd5b-6091b380977d)
#       - Security Operator (5f2222b1-57c3-48ba-8ad5-d4759f1fde6f)
#       - Security Reader (5d6b6bb7-de71-4623-b4af-96380a352509)
#       - User Administrator (fe930be7-5e62-47db-91af-98c3a49a38b1)
#       - Guest Inviter (95e79109-95c0-4d8e-aee3-d01accf2d47b)
#       - SharePoint Administrator (f28a1f50-f6e7-4571-818b-6a12f2af6b6c)
#       - Teams Administrator (69091246-20e8-4a56-aa4d-066075b2a7a8)
#       - Exchange Administrator (29232cdf-9323-42fd-ade2-1d097af3e4de)
#       - Power Platform Administrator (11648597-926c-4cf3-9c36-bcebb0ba8dcc)
#       - Dynamics 365 Administrator (44367163-eba1-44c3-98af-f5787879f96a)
#   remediation: |
#     Remove the role from the guest (Entra admin center > Roles & admins > the role > Assignments, or
#     Remove-MgRoleManagementDirectoryRoleAssignment). If an outside administrator is really needed, give
#     them an account in this tenant, protected by its MFA and Conditional Access policies, and make the
#     role eligible through Privileged Identity Management rather than permanent.
#   references: [CIS M365 1.1.1, CISA SCuBA MS.AAD.7]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.privileged_directory_role

import data.shareguard.lib

# Whether the export lists roles at all: without any directoryRoles field, no guest can be judged.
_roles_exported if lib.user_field_exported("directoryRoles")

# A parameter entry is "Name (template id)", a name, or a template id (custom roles are kept by id when their
# definitions were not exported). Either part matches, names in any casing. Split with string functions, not
# a regular expression: the set is built on every evaluation, a simulated change's included.
_keys(entry) := {lower(trim_space(role.name)), lower(role.id)} if {
	role := _name_and_id(entry)
}

_keys(entry) := {lower(trim_space(entry))} if not _name_and_id(entry)

_name_and_id(entry) := {"name": parts[0], "id": parts[1]} if {
	endswith(entry, ")")
	parts := split(trim_suffix(entry, ")"), " (")
	count(parts) == 2
	count(parts[1]) == 36
}

_held(user, privileged) := {role |
	some role in user.directoryRoles
	lower(role) in privileged
}

# Why each built-in role on the default list matters, shown in the finding.
_why := {
	"agent id administrator": "manages agent identities and their credentials",
	"application administrator": "manages every app registration and enterprise app, their credentials and consents",
	"application developer": "registers applications whatever the tenant allows users",
	"attribute provisioning administrator": "edits how custom security attributes are provisioned to apps",
	"attribute provisioning reader": "reads how custom security attributes are provisioned to apps",
	"authentication administrator": "resets the sign-in methods of non-administrators",
	"authentication extensibility administrator": "changes sign-in and sign-up through custom authentication extensions",
	"b2c ief keyset administrator": "manages federation and encryption secrets",
	"cloud application administrator": "manages every app registration and enterprise app, their credentials and consents",
	"cloud device administrator": "enables, disables and deletes devices and reads their BitLocker keys",
	"conditional access administrator": "changes Conditional Access, the tenant's sign-in protections",
	"directory writers": "writes users' and groups' directory information",
	"domain name administrator": "adds and verifies domains, whose federation decides who signs in as their users",
	"external identity provider administrator": "configures the identity providers that outsiders sign in with",
	"global administrator": "controls every setting and every account",
	"global reader": "reads everything a Global Administrator can",
	"helpdesk administrator": "resets the passwords of non-administrators",
	"hybrid identity administrator": "manages Entra Connect, password hash sync, pass-through authentication and federation",
	"intune administrator": "manages every enrolled device and its policies",
	"lifecycle workflows administrator": "runs workflows that act on users' accounts",
	"partner tier1 support": "a partner support role that resets non-administrators' passwords",
	"partner tier2 support": "a partner support role that resets every user's password, administrators included",
	"password administrator": "resets the passwords of non-administrators",
	"privileged authentication administrator": "resets any user's sign-in methods, administrators included",
	"privileged role administrator": "assigns any directory role, itself included",
	"security administrator": "changes security configuration in Entra ID and Microsoft 365",
	"security operator": "manages security alerts and incidents",
	"security reader": "reads the tenant's security configuration and reports",
	"user administrator": "creates users, resets their passwords and manages groups",
	"guest inviter": "invites more guests, whatever the invitation settings",
	"sharepoint administrator": "sets SharePoint and OneDrive external sharing",
	"teams administrator": "sets Teams guest and external access",
	"exchange administrator": "sets mail flow and sharing with outside domains",
	"power platform administrator": "manages every environment, DLP policy, app and flow",
	"dynamics 365 administrator": "manages Dynamics 365 and its environments",
}

_described(role) := sprintf("%s (%s)", [role, _why[lower(role)]])

_described(role) := role if not _why[lower(role)]

# METADATA
# title: Guest with a privileged role
findings contains lib.finding(chain, {
	"resource": lib.resource("user", user),
	"message": sprintf(
		"Guest %s holds the privileged directory role(s) %s.",
		[lib.label(id), concat("; ", [_described(role) | some role in sort(held)])],
	),
}) if {
	chain := rego.metadata.chain()
	privileged := {key | some entry in lib.param(chain, "privilegedRoles"); some key in _keys(entry)}
	some id, user in lib.users_in_scope
	lib.is_guest(user)
	held := _held(user, privileged)
	count(held) > 0
}

# METADATA
# title: Sections or roles missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].directoryRoles",
	"no user in the export carries directoryRoles: directory role assignments were not collected",
) if {
	not _roles_exported
	some user in lib.users_in_scope
	lib.is_guest(user)
}
