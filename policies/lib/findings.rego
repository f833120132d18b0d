# METADATA
# title: shareguard helper library
# description: |
#   Helpers every control uses: the one finding constructor, control parameters with their
#   defaults, "not evaluated" reports, and lookups over the normalised tenant in data.tenant.
#   Controls and platform rules never read data.tenant directly: they go through this package
#   (scripts/rego-lint.mjs fails on a data.tenant outside policies/lib), so that a later change in
#   where objects come from touches one place.
package shareguard.lib

# METADATA
# title: Control annotations
# description: The annotations of the control (the entry in a metadata chain carrying custom.id).
control(chain) := ann if {
	some entry in chain
	ann := entry.annotations
	ann.custom.id
}

# METADATA
# title: Control parameter
# description: A control parameter from input.params.<control id>, else the default in the control's METADATA.
param(chain, name) := input.params[control(chain).custom.id][name]

param(chain, name) := control(chain).custom.params[name] if not _param_given(control(chain).custom.id, name)

_param_given(id, name) if {
	_ := input.params[id][name]
}

# METADATA
# title: Finding constructor
# description: |
#   Builds a finding from the control's METADATA and props: resource (required), message (required),
#   principal, severity (overrides the default), path (a dotted setting path used to locate it).
finding(chain, props) := object.union(
	{
		"controlId": ann.custom.id,
		"severity": ann.custom.severity,
		"title": ann.title,
		"remediation": ann.custom.remediation,
		"references": object.get(ann.custom, "references", []),
	},
	props,
) if {
	ann := control(chain)
}

# METADATA
# title: Not evaluated
# description: A report that a control could not look at part of the export, and why.
not_evaluated(chain, section, reason) := {
	"controlId": control(chain).custom.id,
	"section": section,
	"reason": reason,
}

# METADATA
# title: Missing sections
# description: The sections a control needs (custom.sections in its METADATA) that the export lacks.
missing_sections(chain) := {section |
	some section in control(chain).custom.sections
	not data.tenant.sections[section]
}

# METADATA
# title: Section-missing reports
# description: One not-evaluated report per section the control needs and the export lacks.
sections_not_evaluated(chain) := {not_evaluated(chain, section, "section absent from the export") |
	some section in missing_sections(chain)
}

# METADATA
# title: Days since
# description: Whole days between an epoch-seconds instant and the scan's as-of instant (input.asOf).
days_since(epoch) := floor((input.asOf - epoch) / 86400)
