# METADATA
# title: Too many people can invite guests
# description: |
#   allowInvitesFrom decides who may send B2B invitations. "everyone" lets guests invite more guests, so
#   one outsider can bring in others with no employee involved; "adminsGuestInvitersAndAllMembers" lets
#   any employee add outsiders without review. Invitations should come from admins and Guest Inviters.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure
#     description: Configure external collaboration settings
# custom:
#   id: SG-COLLAB-02
#   severity: high
#   area: collab
#   sections: [externalCollaboration]
#   shards: [tenant]
#   params:
#     allowedValues: [adminsAndGuestInviters, none]
#   remediation: |
#     Under External collaboration settings > Guest invite settings, choose "Only users assigned to specific
#     admin roles can invite guest users" (adminsAndGuestInviters), and grant the Guest Inviter role to the
#     people who sponsor guests.
#   references: [CIS M365 5.1.6.3, SCuBA MS.AAD.8.2]
# schemas:
#   - data.tenant: schema["data-tenant"]
package shareguard.controls.collab.invite_permissions

import data.shareguard.lib

_who := {
	"everyone": "anyone in the directory, guests included,",
	"adminsGuestInvitersAndAllMembers": "every member user",
	"adminsAndGuestInviters": "admins and Guest Inviters",
	"none": "nobody",
}

# Guests inviting guests is the worse case; any other value outside the allowed list is medium.
_severity("everyone") := "high"

_severity(value) := "medium" if value != "everyone"

# METADATA
# title: Invitations allowed from outside the allowed values
findings contains lib.finding(chain, {
	"resource": lib.tenant_resource,
	"severity": _severity(value),
	"message": sprintf("allowInvitesFrom is \"%s\": %s can invite guests.", [value, object.get(_who, value, value)]),
	"path": "externalCollaboration.allowInvitesFrom",
}) if {
	chain := rego.metadata.chain()
	value := lib.collab.allowInvitesFrom
	is_string(value)
	not value in lib.param(chain, "allowedValues")
}

# METADATA
# title: Setting not exported
not_evaluated contains report if {
	some report in lib.sections_not_evaluated(rego.metadata.chain())
}

not_evaluated contains lib.not_evaluated(
	rego.metadata.chain(),
	"externalCollaboration.allowInvitesFrom",
	"setting absent or null in the export",
) if {
	lib.has_section("externalCollaboration")
	not lib.setting_known(["externalCollaboration", "allowInvitesFrom"])
}
