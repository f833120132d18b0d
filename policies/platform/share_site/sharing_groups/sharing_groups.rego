# METADATA
# title: The person sharing is not in a group allowed to share outside the organisation
# description: |
#   SharePoint can let only the members of chosen security groups share with people outside the
#   organisation (externalSharingGroups: "Allow only users in specific security groups to share
#   externally"). Anyone else sharing with a guest, or creating an "Anyone" link, is refused. An empty
#   list means no such limit; a list not exported (Graph does not give it) is not known, and the rule warns.
# related_resources:
#   - ref: https://learn.microsoft.com/sharepoint/manage-security-groups
#     description: Manage security groups that may share externally
# custom:
#   id: PLT-SITE-05
#   effect: refuse
#   area: share-site
package shareguard.platform.share_site.sharing_groups

import data.shareguard.lib
import data.shareguard.platform.helpers as plt
import data.shareguard.platform.share_site.common

_groups := [g | some g in object.get(common.settings, "externalSharingGroups", []); is_string(g)]

_in_group if {
	some g in _groups
	plt.change.actor in object.get(lib.groups, [g, "transitiveMembers"], [])
}

_group_names := sort({object.get(lib.groups, [g, "displayName"], g) | some g in _groups})

# METADATA
# title: Sharer outside the groups allowed to share externally
verdicts contains plt.verdict(rego.metadata.chain(), sprintf(
	"SharePoint would refuse %s to %s by %s: only members of %s may share outside the organisation.",
	[common.how, common.item_label, lib.label(plt.change.actor), concat(", ", _group_names)],
)) if {
	common.active
	common.needed > 0
	count(_groups) > 0
	not _in_group
}

# METADATA
# title: Groups allowed to share externally not exported
verdicts contains {
	"id": "PLT-SITE-05",
	"effect": "warn",
	"message": sprintf(
		"Whether %s may share outside the organisation is not known: the export does not say which security groups may (an empty list would mean everyone).",
		[lib.label(plt.change.actor)],
	),
} if {
	common.active
	common.needed > 0
	lib.has_section("sharePoint")
	not is_array(object.get(common.settings, "externalSharingGroups", null))
}
