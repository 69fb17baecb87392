#!/usr/bin/env bash
# pg-cluster.sh init DIR PORT | start DIR PORT | stop DIR
#
# A throwaway PostgreSQL cluster in DIR (trust auth, 127.0.0.1:PORT, socket
# in DIR): `init` creates and starts it, `start` starts it again after a
# `stop` (a fast shutdown: sessions are cut, as when a server restarts).
# Runs the server as `postgres` when called as root (initdb refuses root).
# PG_FSYNC=on runs it durably (default off: the tests crash raci, not the
# database). Used by with-postgres.sh and by the tests that stop the
# database under a running server.
set -euo pipefail

say() { echo "pg-cluster: $*" >&2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
    say "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
    exit 3
fi

as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    as_pg() { runuser -u postgres -- "$@"; }
fi

start() {
    local dir=$1 port=$2
    if ! as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${PG_FSYNC:-off} -c max_connections=200" \
        start >/dev/null; then
        cat "$dir/server.log" >&2 || true
        say "the server did not start"
        exit 1
    fi
}

case "${1:-}" in
    init)
        dir=$2 port=$3
        mkdir -p "$dir"
        chmod 755 "$dir"
        [ "$(id -u)" = 0 ] && chown postgres "$dir"
        as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; say "initdb failed"; exit 1; }
        start "$dir" "$port"
        ;;
    start) start "$2" "$3" ;;
    stop) as_pg "$bindir/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null ;;
    version) "$bindir/postgres" --version | awk '{print $3}' ;;
    *)
        echo "usage: $0 init DIR PORT | start DIR PORT | stop DIR | version" >&2
        exit 2
        ;;
esac
