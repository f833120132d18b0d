# METADATA
# title: Platform-rule test fixtures
# description: A small normalised tenant (Contoso) the platform-rule tests start from and amend.
package shareguard.platform.testing

_member(id, roles) := {
	"id": id, "userPrincipalName": sprintf("%s@contoso.com", [id]), "displayName": id,
	"upnDomain": "contoso.com", "mailDomain": "contoso.com", "userType": "Member",
	"directoryRoles": roles, "licenses": ["ENTERPRISEPACK"],
}

_guest(id, licenses) := {
	"id": id, "userPrincipalName": sprintf("%s_fabrikam.com#EXT#@contoso.onmicrosoft.com", [id]),
	"displayName": id, "upnDomain": "contoso.onmicrosoft.com", "mailDomain": "fabrikam.com",
	"userType": "Guest", "licenses": licenses,
	"identities": [{"signInType": "federated", "issuer": "ExternalAzureAD"}],
}

# METADATA
# title: Base tenant
# description: |
#   Users alice (member, no role), adele (Global Administrator), ian (Guest Inviter), carol (member),
#   gina (unlicensed guest), gus (licensed guest); groups; flows f1 (instant, co-owned by group
#   flow-owners = carol, carol's embedded connection) and f2 (scheduled); environment e1.
tenant := {
	"sections": {
		"tenant": true, "externalCollaboration": true, "powerPlatform": true, "users": true,
		"groups": true, "environments": true, "flows": true,
	},
	"tenant": {
		"id": "t-contoso", "displayName": "Contoso", "initialDomain": "contoso.onmicrosoft.com",
		"cloud": "Commercial",
	},
	"domains": {"contoso.com": true, "contoso.onmicrosoft.com": true},
	"externalCollaboration": {
		"allowInvitesFrom": "adminsAndGuestInviters",
		"invitationDomains": {"mode": "blockList", "domains": ["gmail.com", "rival.com"]},
		"crossTenantAccess": {
			"default": {"b2bCollaborationInbound": "allowed", "b2bCollaborationOutbound": "allowed"},
			"partners": [
				{"tenantId": "t-northwind", "domains": ["northwind.com"], "b2bCollaborationInbound": "blocked"},
				{"tenantId": "t-fabrikam", "domains": ["fabrikam.com"]},
			],
		},
		"m365Groups": {"allowToAddGuests": true, "allowGuestsToAccessGroups": true},
	},
	"powerPlatform": {"tenantSettings": {"enableGuestsToMake": false}},
	"users": {
		"alice": _member("alice", []),
		"adele": _member("adele", ["Global Administrator"]),
		"ian": _member("ian", ["Guest Inviter"]),
		"carol": _member("carol", []),
		"gina": _guest("gina", []),
		"gus": _guest("gus", ["FLOW_PER_USER"]),
	},
	"groups": {
		"team": {"id": "team", "displayName": "Project Team", "groupTypes": ["Unified"], "transitiveMembers": ["alice"]},
		"finance": {
			"id": "finance", "displayName": "Finance Team", "groupTypes": ["Unified"],
			"allowToAddGuests": false, "transitiveMembers": ["alice"],
		},
		"sec": {"id": "sec", "displayName": "Badge Readers", "groupTypes": [], "transitiveMembers": []},
		"flow-owners": {"id": "flow-owners", "displayName": "Flow Owners", "groupTypes": [], "transitiveMembers": ["carol"]},
		"partners": {"id": "partners", "displayName": "Partners", "groupTypes": [], "transitiveMembers": ["gina", "gus", "alice"]},
	},
	"environments": {"e1": {"id": "e1", "displayName": "Production", "type": "Production", "roleAssignments": []}},
	"flows": {
		"f1": {
			"id": "f1", "displayName": "Expense Approval", "environmentId": "e1", "creatorId": "alice",
			"trigger": {"kind": "instant"},
			"owners": [{"principalId": "alice", "principalType": "User"}, {"principalId": "flow-owners", "principalType": "Group"}],
			"connectionReferences": [
				{"id": "c1", "connectorId": "shared_office365", "connectionOwnerId": "carol", "runtimeSource": "embedded", "used": true},
				{"id": "c2", "connectorId": "shared_sharepointonline", "connectionOwnerId": "alice", "runtimeSource": "embedded", "used": true},
			],
		},
		"f2": {
			"id": "f2", "displayName": "Nightly Export", "environmentId": "e1", "creatorId": "alice",
			"trigger": {"kind": "scheduled"},
			"owners": [{"principalId": "alice", "principalType": "User"}],
		},
	},
}

# METADATA
# title: Base tenant amended
# description: The base tenant with patch merged in by object.union (nested objects merge, other values replace).
tenant_with(patch) := object.union(tenant, patch)

# METADATA
# title: A valid invitation
invite := {
	"action": "invite", "actor": "ian", "email": "bob@fabrikam.com", "userType": "Guest", "groups": [],
}

as_of := 1795996800
