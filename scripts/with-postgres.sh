#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at PostgreSQL.
#
# With TEST_DATABASE_URL set (CI sets it to the machine's server) that server is used and
# must answer. Otherwise a throwaway cluster is started from the local PostgreSQL binaries in
# a temporary directory and removed afterwards. Never skips: no PostgreSQL means failure.
set -euo pipefail

wait_for() {
    local url=$1
    for _ in $(seq 1 50); do
        if .venv/bin/python -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=2).close()' \
            "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

if [ -n "${TEST_DATABASE_URL:-}" ]; then
    if ! wait_for "$TEST_DATABASE_URL"; then
        echo "PostgreSQL at TEST_DATABASE_URL=$TEST_DATABASE_URL does not answer." >&2
        echo "The PostgreSQL test run is required; start the server or unset TEST_DATABASE_URL" >&2
        echo "to use a throwaway cluster." >&2
        exit 1
    fi
    DATABASE_URL=$TEST_DATABASE_URL exec "$@"
fi

bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1)")
if [ ! -x "$bindir/initdb" ]; then
    echo "No PostgreSQL binaries found (run scripts/system-deps.sh)." >&2
    exit 1
fi
dir=$(mktemp -d /tmp/gezondewijk-pg.XXXXXX)
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root; the cluster belongs to the postgres system user.
    chown postgres "$dir"
    run_as=(runuser -u postgres --)
fi
cleanup() {
    "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
url="postgres://postgres@127.0.0.1:$port/postgres"
wait_for "$url" || { echo "Throwaway PostgreSQL did not start:" >&2; cat "$dir/log" >&2; exit 1; }
echo "Using a throwaway PostgreSQL cluster on port $port"
DATABASE_URL=$url "$@"
