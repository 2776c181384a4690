#!/usr/bin/env bash
# Entry point of the stand-in PostgreSQL image. It honours what the official postgres image's entry point does
# for the settings this project uses: on an empty PGDATA it runs initdb for POSTGRES_USER (default postgres) with
# POSTGRES_PASSWORD, lets other hosts in with POSTGRES_HOST_AUTH_METHOD (default: the server's password
# encryption), creates POSTGRES_DB (default: the user's name) and runs /docker-entrypoint-initdb.d/*.sql, *.sql.gz
# and *.sh against it on a server reachable only through its socket; then it runs `postgres` as user postgres.
set -euo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi
if [ "$1" != 'postgres' ]; then
  exec "$@"
fi
for arg; do
  case "$arg" in
    -'?' | --help | --describe-config | -V | --version) exec "$@" ;;
  esac
done

if [ "$(id -u)" = '0' ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [ -s "$PGDATA/PG_VERSION" ]; then
  exec "$@"
fi

: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != 'trust' ]; then
  echo 'Database is uninitialized and superuser password is not specified: set POSTGRES_PASSWORD' \
    '(or POSTGRES_HOST_AUTH_METHOD=trust to allow every connection without one).' >&2
  exit 1
fi

# shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") ${POSTGRES_INITDB_ARGS:-}

auth_method=${POSTGRES_HOST_AUTH_METHOD:-$(postgres -D "$PGDATA" -C password_encryption)}
printf '\nhost all all all %s\n' "$auth_method" >>"$PGDATA/pg_hba.conf"
printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
psql=(psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$POSTGRES_USER")
if [ "$POSTGRES_DB" != 'postgres' ]; then
  "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
fi
shopt -s nullglob
for script in /docker-entrypoint-initdb.d/*; do
  # shellcheck disable=SC1090 # *.sh: the scripts a user mounts
  case "$script" in
    *.sh) echo "running $script"; . "$script" ;;
    *.sql) echo "running $script"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$script" ;;
    *.sql.gz) echo "running $script"; gunzip -c "$script" | "${psql[@]}" --dbname "$POSTGRES_DB" ;;
    *) echo "ignoring $script" ;;
  esac
done
pg_ctl -D "$PGDATA" -m fast -w stop
echo 'PostgreSQL init process complete; ready for start up.'

exec "$@"
