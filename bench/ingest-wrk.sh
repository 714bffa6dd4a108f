#!/usr/bin/env bash
# Webhook ingest measured from another process: wrk (Debian: apt-get install -y wrk) with bench/wrk/ingest-order.lua
# (distinct ~2.5 KB orders, each with its own Idempotency-Key) against, in the same run and one after the other:
#   empty   - an empty minimal-API endpoint answering 202 (baseline a)
#   naive   - a one-row, one-transaction-per-request durable insert (baseline b)
#   service - the service's POST /api/v1/webhook/{slug}, run as its own process (workers off)
# at concurrency 1, 16 and 64, on SQLite and MariaDB; prints req/s, p50/p99, the service's peak RSS and the ratios.
# RSS is split as /proc reports it: anonymous (heaps, JIT-compiled code) and file-backed (mapped assemblies and
# ReadyToRun code, shared with other processes mapping the same files and reclaimable by the kernel).
# Loopback only; each wrk run is bounded by DURATION. The service is the Release build, started with `dotnet`.
#
#   bash bench/ingest-wrk.sh                       # both databases
#   DATABASES=sqlite DURATION=5 bash bench/ingest-wrk.sh
#   SERVICE_ENV="DOTNET_gcServer=0" bash bench/ingest-wrk.sh   # extra environment for the service process only
#
# Settings (environment): DATABASES (sqlite mysql), CONCURRENCY (1 16 64), DURATION seconds per run (10),
# WARMUP seconds per endpoint and concurrency, not recorded (2), PREHEAT seconds per endpoint at c=16 (5),
# TEST_MYSQL_URL (the MariaDB server; default mysql://ai_test:ai_test@127.0.0.1:3306/ai_test), SERVICE_ENV, OUTPUT (file),
# SKIP_BUILD=1 to measure the Release build as it is, SERVICE_DIR (a folder holding AccountingIntegration.dll, such as
# the output of `dotnet publish src/AccountingIntegration -c Release -r linux-x64 --no-self-contained
# -p:PublishReadyToRun=true -o DIR`; default the Release build, src/AccountingIntegration/bin/Release/net10.0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATABASES="${DATABASES:-sqlite mysql}"
CONCURRENCY="${CONCURRENCY:-1 16 64}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-2}"
PREHEAT="${PREHEAT:-5}"
SERVICE_ENV="${SERVICE_ENV:-}"
OUTPUT="${OUTPUT:-$ROOT/bench/results/ingest-wrk-$(date -u +%Y-%m-%d-%H%M).md}"
LUA="$ROOT/bench/wrk/ingest-order.lua"
SERVICE_DIR="${SERVICE_DIR:-$ROOT/src/AccountingIntegration/bin/Release/net10.0}"
BENCH_DLL="$ROOT/bench/AccountingIntegration.Benchmarks/bin/Release/net10.0/AccountingIntegration.Benchmarks.dll"
WORK="$(mktemp -d -t ai-ingest-wrk-XXXXXX)"

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 2; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_ready() { # url
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.2
  done
  echo "nothing answers at $1" >&2; return 1
}

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building (Release)"
  dotnet build -c Release "$ROOT/bench/AccountingIntegration.Benchmarks" 2>&1 | grep -E " error |Build succ" | sort -u
fi

# The service's own settings, as bench/AccountingIntegration.Benchmarks/Ingest/ServiceUnderTest.cs sets them.
service_env() {
  echo DOTNET_ENVIRONMENT=Benchmark ASPNETCORE_ENVIRONMENT=Benchmark \
    ENCRYPTION_KEY=b3nch-Encrypt10n-K3y-4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d \
    JWT_SECRET=b3nch-JWT-S1gn1ng-0f1e2d3c4b5a69788796a5b4c3d2e1f0 \
    OAUTH_STATE_SECRET=b3nch-0Auth-St4te-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b \
    QBO_ENVIRONMENT=local LOCAL_QBO_SANDBOX=false LOG_LEVEL=Warning PLAN_PRO_REQUESTS_PER_MINUTE=0 WORKER_CONCURRENCY=0 \
    "DATABASE_URL=$1" $SERVICE_ENV
}

# One wrk run; prints "req/s p50_ms p99_ms non2xx errors peak_rss_mib peak_anon_mib" (the service process, sampled).
measure() { # url concurrency seconds service_pid
  local url="$1" c="$2" seconds="$3" pid="$4" threads=1 out="$WORK/wrk.out" rss="$WORK/rss"
  [ "$c" -ge 16 ] && threads=2
  : > "$rss"
  ( while kill -0 "$pid" 2>/dev/null; do awk '/^VmRSS/ {r=$2} /^RssAnon/ {a=$2} END {print r, a}' "/proc/$pid/status" >> "$rss" 2>/dev/null; sleep 0.2; done ) &
  local sampler=$!
  WRK_RUN="$(date +%s%N)" WRK_API_KEY="$API_KEY" wrk -t"$threads" -c"$c" -d"${seconds}s" --timeout 10s -s "$LUA" "$url" > "$out" 2>&1 || true
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  local line; line="$(grep '^WRK_RESULT' "$out" || true)"
  if [ -z "$line" ]; then cat "$out" >&2; echo "0 0 0 0 0 0 0"; return; fi
  local peak anon
  peak="$(awk '{print $1}' "$rss" | sort -n | tail -1)"; anon="$(awk '{print $2}' "$rss" | sort -n | tail -1)"
  python3 - "$line" "${peak:-0}" "${anon:-0}" <<'PY'
import sys
f = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
rps = int(f["requests"]) / (int(f["duration_us"]) / 1e6)
print(f'{rps:.0f} {int(f["p50_us"])/1000:.2f} {int(f["p99_us"])/1000:.2f} {f["non2xx"]} {f["socket_errors"]} {int(sys.argv[2])/1024:.0f} {int(sys.argv[3])/1024:.0f}')
PY
}

{
  echo "# Webhook ingest under wrk ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" status --porcelain -- src | grep -q . && echo ' with uncommitted changes under src/'); $(nproc) cores; $(dotnet --version) SDK;"
  echo "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'); ${DURATION} s per run after ${WARMUP} s warm-up; service env: ${SERVICE_ENV:-default}."
  echo "Service from $(case "$SERVICE_DIR" in "$ROOT"/*) echo "${SERVICE_DIR#"$ROOT"/}";; *) echo "SERVICE_DIR …/$(basename "$SERVICE_DIR")";; esac)."
  echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| database | concurrency | endpoint | req/s | p50 ms | p99 ms | non-2xx | socket errors | service RSS MiB (peak sampled) | of it anonymous MiB (peak) |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
} > "$WORK/table.md"
: > "$WORK/ratios.tsv"

for db in $DATABASES; do
  empty_port="$(free_port)"; naive_port="$(free_port)"; service_port="$(free_port)"
  log "$db: starting the baselines and a fresh database"
  DOTNET_gcServer=1 dotnet "$BENCH_DLL" ingest-baselines --database "$db" --empty-port "$empty_port" --naive-port "$naive_port" > "$WORK/baselines.out" 2>&1 &
  PIDS+=($!); BASELINES_PID=$!
  for _ in $(seq 1 300); do grep -q READY "$WORK/baselines.out" && break; sleep 0.2; done
  grep -q READY "$WORK/baselines.out" || { cat "$WORK/baselines.out" >&2; exit 1; }
  EMPTY_URL="$(sed -n 's/^EMPTY_URL=//p' "$WORK/baselines.out")"
  NAIVE_URL="$(sed -n 's/^NAIVE_URL=//p' "$WORK/baselines.out")"
  DB_URL="$(sed -n 's/^SERVICE_DATABASE_URL=//p' "$WORK/baselines.out")"

  slug="wrk-$(date +%s)"
  ( cd "$SERVICE_DIR" && env $(service_env "$DB_URL") dotnet AccountingIntegration.dll create-organization --slug "$slug" --name "wrk shop" --plan pro \
    > "$WORK/create.out" 2>&1 ) || { cat "$WORK/create.out" >&2; exit 1; }
  API_KEY="$(cd "$SERVICE_DIR" && env $(service_env "$DB_URL") dotnet AccountingIntegration.dll generate-api-key --org "$slug" | tail -1)"
  ( cd "$SERVICE_DIR" && exec env $(service_env "$DB_URL") "urls=http://127.0.0.1:$service_port" dotnet AccountingIntegration.dll > "$WORK/service.out" 2>&1 ) &
  PIDS+=($!); SERVICE_PID=$!
  wait_ready "http://127.0.0.1:$service_port/api/health"
  # The shell's child is `env`, which execs dotnet: the same pid.
  curl -sf -o /dev/null -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"Shopify","sourceType":"shopify","signatureScheme":"none","isDefault":true}' \
    "http://127.0.0.1:$service_port/api/v1/webhook/$slug/sources"
  SERVICE_URL="http://127.0.0.1:$service_port/api/v1/webhook/$slug"
  log "$db: service pid $SERVICE_PID at $SERVICE_URL; RSS after start $(awk '/^VmRSS/ {print int($2/1024)}' /proc/$SERVICE_PID/status) MiB (anonymous $(awk '/^RssAnon/ {print int($2/1024)}' /proc/$SERVICE_PID/status))"

  for name in empty naive service; do
    url_var="${name^^}_URL"; log "$db: preheating $name (${PREHEAT} s, c=16)"
    measure "${!url_var}" 16 "$PREHEAT" "$SERVICE_PID" > /dev/null
  done

  for c in $CONCURRENCY; do
    declare -A rps=() p99=()
    for name in empty naive service; do
      url_var="${name^^}_URL"
      measure "${!url_var}" "$c" "$WARMUP" "$SERVICE_PID" > /dev/null
      read -r r p50 p9 bad errs rss anon <<< "$(measure "${!url_var}" "$c" "$DURATION" "$SERVICE_PID")"
      rps[$name]=$r; p99[$name]=$p9
      log "$db c=$c $name: $r req/s, p50 $p50 ms, p99 $p9 ms, non-2xx $bad, socket errors $errs, service RSS $rss MiB (anonymous $anon)"
      echo "| $db | $c | $name | $r | $p50 | $p9 | $bad | $errs | $rss | $anon |" >> "$WORK/table.md"
    done
    echo -e "$db\t$c\t${rps[service]}\t${rps[empty]}\t${rps[naive]}\t${p99[service]}\t${p99[empty]}\t${p99[naive]}" >> "$WORK/ratios.tsv"
    unset rps p99
  done

  hwm="$(awk '/^VmHWM/ {print int($2/1024)}' /proc/$SERVICE_PID/status)"
  echo "$db: service peak RSS over the whole run (VmHWM) $hwm MiB" >> "$WORK/hwm.txt"
  kill "$SERVICE_PID" "$BASELINES_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true; wait "$BASELINES_PID" 2>/dev/null || true
done

{
  cat "$WORK/table.md"
  echo
  cat "$WORK/hwm.txt"
  echo
  echo "| database | concurrency | service req/s ÷ empty | service req/s ÷ naive | service p99 ms | p99 ÷ empty | p99 ÷ naive |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{ printf "| %s | %s | %.2f | %.2f | %s | %.1f | %.2f |\n", $1, $2, ($4>0?$3/$4:0), ($5>0?$3/$5:0), $6, ($7>0?$6/$7:0), ($8>0?$6/$8:0) }' "$WORK/ratios.tsv"
  echo
  echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$OUTPUT"
log "written to $OUTPUT"
