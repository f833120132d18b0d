#!/usr/bin/env bash
# Installs the pinned OPA CLI into .tools/bin with `go install` when it is missing or another version.
# Prints the path of the opa binary on stdout. Needs Go (1.22+) and the Go module proxy; downloads nothing else.
set -euo pipefail
OPA_VERSION="${OPA_VERSION:-1.22.3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
opa="$bin/opa"
# Read the whole version text before matching: `opa version | grep -q` can end opa with SIGPIPE (exit 141).
version_of() { "$1" version 2>/dev/null | sed -n 's/^Version: //p'; }
if [ -x "$opa" ] && [ "$(version_of "$opa")" = "$OPA_VERSION" ]; then
  echo "$opa"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "ensure-opa: opa $OPA_VERSION is not in $bin and Go is not installed; install Go, or put opa $OPA_VERSION at $opa" >&2
  exit 2
fi
mkdir -p "$bin"
echo "ensure-opa: installing opa v$OPA_VERSION into $bin with go install (a minute or two the first time)" >&2
GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "github.com/open-policy-agent/opa@v$OPA_VERSION" >&2
if [ "$(version_of "$opa")" != "$OPA_VERSION" ]; then
  echo "ensure-opa: $opa does not report version $OPA_VERSION after go install" >&2
  exit 2
fi
echo "$opa"
