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

# initdb and the server refuse to run as root: run them as `postgres` then.
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    as_pg() { runuser -u postgres -- "$@"; }
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
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(free_port)

stop_cluster() {
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop_cluster EXIT

as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; say "initdb failed"; exit 1; }
if ! as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null; then
    cat "$dir/server.log" >&2 || true
    say "the server did not start"
    exit 1
fi

export RACI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $RACI_TEST_POSTGRES_URL"
set +e
"$@"
status=$?
set -e
exit $status
