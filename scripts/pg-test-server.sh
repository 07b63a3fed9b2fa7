#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server on 127.0.0.1 for the test suite.
#
#   export TRADETALKS_TEST_PG="$(scripts/pg-test-server.sh start)"   # prints the postgresql:// URL
#   scripts/pg-test-server.sh stop [URL]       # stops that server (default: $TRADETALKS_TEST_PG), deletes its data
#
# Each server lives in a fresh temporary directory, remembered in a state file named after its
# port (${TMPDIR:-/tmp}/tradetalks-pg-test.<port>.state), so that several servers started at the
# same time (parallel CI jobs) never stop each other.
# Needs the Debian `postgresql` package (binaries in /usr/lib/postgresql/<version>/bin or on PATH)
# and its contrib extensions (unaccent). When run as root the server runs as the `postgres` user.
set -euo pipefail

STATE_DIR="${TMPDIR:-/tmp}"
DBNAME="${TRADETALKS_PG_DBNAME:-tradetalks_test}"

find_bin() {
    if command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return
    fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$dir" ]; then
        echo "pg-test-server: PostgreSQL binaries not found (install the 'postgresql' package)" >&2
        exit 1
    fi
    echo "$dir"
}

as_owner() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    local bin base port
    bin="$(find_bin)"
    base="$(mktemp -d "${TMPDIR:-/tmp}/tradetalks-pg.XXXXXX")"
    chmod 755 "$base"
    mkdir "$base/data" "$base/run"
    if [ "$(id -u)" = "0" ]; then
        chown -R postgres:postgres "$base"
    fi
    as_owner "$bin/initdb" -D "$base/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || {
        cat "$base/initdb.log" >&2
        exit 1
    }
    port="$(free_port)"
    as_owner "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $base/run -c fsync=off -c max_connections=50" start >/dev/null || {
        cat "$base/server.log" >&2
        exit 1
    }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DBNAME"
    as_owner "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d "$DBNAME" \
        -c "CREATE EXTENSION IF NOT EXISTS unaccent" >/dev/null
    printf '%s\n%s\n' "$base" "$bin" >"$STATE_DIR/tradetalks-pg-test.$port.state"
    echo "postgresql://postgres@127.0.0.1:$port/$DBNAME"
}

stop() {
    local url="${1:-${TRADETALKS_TEST_PG:-}}" port state base bin
    if [ -z "$url" ]; then
        echo "pg-test-server: which server? give its URL or set TRADETALKS_TEST_PG" >&2
        return 1
    fi
    port="$(printf '%s' "$url" | sed -n 's|^postgres[a-z]*://[^/]*:\([0-9][0-9]*\)/.*|\1|p')"
    state="$STATE_DIR/tradetalks-pg-test.$port.state"
    if [ -z "$port" ] || [ ! -f "$state" ]; then
        echo "pg-test-server: no server of this script at $url ($state not found)" >&2
        return 1
    fi
    base="$(sed -n 1p "$state")"
    bin="$(sed -n 2p "$state")"
    as_owner "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$base" "$state"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *)
        echo "usage: $0 start | stop [URL]" >&2
        exit 2
        ;;
esac
