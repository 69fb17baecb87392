#!/usr/bin/env bash
# Every command of the release build over our fixtures and the shared corpus:
# optimised code must not panic where the debug-built tests pass. Exit codes
# 0 (clean), 1 (findings) and 2 (unusable input) are answers; anything else
# (101 is a panic) fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p raci-cli || exit 1
raci=target/release/raci
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
run() {
  "$raci" --quiet "$@" >"$out/stdout" 2>"$out/stderr"
  local code=$?
  if [ "$code" -gt 2 ]; then
    echo "FAILED ($code): raci $*"
    tail -5 "$out/stderr"
    failures=$((failures + 1))
  fi
}
inputs=(tests/fixtures/*.md tests/fixtures/*.txt)
corpus=../shared/corpus
if [ -d "$corpus" ]; then
  inputs+=("$corpus"/seeds/*)
else
  echo "note: no corpus at $corpus; fixtures only"
fi
for file in "${inputs[@]}"; do
  run parse "$file" --format json
  run lint "$file" --format sarif
  run duties "$file" --party customer --format html
  run who "$file" backup
  run stats "$file" --heatmap "$out/map.svg"
  run convert "$file" --to xlsx -o "$out/m.xlsx"
  run convert "$out/m.xlsx" --to md
  run oscal export "$file"
  run controls "$file" --format json
  run controls "$file" --framework ccm --format markdown
  run convert "$file" --to oscal-ssp -o "$out/ssp.json"
  run oscal inherit "$out/ssp.json" -o "$out/customer-ssp.json"
  run convert "$file" --to fedramp-crm -o "$out/crm.xlsx"
  run parse "$out/crm.xlsx" --format json
  run convert "$file" --to caiq -o "$out/caiq.xlsx"
  run controls "$out/caiq.xlsx"
done
run compare "${inputs[@]}"
run diff tests/fixtures/editions/queue-service.2024-03.md tests/fixtures/editions/queue-service.2024-09.md --format json
run diff tests/fixtures/editions/queue-service.2024-03.md tests/fixtures/editions/queue-service.2024-09.md --by control
run drift tests/fixtures/locales
run site tests/fixtures -o "$out/site"
if [ -d "$corpus" ]; then
  run lint "$corpus"
  run drift "$corpus"
  run site "$corpus" -o "$out/corpus-site"
  run parse "$corpus"/seeds/000_* --reference "$corpus"/seeds/001_*
fi

# The service: bootstrap, serve, publish, subscribe, work a duty, verify the audit log.
db="sqlite://$out/raci.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
admin() { "$raci" --quiet admin "$@" --database "$db"; }
provider=$(admin create-org Nimbus --kind provider)
customer=$(admin create-org Acme --kind customer)
p_user=$(admin create-user --org "$provider" --email ops@nimbus.test --role admin)
c_user=$(admin create-user --org "$customer" --email it@acme.test --role admin)
p_token=$(admin token --user "$p_user")
c_token=$(admin token --user "$c_user")
"$raci" --quiet serve --database "$db" --listen "127.0.0.1:$port" 2>"$out/serve.log" &
server=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
export RACI_SERVER="http://127.0.0.1:$port"
RACI_TOKEN=$p_token run remote service create queue "Managed Message Queue"
RACI_TOKEN=$p_token run remote publish tests/fixtures/queue-service.en.md --service 1 --force
RACI_TOKEN=$c_token run remote subscribe 1
RACI_TOKEN=$c_token run remote duties 1 --format json
RACI_TOKEN=$c_token run remote do 1 start
RACI_TOKEN=$c_token run remote duty 1
if ! RACI_TOKEN=$c_token "$raci" --quiet remote duty 1 --format json | grep -q '"in_progress"'; then
  echo "FAILED: the duty did not move through raci serve"
  failures=$((failures + 1))
fi
kill -TERM "$server"
wait "$server" || { echo "FAILED: raci serve did not stop cleanly on SIGTERM"; failures=$((failures + 1)); }
if ! "$raci" --quiet audit verify --database "$db"; then
  echo "FAILED: raci audit verify"
  failures=$((failures + 1))
fi

echo "release smoke: ${#inputs[@]} inputs, $failures failures"
[ "$failures" -eq 0 ]
