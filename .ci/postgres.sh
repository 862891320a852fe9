#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1:$PGPORT (default 54329)
# for the store tests and prints its URL. Needs Debian's postgresql package.
set -euo pipefail
port=${PGPORT:-54329}
dir=${PGDATA_DIR:-/tmp/sitrep-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D $dir status" >/dev/null 2>&1; then
  rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
  su postgres -s /bin/sh -c "$bin/initdb -D $dir -A trust -U postgres >/dev/null"
  su postgres -s /bin/sh -c "$bin/pg_ctl -D $dir -o '-k /tmp -h 127.0.0.1 -p $port -c fsync=off' -l $dir/log -w start >/dev/null"
  su postgres -s /bin/sh -c "$bin/psql -h 127.0.0.1 -p $port -U postgres -qc 'CREATE DATABASE sitrep_test'" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/sitrep_test?sslmode=disable"
