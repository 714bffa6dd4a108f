#!/usr/bin/env bash
# Builds the service the way the production image does: a copy of only what the Dockerfile copies
# (no sandbox sources), published in Release with IncludeLocalSandbox=false, then checks that the
# local QBO sandbox is nowhere in the output. Run by .ci/run; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/source/src"
cp global.json Directory.Build.props Directory.Packages.props .editorconfig "$work/source/"
for project in AccountingIntegration AccountingIntegration.Mapping AccountingIntegration.Books; do
  cp -r "src/$project" "$work/source/src/"
  rm -rf "$work/source/src/$project/bin" "$work/source/src/$project/obj"
done
if ! dotnet publish "$work/source/src/AccountingIntegration/AccountingIntegration.csproj" -c Release -o "$work/app" \
    --no-self-contained -p:IncludeLocalSandbox=false -nologo -v quiet > "$work/publish.log" 2>&1; then
  echo "production build: publishing without the sandbox failed:" >&2
  grep -E "error" "$work/publish.log" | sort -u | head -n 20 >&2
  exit 1
fi
if ls "$work/app" | grep -qi 'sandbox'; then
  echo "production build: the local QBO sandbox is in the publish output:" >&2
  ls "$work/app" | grep -i 'sandbox' >&2
  exit 1
fi
echo "production build: the service publishes without the local QBO sandbox"
