#!/usr/bin/env bash
# api-clients.sh: the JSON API driven by real clients.
#
#  1. schemathesis runs every check (response schemas included) over every
#     operation of the served OpenAPI document, as a customer's admin and as
#     a provider's admin, on a seeded instance (tests/api-clients/schemathesis.toml);
#  2. a Python client generated from the served document (openapi-python-client)
#     drives the whole story of the service (tests/api-clients/test_story.py):
#     no hand-written HTTP.
#
# On SQLite always, and on PostgreSQL when RACI_TEST_POSTGRES_URL names a
# server (scripts/with-postgres.sh sets it). Installs its Python tools with
# pip when missing. RACI_BIN names the raci binary (default: the release
# build, built when absent); API_EXAMPLES the examples per operation (25).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
say() { echo "api-clients: $*" >&2; }

raci=${RACI_BIN:-$root/target/release/raci}
if [ ! -x "$raci" ]; then
    say "building the release binary"
    cargo build --release -q -p raci-cli
fi
# The versions these checks were last run with: a new release of a fuzzer
# must not turn CI red on its own (tests/api-clients/hooks.py works around
# one of its bugs).
tools="schemathesis==4.32.5 openapi-python-client==0.29.1 pytest==9.2.0"
if ! python3 -m pip show --quiet schemathesis openapi-python-client pytest >/dev/null 2>&1 \
    || [ "$(python3 -c 'import importlib.metadata as m; print(m.version("schemathesis"))')" != 4.32.5 ]; then
    say "installing $tools with pip"
    # shellcheck disable=SC2086
    python3 -m pip install --quiet --disable-pip-version-check $tools
fi
examples=${API_EXAMPLES:-25}
work=$(mktemp -d)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A user with a password, by the operator's commands; prints its id.
user() {
    printf '%s\n' "$4" | "$raci" admin create-user --org "$2" --email "$3" --role admin --password-stdin --database "$1"
}

run_on() {
    local backend=$1 db=$2
    say "== $backend"
    local port; port=$(free_port)
    local base="http://127.0.0.1:$port"
    local password="a password for the fuzzer"
    local p c
    p=$("$raci" admin create-org Nimbus --kind provider --database "$db")
    c=$("$raci" admin create-org Acme --kind customer --database "$db")
    user "$db" "$p" admin@nimbus.example "$password" >/dev/null
    user "$db" "$c" admin@acme.example "$password" >/dev/null
    local pt ct
    pt=$("$raci" admin token --user "$(user "$db" "$p" ops@nimbus.example "$password")" --database "$db")
    ct=$("$raci" admin token --user "$(user "$db" "$c" ops@acme.example "$password")" --database "$db")
    # The fuzzer logs in from one address: no throttle of its own failed
    # logins there may lock it out of its identity.
    "$raci" --quiet serve --database "$db" --listen "127.0.0.1:$port" \
        --login-failures-per-address 1000000 >"$work/$backend.log" 2>&1 &
    echo $! >"$work/$backend.pid"
    for _ in $(seq 100); do curl -sf "$base/api/v1/health" >/dev/null && break; sleep 0.1; done
    export RACI_SERVER=$base
    RACI_TOKEN=$pt "$raci" remote service create managed-queue "Managed Queue" >/dev/null
    RACI_TOKEN=$pt "$raci" remote publish tests/fixtures/editions/queue-service.2024-03.md --service 1 --force >/dev/null
    RACI_TOKEN=$ct "$raci" remote subscribe 1 >/dev/null
    RACI_TOKEN=$pt "$raci" remote publish tests/fixtures/editions/queue-service.2024-09.md --service 1 --force >/dev/null

    local who
    for who in admin@acme.example admin@nimbus.example; do
        say "schemathesis as $who ($examples examples per operation)"
        (cd tests/api-clients && RACI_EMAIL=$who RACI_PASSWORD=$password \
            PYTHONPATH=. SCHEMATHESIS_HOOKS=hooks st --config-file schemathesis.toml run "$base/api/v1/openapi.json" --url "$base" \
                --max-examples "$examples" --workers 2)
    done

    say "a client generated from the document, through the whole story"
    rm -rf "$work/client"
    openapi-python-client generate --url "$base/api/v1/openapi.json" --output-path "$work/client" \
        --overwrite >"$work/generate.log" 2>&1 || { cat "$work/generate.log" >&2; return 1; }
    PYTHONPATH="$work/client" RACI_SERVER=$base RACI_DATABASE=$db RACI_BIN=$raci \
        python3 -m pytest -q -p no:cacheprovider tests/api-clients/test_story.py
    kill "$(cat "$work/$backend.pid")" 2>/dev/null || true
}

run_on sqlite "sqlite://$work/raci.db"
if [ -n "${RACI_TEST_POSTGRES_URL:-}" ]; then
    name="raci_api_clients_$$"
    psql -q "$RACI_TEST_POSTGRES_URL" -c "CREATE DATABASE $name" >/dev/null
    run_on postgres "${RACI_TEST_POSTGRES_URL%/*}/$name"
else
    say "RACI_TEST_POSTGRES_URL is not set: PostgreSQL skipped (scripts/with-postgres.sh sets it)"
fi
say "done"
