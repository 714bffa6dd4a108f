#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /health/ready on this container's own port. Bash alone, because the
# runtime image has no curl or wget. Exits 0 when the service answers 200, 1 otherwise (refused,
# no answer within 5 s, or any other status, such as 503 while the database is away).
set -u
port="${PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" 2>/dev/null || exit 1
printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
[[ "$status" =~ ^HTTP/1\.[01]\ 200[\ $'\r'] ]]
