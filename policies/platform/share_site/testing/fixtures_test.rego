# METADATA
# title: share-site test fixtures
# description: |
#   The platform-rule base tenant (policies/platform/testing) with SharePoint settings and sites: the
#   tenant shares with new and existing guests, OneDrive with existing guests only; site finance
#   (own setting existingGuests), site projects (anyone), alice's OneDrive (anyone, capped).
package shareguard.platform.share_site.testing

import data.shareguard.platform.testing as fx

# METADATA
# title: Base tenant with SharePoint
tenant := fx.tenant_with({
	"sections": {"sharePoint": true, "sites": true},
	"sharePoint": {
		"sharingCapability": "newAndExistingGuests",
		"oneDriveSharingCapability": "existingGuests",
		"sharingDomainRestrictionMode": "none",
		"anyoneLinkFilePermission": "edit",
		"anyoneLinkFolderPermission": "view",
		"externalSharingGroups": [],
	},
	"sites": {
		"finance": {
			"id": "finance", "url": "https://contoso.sharepoint.com/sites/Finance", "title": "Finance",
			"template": "GROUP#0", "sharingCapability": "existingGuests",
		},
		"projects": {
			"id": "projects", "url": "https://contoso.sharepoint.com/sites/Projects", "title": "Projects",
			"template": "SITEPAGEPUBLISHING#0", "sharingCapability": "anyone",
		},
		"od-alice": {
			"id": "od-alice", "url": "https://contoso-my.sharepoint.com/personal/alice_contoso_com",
			"title": "alice", "template": "SPSPERS#10", "isOneDrive": true, "sharingCapability": "anyone",
		},
	},
})

# METADATA
# title: Base tenant amended
tenant_with(patch) := object.union(tenant, patch)

# METADATA
# title: A share of site projects by ian (Guest Inviter) with a new address at fabrikam.com
share := {
	"action": "share-site", "actor": "ian", "site": "projects", "item": "site", "scope": "specific-people",
	"permission": "view", "recipient": null, "recipientEmail": "bob@fabrikam.com", "inviteeId": "sim-invite-0",
}

# METADATA
# title: The share amended
share_with(patch) := object.union(share, patch)

# METADATA
# title: An "Anyone" link to a file on site projects
anyone_link := object.union(
	object.remove(share, ["recipientEmail", "inviteeId"]),
	{"scope": "anyone", "item": "file", "path": "/Shared Documents/plan.xlsx"},
)

# METADATA
# title: A share of site projects by ian with an existing user (a guest or a member)
share_to(user_id) := object.union(object.remove(share, ["recipientEmail", "inviteeId"]), {"recipient": user_id})
