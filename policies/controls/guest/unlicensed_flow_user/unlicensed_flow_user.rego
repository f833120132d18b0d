# METADATA
# title: Guest owns or runs flows without a Power Automate licence
# description: |
#   A guest needs a licence that includes Power Automate, assigned in this tenant or in its home tenant,
#   to create, edit or run flows; the free plan does not count. A guest who co-owns a flow or is a run-only
#   user of it (directly or through a group) while holding no such licence here is either licensed at home,
#   which this export cannot show, or will see the flow fail for them. Either way the dependency deserves a
#   decision. Guests whose licences were not exported are reported as not evaluated.
# related_resources:
#   - ref: https://learn.microsoft.com/power-automate/guest-support
#     description: Support for guest users in Power Automate
#   - ref: https://learn.microsoft.com/power-platform/admin/power-automate-licensing/faqs
#     description: Power Automate licensing FAQ (guest users)
# custom:
#   id: SG-GUEST-09
#   severity: low
#   area: guest
#   sections: [users, flows]
#   shards: [users, flows]
#   reads: {users: [displayName, userPrincipalName, userType, accountEnabled, licenses]}
#   params:
#     flowLicenses:
#       - SPE_E3
#       - SPE_E5
#       - STANDARDPACK
#       - ENTERPRISEPACK
#       - ENTERPRISEPREMIUM
#       - ENTERPRISEPREMIUM_NOPSTNCONF
#       - O365_BUSINESS_ESSENTIALS
#       - SMB_BUSINESS_ESSENTIALS
#       - O365_BUSINESS_PREMIUM
#       - SMB_BUSINESS_PREMIUM
#       - SPB
#       - FLOW_PER_USER
#       - FLOW_PER_USER_DEPT
#       - POWERAUTOMATE_ATTENDED_RPA
#       - FLOW_P1
#       - FLOW_P2
#       - POWERAPPS_PER_USER
#   remediation: |
#     Ask the guest's sponsor whether the guest holds a Power Automate-capable licence in its home tenant;
#     that is a legitimate setup and can be accepted (waive the finding). Otherwise assign a licence that
#     includes Power Automate in this tenant (Microsoft 365 admin center > Users > Guest users > the guest >
#     Licenses and apps), or remove the guest from the flow's owners and run-only users.
#   references: []
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.guest.unlicensed_flow_user

import data.shareguard.lib

_role("runOnly") := "run-only"

_role(role) := "owner" if role != "runOnly"

# {flowId, role} for each flow the user owns or runs, directly or through a group.
_roles_of(user_id) := {{"flowId": entry.flowId, "role": _role(entry.role)} | some entry in lib.flow_roles_of_user(user_id)}

_flow_guests contains user_id if {
	some user_id, user in lib.users_in_scope
	lib.is_guest(user)
	lib.enabled(user)
	count(_roles_of(user_id)) > 0
}

_licences_known(user) if is_array(user.licenses)

_capable(user, capable) if {
	some sku in user.licenses
	upper(sku) in capable
}

_flows_of(user_id) := {text |
	roles := _roles_of(user_id)
	some flow_id in {entry.flowId | some entry in roles}
	names := {entry.role | some entry in roles; entry.flowId == flow_id}
	text := concat("", ["\"", lib.text(lib.flows[flow_id].displayName), "\" (", concat(", ", sort(names)), ")"])
}

_held(user) := "none" if count(user.licenses) == 0

_held(user) := concat(", ", sort(user.licenses)) if count(user.licenses) > 0

# METADATA
# title: Guest flow user without a capable licence
findings contains lib.finding(chain, {
	"resource": lib.resource("user", user),
	"message": concat("", [
		"Guest ", lib.label(user_id), " owns or runs ", concat(", ", sort(_flows_of(user_id))),
		" but holds no Power Automate-capable licence in this tenant (licences: ", _held(user),
		"), which is fine only if its home tenant licenses it.",
	]),
}) if {
	chain := rego.metadata.chain()
	capable := {upper(sku) | some sku in lib.param(chain, "flowLicenses")}
	some user_id in _flow_guests
	user := lib.users[user_id]
	_licences_known(user)
	not _capable(user, capable)
}

# METADATA
# title: Sections, groups or licences missing
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"users[].licenses",
	sprintf("%d guest(s) who own or run flows carry no licenses field: their licence is not known", [n]),
) if {
	unknown := {user_id |
		some user_id in _flow_guests
		not _licences_known(lib.users[user_id])
	}
	n := count(unknown)
	n > 0
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"groups",
	"section absent from the export: guests owning or running flows through groups not checked",
) if {
	not lib.has_section("groups")
	some flow in lib.flows
	some entry in array.concat(object.get(flow, "owners", []), object.get(flow, "runOnlyUsers", []))
	entry.principalType == "Group"
}
