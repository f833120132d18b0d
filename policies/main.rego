# METADATA
# title: shareguard entrypoint
# description: Gathers every control's findings and not-evaluated reports into one result.
package shareguard.main

# METADATA
# title: Scan result
# description: The one document a scan asks for; TypeScript turns it into findings and a summary.
# entrypoint: true
result := {
	"findings": [f | some area, control; some f in data.shareguard.controls[area][control].findings],
	"notEvaluated": [n | some area, control; some n in data.shareguard.controls[area][control].not_evaluated],
}
