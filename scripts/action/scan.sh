#!/usr/bin/env bash
# The scan step of the GitHub Action (action.yml). Runs shareguard once:
#   shareguard scan PATHS...            or, when SG_BASELINE_PATHS is set,
#   shareguard diff BASELINE PATH       (the export at the base of the pull request, then at its head)
# writing SARIF (SG_SARIF), JSON and Markdown (under RUNNER_TEMP); appends the Markdown to the job summary;
# sets the step outputs exit-code, sarif-file and json-file. Exits 0 when shareguard ran, findings or not (the
# action's last step fails the job on findings, after the comment), and non-zero when shareguard could not run.
#
# Inputs come from the environment (never spliced into the script): SG_PATHS, SG_BASELINE_PATHS, SG_FAIL_ON,
# SG_SARIF, SG_AS_OF, SG_CONFIG, SG_POLICIES, SG_BUNDLE; GitHub sets GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
set -uo pipefail

# Paths are separated by spaces or new lines (a path cannot contain either).
read -r -a paths <<< "$(printf '%s' "${SG_PATHS:-}" | tr '\n' ' ')"
read -r -a baseline <<< "$(printf '%s' "${SG_BASELINE_PATHS:-}" | tr '\n' ' ')"
read -r -a policies <<< "$(printf '%s' "${SG_POLICIES:-}" | tr '\n' ' ')"
if [ "${#paths[@]}" -eq 0 ]; then
  echo "::error::shareguard: the input 'paths' names no export file or directory"
  exit 2
fi

out_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/shareguard"
mkdir -p "$out_dir"
json="$out_dir/results.json"
markdown="$out_dir/report.md"
sarif="${SG_SARIF:-shareguard.sarif}"
rm -f "$json" "$markdown"
mkdir -p "$(dirname "$sarif")"

if [ "${#baseline[@]}" -gt 0 ]; then
  if [ "${#baseline[@]}" -ne 1 ] || [ "${#paths[@]}" -ne 1 ]; then
    echo "::error::shareguard: with 'baseline-paths', give one export (a file or a directory) in 'paths' and one in 'baseline-paths'"
    exit 2
  fi
  args=(diff "${baseline[0]}" "${paths[0]}")
else
  args=(scan "${paths[@]}")
fi
args+=(--fail-on "${SG_FAIL_ON:-low}" --output sarif --out "$sarif" --output json --out "$json" --output markdown --out "$markdown")
if [ -n "${SG_AS_OF:-}" ]; then args+=(--as-of "$SG_AS_OF"); fi
if [ -n "${SG_CONFIG:-}" ]; then args+=(--config "$SG_CONFIG"); fi
for dir in ${policies[@]+"${policies[@]}"}; do args+=(--policy "$dir"); done
if [ -n "${SG_BUNDLE:-}" ]; then args+=(--bundle "$SG_BUNDLE"); fi

echo "shareguard ${args[*]}"
node "$GITHUB_ACTION_PATH/dist/cli/main.js" "${args[@]}"
code=$?

echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; fi
if [ -f "$json" ]; then echo "json-file=$json" >> "$GITHUB_OUTPUT"; fi
if [ -f "$markdown" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$markdown" >> "$GITHUB_STEP_SUMMARY"; fi

if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  echo "::error::shareguard could not complete (exit code $code); see the messages above"
  exit "$code"
fi
exit 0
