#!/usr/bin/env bash
# The scan step of the GitHub Action (action.yml). Runs shareguard once:
#   shareguard scan PATHS...            or, when SG_BASELINE_PATHS is set,
#   shareguard diff BASELINE PATH       (the export at the base of the pull request, then at its head)
# writing SARIF (SG_SARIF), JSON and Markdown (under RUNNER_TEMP); appends the Markdown to the job summary;
# sets the step outputs exit-code, sarif-file and json-file. Exits 0 when shareguard ran, findings or not (the
# action's last step fails the job on findings, after the comment), and non-zero when shareguard could not run.
#
# Inputs come from the environment (never spliced into the script): SG_PATHS, SG_BASELINE_PATHS, SG_FAIL_ON,
# SG_SARIF, SG_AS_OF, SG_CONFIG, SG_WAIVERS, SG_POLICIES, SG_BUNDLE, SG_TRUSTED_REF; GitHub sets GITHUB_ACTION_PATH,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_EVENT_NAME.
#
# What decides the verdict comes from a trusted commit (docs/security-github.md). On a pull request the
# workspace holds the change under review: were shareguard.yaml, the waivers, your own policies or the bundle
# read from there, the pull request could switch a control off, or waive the very findings it introduces,
# and pass its own review. So when SG_TRUSTED_REF is set (action.yml sets it to the pull request's base
# commit), they are read from that commit with git (`git show REF:PATH`, `git archive REF PATH`) into
# RUNNER_TEMP, and always passed explicitly, so the workspace's copies are never picked up by default. A
# pull request that changes them is named in an annotation, in the job summary and in the not-applied output
# (the comment step puts it atop the comment). Outside pull requests SG_TRUSTED_REF is empty: the branch's
# own files are the reviewed, merged ones.
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

not_applied=()
ref="${SG_TRUSTED_REF:-}"
if [ -z "$ref" ]; then
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target)
      echo "::warning title=shareguard::trusted-config-ref is empty on a pull request: the pull request's own configuration, waivers and policies apply, so it can waive what it introduces" ;;
  esac
  if [ -n "${SG_CONFIG:-}" ]; then args+=(--config "$SG_CONFIG"); fi
  if [ -n "${SG_WAIVERS:-}" ]; then args+=(--waivers "$SG_WAIVERS"); fi
  for dir in ${policies[@]+"${policies[@]}"}; do args+=(--policy "$dir"); done
  if [ -n "${SG_BUNDLE:-}" ]; then args+=(--bundle "$SG_BUNDLE"); fi
else
  fail() {
    echo "::error::shareguard: $1"
    exit 2
  }
  # A commit id, branch or tag; never an option to git.
  if ! [[ "$ref" =~ ^[A-Za-z0-9][A-Za-z0-9._/-]*$ ]]; then fail "trusted-config-ref '$ref' is not a commit, branch or tag name"; fi
  if ! git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    fail "trusted-config-ref is set ($ref) but the workspace is not a git checkout: check the repository out with actions/checkout first"
  fi
  if ! git cat-file -e "$ref^{commit}" 2> /dev/null; then
    # actions/checkout fetches the pull request's merge commit alone (fetch-depth 1): fetch the base commit too.
    if ! git fetch --no-tags --quiet --depth=1 origin "$ref" 2>&1 || ! git cat-file -e "$ref^{commit}" 2> /dev/null; then
      fail "cannot read the trusted configuration: commit $ref is not in the checkout and could not be fetched from origin (keep actions/checkout's persist-credentials, or use fetch-depth: 0)"
    fi
  fi
  trusted="$out_dir/base-${ref:0:12}"
  rm -rf "$trusted"
  mkdir -p "$trusted"

  # A path the action reads from REF: relative to the workspace (the repository root), without "..".
  check_path() {
    case "/$1/" in
      *"/../"* | //*) fail "$2 '$1' must be a path inside the repository, relative to it (it is read from $ref)" ;;
    esac
  }
  in_ref() { git cat-file -e "$ref:./${1#./}" 2> /dev/null; }
  # True when the workspace's copy of file $1 differs from REF's: added, removed or edited by the pull request.
  file_changed() {
    if in_ref "$1"; then
      [ -f "$1" ] || return 0
      ! git show "$ref:./${1#./}" | cmp -s - "$1"
    else
      [ -e "$1" ]
    fi
  }
  # Copies file $1 from REF to the same relative path under $trusted, which is where it is read from.
  trusted_copy() { printf '%s' "$trusted/${1#./}"; }
  from_ref() {
    mkdir -p "$(dirname "$(trusted_copy "$1")")"
    git show "$ref:./${1#./}" > "$(trusted_copy "$1")" || fail "cannot read $1 from $ref"
  }

  # The configuration: the one named, else the first of shareguard.yaml, .yml, .json that REF has.
  if [ -n "${SG_CONFIG:-}" ]; then config_names=("$SG_CONFIG"); else config_names=(shareguard.yaml shareguard.yml shareguard.json); fi
  config_file=""
  workspace_has_config=""
  for name in "${config_names[@]}"; do
    check_path "$name" config
    if file_changed "$name"; then not_applied+=("$name"); fi
    if [ -e "$name" ]; then workspace_has_config=1; fi
    if [ -z "$config_file" ] && in_ref "$name"; then
      from_ref "$name"
      config_file="$(trusted_copy "$name")"
    fi
  done
  if [ -z "$config_file" ] && [ -n "$workspace_has_config" ]; then
    # REF has none but the pull request adds one: the built-in defaults apply, as they do on REF.
    config_file="$trusted/base-has-no-config.yaml"
    printf 'schemaVersion: 1\n' > "$config_file"
  fi
  if [ -n "$config_file" ]; then args+=(--config "$config_file"); fi

  waivers_name="${SG_WAIVERS:-.shareguard/waivers.yaml}"
  check_path "$waivers_name" waivers
  if file_changed "$waivers_name"; then not_applied+=("$waivers_name"); fi
  if in_ref "$waivers_name"; then
    from_ref "$waivers_name"
    args+=(--waivers "$(trusted_copy "$waivers_name")")
  elif [ -e "$waivers_name" ]; then
    # REF has no waivers but the pull request adds some: none apply.
    printf 'schemaVersion: 1\nwaivers: []\n' > "$trusted/base-has-no-waivers.yaml"
    args+=(--waivers "$trusted/base-has-no-waivers.yaml")
  fi

  # Your own policies: each directory as REF has it (a directory REF lacks is added by the pull request: skipped).
  for dir in ${policies[@]+"${policies[@]}"}; do
    check_path "$dir" policies
    dir="${dir#./}"
    dir="${dir%/}"
    if ! git diff --quiet "$ref" -- "$dir" 2> /dev/null || [ -n "$(git ls-files --others --exclude-standard -- "$dir")" ]; then not_applied+=("$dir"); fi
    if git cat-file -e "$ref:./$dir" 2> /dev/null; then
      git archive "$ref" -- "$dir" | tar -x -C "$trusted" || fail "cannot read $dir from $ref"
      args+=(--policy "$trusted/$dir")
    fi
  done
  if [ -n "${SG_BUNDLE:-}" ]; then
    check_path "$SG_BUNDLE" bundle
    if file_changed "$SG_BUNDLE"; then not_applied+=("$SG_BUNDLE"); fi
    if in_ref "$SG_BUNDLE"; then
      from_ref "$SG_BUNDLE"
      args+=(--bundle "$(trusted_copy "$SG_BUNDLE")")
    else
      fail "bundle '$SG_BUNDLE' is not in $ref, where the action reads it from on a pull request: merge it first"
    fi
  fi
fi

notice=""
if [ "${#not_applied[@]}" -gt 0 ]; then
  list="${not_applied[*]}"
  notice="This pull request changes ${list// /, }: NOT applied; the scan used the versions in the base commit ($ref). They take effect once reviewed and merged."
  echo "::warning title=shareguard::$notice"
fi

echo "shareguard ${args[*]}"
node "$GITHUB_ACTION_PATH/dist/cli/main.js" "${args[@]}"
code=$?

echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; fi
if [ -f "$json" ]; then echo "json-file=$json" >> "$GITHUB_OUTPUT"; fi
not_applied_list=""
if [ "${#not_applied[@]}" -gt 0 ]; then not_applied_list="${not_applied[*]}"; fi
echo "not-applied=$not_applied_list" >> "$GITHUB_OUTPUT"
if [ -n "$notice" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '> [!WARNING]\n> %s\n\n' "$notice" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -f "$markdown" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$markdown" >> "$GITHUB_STEP_SUMMARY"; fi

if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  echo "::error::shareguard could not complete (exit code $code); see the messages above"
  exit "$code"
fi
exit 0
