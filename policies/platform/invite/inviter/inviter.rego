# METADATA
# title: The inviter may not send B2B invitations
# description: |
#   Entra ID's guest invite setting (allowInvitesFrom) decides who may invite: nobody (none), only
#   Global Administrators, User Administrators and Guest Inviters (adminsAndGuestInviters), those plus
#   every member user (adminsGuestInvitersAndAllMembers), or anyone including guests (everyone). An
#   invitation from anyone else is rejected by Entra. An absent setting is taken as Entra's default,
#   everyone; an inviter who is not a user of the tenant cannot invite at all.
# related_resources:
#   - ref: https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure
#     description: Configure external collaboration settings (guest invite settings)
#   - ref: https://learn.microsoft.com/entra/external-id/add-users-administrator
#     description: Add B2B collaboration users in the Microsoft Entra admin center
# custom:
#   id: PLT-INVITE-01
#   effect: refuse
#   area: invite
#   params:
#     inviterRoles: [Global Administrator, User Administrator, Guest Inviter]
package shareguard.platform.invite.inviter

import data.shareguard.lib
import data.shareguard.platform.helpers as plt

_setting := object.get(lib.collab, "allowInvitesFrom", null)

_effective := _setting if is_string(_setting)

_effective := "everyone" if not is_string(_setting)

_role_holder(user) if {
	roles := {lower(role) | some role in lib.param(rego.metadata.chain(), "inviterRoles")}
	some role in object.get(user, "directoryRoles", [])
	lower(role) in roles
}

_may_invite("everyone", _)

_may_invite("adminsGuestInvitersAndAllMembers", user) if _role_holder(user)

_may_invite("adminsGuestInvitersAndAllMembers", user) if user.userType == "Member"

_may_invite("adminsAndGuestInviters", user) if _role_holder(user)

_who := {
	"adminsAndGuestInviters": "only Global Administrators, User Administrators and Guest Inviters",
	"adminsGuestInvitersAndAllMembers": "only admins, Guest Inviters and member users",
	"none": "nobody",
}

# METADATA
# title: Inviter not allowed by allowInvitesFrom
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s may not invite %s: allowInvitesFrom is \"%s\", so %s can invite guests.",
	[lib.label(actor), plt.change.email, _effective, object.get(_who, _effective, _effective)],
)) if {
	plt.action == "invite"
	actor := plt.change.actor
	user := lib.users[actor]
	not _may_invite(_effective, user)
}

# METADATA
# title: Inviter unknown
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"%s may not invite %s: the inviter is not a user of this tenant.",
	[plt.label(actor), plt.change.email],
)) if {
	plt.action == "invite"
	actor := object.get(plt.change, "actor", null)
	not lib.users[actor]
}
