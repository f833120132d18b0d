# METADATA
# title: shareguard entrypoint
# description: |
#   Gathers every control's findings and not-evaluated reports into one result, applying the
#   configuration passed in input.controls: a control with enabled false is left out, and a
#   severity given there replaces the control's own.
package shareguard.main

# METADATA
# title: Scan result
# description: The one document a scan asks for; TypeScript turns it into findings and a summary.
# entrypoint: true
result := {
	"findings": [_configured(f) |
		some area, control
		some f in data.shareguard.controls[area][control].findings
		not _disabled(f.controlId)
	],
	"notEvaluated": [n |
		some area, control
		some n in data.shareguard.controls[area][control].not_evaluated
		not _disabled(n.controlId)
	],
}

_disabled(id) if input.controls[id].enabled == false

_configured(f) := object.union(f, {"severity": input.controls[f.controlId].severity}) if {
	input.controls[f.controlId].severity
}

_configured(f) := f if not input.controls[f.controlId].severity
