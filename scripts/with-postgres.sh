#!/usr/bin/env bash
# with-postgres.sh CMD…
#
# Runs CMD with RACI_TEST_POSTGRES_URL naming a throwaway PostgreSQL cluster
# (trust auth, 127.0.0.1 on a free port, data in a temporary directory),
# then stops the cluster and removes it. Installs Debian's `postgresql`
# with apt-get when no server is found. When PostgreSQL cannot be had, says
# so and runs CMD without the URL (the PostgreSQL half of the contract
# suite then skips). CMD's exit status is the script's.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 CMD [ARG…]" >&2
    exit 2
fi

say() { echo "with-postgres: $*" >&2; }

find_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
}

bindir=$(find_bindir)
if [ -z "$bindir" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's postgresql with apt-get"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1; then
        say "apt-get could not install postgresql"
    fi
    bindir=$(find_bindir)
fi
if [ -z "$bindir" ]; then
    say "PostgreSQL is not available: running '$*' WITHOUT RACI_TEST_POSTGRES_URL (PostgreSQL tests will skip)"
    exec "$@"
fi

free_port() {
    local port tries=0
    while [ $tries -lt 100 ]; do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
        tries=$((tries + 1))
    done
    return 1
}

dir=$(mktemp -d "${TMPDIR:-/tmp}/raci-pg.XXXXXX")
port=$(free_port)
cluster="$(dirname "$0")/pg-cluster.sh"

stop_cluster() {
    "$cluster" stop "$dir" 2>/dev/null || true
    rm -rf "$dir"
}
trap stop_cluster EXIT

"$cluster" init "$dir" "$port"

export RACI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
say "PostgreSQL $("$cluster" version) on $RACI_TEST_POSTGRES_URL"
set +e
"$@"
status=$?
set -e
exit $status
