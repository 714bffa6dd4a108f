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
projects="AccountingIntegration AccountingIntegration.Mapping AccountingIntegration.Books"
# As the image's cached layer does: restore from the project files alone, then publish without restoring.
for project in $projects; do
  mkdir -p "$work/source/src/$project"
  cp "src/$project/$project.csproj" "$work/source/src/$project/"
done
if ! dotnet restore "$work/source/src/AccountingIntegration/AccountingIntegration.csproj" -p:IncludeLocalSandbox=false \
    -nologo -v quiet > "$work/restore.log" 2>&1; then
  echo "production build: restoring from the project files alone failed:" >&2
  grep -E "error" "$work/restore.log" | sort -u | head -n 20 >&2
  exit 1
fi
for project in $projects; do
  # Sources only: the work tree's bin/ and obj/ (a restore with the sandbox) must not replace the one just made.
  tar -C "src/$project" --exclude=./bin --exclude=./obj -cf - . | tar -C "$work/source/src/$project" -xf -
done
if ! dotnet publish "$work/source/src/AccountingIntegration/AccountingIntegration.csproj" -c Release -o "$work/app" \
    --no-restore --no-self-contained -p:IncludeLocalSandbox=false -nologo -v quiet > "$work/publish.log" 2>&1; then
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
