#!/usr/bin/env bash
# pg-backup-test.sh: PostgreSQL's backup and restore, the way the README
# says to do it. `pg_dump --format=custom` while `raci serve` takes writes,
# `pg_restore` into a new database, `raci audit verify` on it, and the
# restored rows compared with the dump's, table by table.
#
# Run it under scripts/with-postgres.sh (which sets RACI_TEST_POSTGRES_URL);
# RACI_BIN is the binary to use (target/debug/raci by default). Exits non-zero
# on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."

RACI=$(realpath "${RACI_BIN:-target/debug/raci}")
base=${RACI_TEST_POSTGRES_URL:?run this under scripts/with-postgres.sh}
server=${base%/*}
say() { echo "pg-backup-test: $*" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/raci-pg-backup.XXXXXX")
serve_pid=""
load_pid=""
cleanup() {
    [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
    [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

suffix="$$_$RANDOM"
src_name="raci_backup_src_$suffix"
dst_name="raci_backup_dst_$suffix"
psql "$base" -qAtc "CREATE DATABASE $src_name" >/dev/null
psql "$base" -qAtc "CREATE DATABASE $dst_name" >/dev/null
src="$server/$src_name"
dst="$server/$dst_name"

org=$("$RACI" -q admin create-org Nimbus --kind provider --database "$src")
user=$("$RACI" -q admin create-user --org "$org" --email ops@nimbus.test --role admin --database "$src")
token=$("$RACI" -q admin token --user "$user" --database "$src")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
api="http://127.0.0.1:$port/api/v1"
"$RACI" serve --database "$src" --listen "127.0.0.1:$port" 2>"$work/serve.log" &
serve_pid=$!
for _ in $(seq 1 300); do
    curl -fs "$api/health" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fs "$api/health" >/dev/null || { cat "$work/serve.log" >&2; say "raci serve did not start"; exit 1; }

# Writes until told to stop (bounded: 20,000 requests at most).
(
    for n in $(seq 1 20000); do
        [ -e "$work/stop" ] && break
        curl -fs -o /dev/null -X POST "$api/services" -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d "{\"slug\":\"svc-$n\",\"name\":\"Service $n\"}" \
            && echo "$n" >>"$work/acked"
    done
) &
load_pid=$!
sleep 1
pg_dump --format=custom --file="$work/raci.dump" "$src"
sleep 0.5
touch "$work/stop"
wait "$load_pid"
load_pid=""
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
serve_pid=""

pg_restore --no-owner --exit-on-error --dbname="$dst" "$work/raci.dump"
"$RACI" audit verify --database "$dst"

# The rows of the restored database are the dump's, table by table: each
# data line prefixed with its table (the two tools order tables differently).
rows() {
    awk '/^COPY / { table = $2; next } /^\\\.$/ { table = ""; next }
         table != "" { print table "\t" $0 } /^SELECT pg_catalog.setval/ { print }' | LC_ALL=C sort
}
pg_restore --data-only --file=- "$work/raci.dump" | rows >"$work/dumped.sql"
pg_dump --data-only "$dst" | rows >"$work/restored.sql"
if ! diff -q "$work/dumped.sql" "$work/restored.sql" >/dev/null; then
    diff "$work/dumped.sql" "$work/restored.sql" | head -20 >&2 || true
    say "the restored database differs from the dump"
    exit 1
fi

acked=$(wc -l <"$work/acked")
backed=$(psql "$dst" -qAtc "SELECT count(*) FROM services")
final=$(psql "$src" -qAtc "SELECT count(*) FROM services")
if [ "$backed" -lt 1 ] || [ "$backed" -gt "$final" ] || [ "$final" -lt "$acked" ]; then
    say "counts do not add up: $acked acknowledged, $final in the source, $backed in the backup"
    exit 1
fi
psql "$base" -qAtc "DROP DATABASE $src_name" >/dev/null
psql "$base" -qAtc "DROP DATABASE $dst_name" >/dev/null
echo "pg-backup-test: $acked services acknowledged during the dump, $backed in it; restored rows equal to the dump's, every audit chain verified"
