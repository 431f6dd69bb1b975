#!/usr/bin/env bash
# Starts the machine's PostgreSQL (Debian's package) for the SQL tests and prints the URL of a
# database for them; prints nothing and exits 1 where there is none to start (the tests then use
# PGlite, PostgreSQL in WebAssembly). Usage: export LEADSCORE_PG_URL="$(scripts/start-postgres.sh)"
set -euo pipefail
command -v pg_lsclusters >/dev/null 2>&1 || exit 1
[ "$(id -u)" = 0 ] || exit 1
cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 " " $2 " " $3 }')
[ -n "$cluster" ] || exit 1
read -r version name port <<<"$cluster"
pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" >/dev/null <<'SQL'
DO $$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leadscore') THEN CREATE ROLE leadscore LOGIN PASSWORD 'leadscore'; END IF;
END$$;
SQL
if ! su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'leadscore'\"" | grep -q 1; then
  su postgres -c "createdb -p $port -O leadscore leadscore"
fi
echo "postgres://leadscore:leadscore@127.0.0.1:$port/leadscore"
