#!/usr/bin/env bash
# Lints the Dockerfile (dockerfile-utils: instructions, flags, arguments) and docker-compose.yml
# (dclint: the compose schema and its conventions) without a Docker engine, with the versions pinned
# in package-lock.json. A warning fails like an error. Run by .ci/run; exits non-zero on any problem.
set -uo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"

if ! command -v npm >/dev/null 2>&1; then
  echo "docker lint: npm (Node.js) is not on PATH" >&2
  exit 1
fi
if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  echo "docker lint: npm ci failed in scripts/lint" >&2
  exit 1
fi

dockerfile_problems() {
  # The CLI prints nothing for a clean file and exits 0 on warnings, so any output is a problem.
  local out
  out="$(node_modules/.bin/dockerfile-utils lint "$1" 2>&1)" || true
  [ -n "$out" ] && printf '%s\n' "$out"
}

compose_problems() {
  node_modules/.bin/dclint --max-warnings 0 --no-color "$1" 2>&1 || return 0
  return 1
}

failed=0
if problems="$(dockerfile_problems "$root/Dockerfile")"; then
  echo "docker lint: Dockerfile:" >&2
  printf '%s\n' "$problems" >&2
  failed=1
fi
if problems="$(compose_problems "$root/docker-compose.yml")"; then
  echo "docker lint: docker-compose.yml:" >&2
  printf '%s\n' "$problems" >&2
  failed=1
fi

# A linter that passed everything would pass our files too: each must still reject a known-bad one.
canary="$(mktemp -d)"
trap 'rm -rf "$canary"' EXIT
printf 'FROM debian:12\nHEALTHCHECK --intervall=5s CMD ["true"]\n' > "$canary/Dockerfile"
printf 'services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n    unknown_key: 1\n' > "$canary/docker-compose.yml"
if ! dockerfile_problems "$canary/Dockerfile" >/dev/null; then
  echo "docker lint: dockerfile-utils accepted a Dockerfile with an unknown flag" >&2
  failed=1
fi
if ! compose_problems "$canary/docker-compose.yml" >/dev/null; then
  echo "docker lint: dclint accepted a compose file with an unknown key" >&2
  failed=1
fi

if [ "$failed" -eq 0 ]; then
  echo "docker lint: Dockerfile and docker-compose.yml pass dockerfile-utils and dclint"
fi
exit "$failed"
