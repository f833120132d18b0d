# METADATA
# title: shareguard entrypoint
# description: |
#   Gathers every control's findings and not-evaluated reports into one result: the query to give
#   `opa eval` (data.shareguard.main.result). shareguard itself evaluates each control through its own
#   generated entrypoint, one at a time, and applies the configuration (enabled, severity) to the results.
package shareguard.main

# METADATA
# title: Scan result
# description: Every control's findings and not-evaluated reports.
# entrypoint: true
result := {
	"findings": [f | some area, control; some f in data.shareguard.controls[area][control].findings],
	"notEvaluated": [n | some area, control; some n in data.shareguard.controls[area][control].not_evaluated],
}
