#!/usr/bin/env bash
# Re-fetches the console's vendored chart library (uPlot, MIT) at its pinned version and checks each file's
# sha256, so the copy in src/AccountingIntegration/Features/OperatorConsole/Assets is reproducible.
#   scripts/vendor-console-assets.sh          fetch, verify, and write the files
#   scripts/vendor-console-assets.sh --check  verify the committed files only (no network)
set -euo pipefail

VERSION=1.6.32
TARBALL_SHA256=4b8a8191e425658e3ea8c8c1314b0fc679c861ee3a1af2b20c7b16ba50b5133d
declare -A FILES=(
  [dist/uPlot.iife.min.js]="uPlot.iife.min.js 19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f"
  [dist/uPlot.min.css]="uPlot.min.css df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04"
  [LICENSE]="uPlot.LICENSE.txt 8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd"
)

root="$(cd "$(dirname "$0")/.." && pwd)"
assets="$root/src/AccountingIntegration/Features/OperatorConsole/Assets"

check() { # file expected-sha256
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$actual" != "$2" ]]; then
    echo "sha256 mismatch for $1: expected $2, got $actual" >&2
    exit 1
  fi
}

if [[ "${1:-}" == "--check" ]]; then
  for source in "${!FILES[@]}"; do
    read -r target sum <<<"${FILES[$source]}"
    check "$assets/$target" "$sum"
  done
  echo "uPlot $VERSION: vendored files match their pinned sha256"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$VERSION" >/dev/null)
check "$work/uplot-$VERSION.tgz" "$TARBALL_SHA256"
tar -xzf "$work/uplot-$VERSION.tgz" -C "$work"
for source in "${!FILES[@]}"; do
  read -r target sum <<<"${FILES[$source]}"
  check "$work/package/$source" "$sum"
  cp "$work/package/$source" "$assets/$target"
done
echo "uPlot $VERSION vendored into $assets"
