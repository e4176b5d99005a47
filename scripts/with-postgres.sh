#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 server on a free loopback port, export DATABASE_URL and
# TEST_DATABASE_URL, run the given command, then stop the server and remove its files.
# Usage: scripts/with-postgres.sh npm test
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/postgres" ] || ! id postgres >/dev/null 2>&1; then
  echo "with-postgres: installing postgresql-15" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
PGPORT=${PGPORT:-55432}
while ss -Hltn "sport = :$PGPORT" | grep -q .; do PGPORT=$((PGPORT + 1)); done
PGDIR=$(mktemp -d /tmp/pgtest.XXXXXX)
chown postgres:postgres "$PGDIR"
chmod 700 "$PGDIR"
cleanup() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Default durability (fsync, synchronous_commit on), as production runs it.
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres jiebang
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/jiebang"
export TEST_DATABASE_URL="$DATABASE_URL"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on $DATABASE_URL" >&2
"$@"
