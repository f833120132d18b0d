# METADATA
# title: The share is more open than the tenant's SharePoint or OneDrive sharing allows
# description: |
#   SharePoint's tenant-wide external sharing (SharingCapability) is the ceiling for every site; for a
#   OneDrive the ceiling is OneDrive's own setting, which itself can be no more open than SharePoint's.
#   An "Anyone" link needs anyone; sharing with an address that has no account needs
#   newAndExistingGuests; with a guest already in the directory, existingGuests. SharePoint does not
#   offer a share above the ceiling. When the ceiling was not exported, the rule cannot tell and warns.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Manage sharing settings for SharePoint and OneDrive
# custom:
#   id: PLT-SITE-01
#   effect: refuse
#   area: share-site
package shareguard.platform.share_site.tenant_capability

import data.shareguard.platform.helpers as plt
import data.shareguard.platform.share_site.common

_sharepoint := common.rank(common.settings.sharingCapability)

_onedrive_own := common.rank(common.settings.oneDriveSharingCapability)

# The ceiling and how to name it. OneDrive is capped by SharePoint whichever is lower.
_ceiling := [_sharepoint, sprintf("SharePoint's tenant sharing is %s", [common.name(_sharepoint)])] if not common.onedrive

_ceiling := [min({_sharepoint, _onedrive_own}), _onedrive_why] if common.onedrive

# OneDrive's own setting unknown: SharePoint's still bounds it, enough to refuse what SharePoint's refuses.
_ceiling := [_sharepoint, sprintf("SharePoint's tenant sharing is %s, and OneDrive can be no more open", [common.name(_sharepoint)])] if {
	common.onedrive
	not _onedrive_own
	common.needed > _sharepoint
}

_onedrive_why := sprintf("OneDrive sharing is %s", [common.name(_onedrive_own)]) if _onedrive_own <= _sharepoint

_onedrive_why := sprintf(
	"OneDrive sharing is %s, but OneDrive can be no more open than SharePoint, which is %s",
	[common.name(_onedrive_own), common.name(_sharepoint)],
) if _onedrive_own > _sharepoint

# METADATA
# title: Above the tenant's ceiling
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint would refuse %s to %s: %s, and this share needs %s.",
	[common.how, common.item_label, _ceiling[1], common.name(common.needed)],
)) if {
	common.active
	common.needed > _ceiling[0]
}

# METADATA
# title: Ceiling not exported
verdicts contains {
	"id": "PLT-SITE-01",
	"effect": "warn",
	"message": sprintf(
		"Whether SharePoint allows %s to %s is not known: the export does not say how far the tenant's %s sharing goes.",
		[common.how, common.item_label, _product],
	),
} if {
	common.active
	common.needed > 0
	not _ceiling
}

_product := "OneDrive" if common.onedrive

_product := "SharePoint" if not common.onedrive
