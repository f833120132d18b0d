package shareguard.platform.share_site.anyone_permission_test

import data.shareguard.platform.share_site.anyone_permission
import data.shareguard.platform.share_site.testing as sx

_verdicts(change) := v if {
	v := anyone_permission.verdicts with data.tenant as sx.tenant with input.change as change
}

test_fail_edit_link_to_folder_where_view_only if {
	change := object.union(sx.anyone_link, {"item": "folder", "path": "/Shared Documents/Plans", "permission": "edit"})
	_verdicts(change) == {{
		"id": "PLT-SITE-03", "effect": "refuse",
		"message": "SharePoint would refuse an \"Anyone\" link with edit rights to folder /Shared Documents/Plans on \"Projects\" (https://contoso.sharepoint.com/sites/Projects): \"Anyone\" links to a folder may only grant view.",
	}}
}

test_success_view_link_to_folder if {
	count(_verdicts(object.union(sx.anyone_link, {"item": "folder"}))) == 0
}

test_success_edit_link_to_file_where_edit_allowed if {
	count(_verdicts(object.union(sx.anyone_link, {"permission": "edit"}))) == 0
}

test_success_edit_invitation_not_a_link if {
	count(_verdicts(sx.share_with({"item": "folder", "permission": "edit"}))) == 0
}
