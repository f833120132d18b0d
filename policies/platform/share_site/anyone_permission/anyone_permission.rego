# METADATA
# title: An "Anyone" link may not grant edit rights on this kind of item
# description: |
#   The tenant sets the most an "Anyone" link may grant, separately for files (FileAnonymousLinkType) and
#   folders (FolderAnonymousLinkType): view only, or view and edit. An "Anyone" link asking for edit
#   where the tenant allows view only is not created with edit rights.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off
#     description: Advanced settings for "Anyone" links
# custom:
#   id: PLT-SITE-03
#   effect: refuse
#   area: share-site
package shareguard.platform.share_site.anyone_permission

import data.shareguard.platform.helpers as plt
import data.shareguard.platform.share_site.common

_setting := {"file": "anyoneLinkFilePermission", "folder": "anyoneLinkFolderPermission"}

# METADATA
# title: Edit rights above the tenant's "Anyone" link permission
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint would refuse an \"Anyone\" link with edit rights to %s: \"Anyone\" links to a %s may only grant view.",
	[common.item_label, plt.change.item],
)) if {
	common.active
	plt.change.scope == "anyone"
	plt.change.permission == "edit"
	common.settings[_setting[plt.change.item]] == "view"
}
