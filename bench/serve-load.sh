#!/usr/bin/env bash
# Load benchmark of `raci serve` (release) with wrk against loopback, on a
# seeded dataset: 1 provider publishing the French OVHcloud Managed
# Kubernetes seed, ORGS customer organizations each with a user, a token and
# a subscription (one duty per activity, ~60).
#   (a) GET  /api/v1/health                       the ceiling: no auth, no database
#   (b) GET  /api/v1/subscriptions/{id}/duties    rotating over the customers' tokens
#   (c) POST /api/v1/duties/{id}/signoff          completing a duty: the customer's sign-off of a
#                                                 duty staged at awaiting_signoff, a distinct one per request
# Each for DURATION (10s) with 2 threads and 32 connections, --latency.
# Runs on SQLite, and on PostgreSQL too when RACI_TEST_POSTGRES_URL is set:
#   bench/serve-load.sh [ORGS]                               SQLite only
#   scripts/with-postgres.sh bench/serve-load.sh [ORGS]      SQLite and PostgreSQL
# Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-1000}
duration=${DURATION:-10s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
stage=${STAGE:-40} # at most this many duties per customer staged for (c)

say() { echo "serve-load: $*" >&2; }

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian's wrk with apt-get"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null 2>&1 || true
    fi
    if ! command -v wrk >/dev/null; then
        say "wrk is needed and could not be installed (apt-get install wrk, as root)"
        exit 1
    fi
fi

# The French OVHcloud Managed Kubernetes seed: listed in the corpus manifest,
# or among its seeds; the queue-service fixture otherwise.
corpus=${RACI_CORPUS:-../shared/corpus}
matrix=""
if [ -f "$corpus/MANIFEST.tsv" ]; then
    rel=$(awk -F'\t' '$6 == "ovhcloud" && $7 == "managed-kubernetes" && $5 ~ /^fr/ {print $1; exit}' "$corpus/MANIFEST.tsv")
    [ -n "$rel" ] && [ -f "$corpus/$rel" ] && matrix="$corpus/$rel"
fi
if [ -z "$matrix" ] && [ -d "$corpus/seeds" ]; then
    matrix=$(grep -l "OVHcloud managed Kubernetes" "$corpus"/seeds/* 2>/dev/null | head -n 1 || true)
fi
if [ -z "$matrix" ]; then
    matrix=tests/fixtures/queue-service.fr.md
    say "no OVHcloud Managed Kubernetes seed in $corpus: using $matrix instead"
fi
say "matrix: $matrix"

cargo build --release -q -p raci-cli
cargo build --release -q -p raci-server --example seed_load
target=${CARGO_TARGET_DIR:-target}
raci=$target/release/raci
seed=$target/release/examples/seed_load

work=$(mktemp -d "${TMPDIR:-/tmp}/raci-load.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local port
    for _ in $(seq 100); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

# Requests/s, p99 and non-2xx count of one wrk run: "RPS P99 ERRORS".
wrk_run() {
    local out=$1; shift
    wrk -t "$threads" -c "$connections" -d "$duration" --latency "$@" >"$out" 2>&1 || { cat "$out" >&2; return 1; }
    local rps p99 errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    echo "$rps $p99 ${errors:-0}"
}

results="$work/results.tsv"
: >"$results"

run_backend() {
    local name=$1 database=$2 dir="$work/$1"
    mkdir -p "$dir"
    say "$name: seeding $orgs customers"
    "$seed" --database "$database" --matrix "$matrix" --orgs "$orgs" --stage "$stage" --out "$dir" >&2
    local port; port=$(free_port)
    "$raci" --quiet serve --database "$database" --listen "127.0.0.1:$port" 2>"$dir/serve.log" &
    server_pid=$!
    for _ in $(seq 200); do
        curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null || { cat "$dir/serve.log" >&2; say "$name: the server did not start"; exit 1; }
    local url="http://127.0.0.1:$port"
    read -r rps p99 err < <(wrk_run "$dir/health.txt" "$url/api/v1/health")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "GET /health (ceiling)" "$rps" "$p99" "$err" >>"$results"
    read -r rps p99 err < <(wrk_run "$dir/list.txt" -s bench/serve-load-list.lua "$url" -- "$dir/subs.txt")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "GET /subscriptions/{id}/duties" "$rps" "$p99" "$err" >>"$results"
    read -r rps p99 err < <(wrk_run "$dir/complete.txt" -s bench/serve-load-complete.lua "$url" -- "$dir/duties.txt" "$threads")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "POST /duties/{id}/signoff (complete)" "$rps" "$p99" "$err" >>"$results"
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

run_backend sqlite "sqlite://$work/load.db"
if [ -n "${RACI_TEST_POSTGRES_URL:-}" ]; then
    db="raci_load_$$_$RANDOM"
    psql -q "$RACI_TEST_POSTGRES_URL" -c "CREATE DATABASE $db" >/dev/null
    run_backend postgres "${RACI_TEST_POSTGRES_URL%/*}/$db"
else
    say "RACI_TEST_POSTGRES_URL is not set: PostgreSQL skipped (run under scripts/with-postgres.sh)"
fi

echo
echo "raci serve under load: $orgs customers, wrk -t$threads -c$connections -d$duration, $(nproc) CPU(s), $(uname -sr)"
echo
echo "| backend | request | requests/s | p99 | vs ceiling | non-2xx |"
echo "|---|---|---:|---:|---:|---:|"
awk -F'\t' '
    $2 ~ /ceiling/ { ceiling[$1] = $3 }
    { ratio = (ceiling[$1] > 0) ? sprintf("%.1f%%", 100 * $3 / ceiling[$1]) : "-";
      printf "| %s | %s | %.0f | %s | %s | %s |\n", $1, $2, $3, $4, ratio, $5 }
' "$results"
