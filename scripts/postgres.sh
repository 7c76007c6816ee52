#!/usr/bin/env bash
# A private, throw-away PostgreSQL for tests and benchmarks (never for data you want to keep).
#
#   eval "$(scripts/postgres.sh start)"   # exports PG_DIR and TEST_DATABASE_URL (postgres://…)
#   scripts/postgres.sh stop "$PG_DIR"    # stops it and removes the folder
#   scripts/postgres.sh down "$PG_DIR"    # stops it, keeping its data (tests: the database goes away)
#   scripts/postgres.sh up "$PG_DIR"      # starts it again on the same port
#
# PostgreSQL refuses to run as root, so initdb and pg_ctl run as the `postgres` user, into a
# temporary folder, on a random free port, without fsync (nothing here must survive a crash).
# Debian's server binaries are used (/usr/lib/postgresql/<version>/bin); where they are missing
# and we are root, the `postgresql` package is installed first.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

start() {
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing Debian's postgresql …" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    fi
    bin=$(find_bin) || { echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin" >&2; exit 1; }
  fi
  local dir port as=()
  dir=$(mktemp -d /tmp/cadia-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  # A port nobody listens on right now (bind to 0, read it back).
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  echo "$port" >"$dir/port"
  pg_start "$bin" "$dir" || { cat "$dir/log" >&2; rm -rf "$dir"; exit 1; }
  echo "export PG_DIR=$dir"
  echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
}

pg_start() {
  local bin=$1 dir=$2 port as=()
  port=$(cat "$dir/port")
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
}

checked_dir() {
  local dir=$1
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "postgres.sh: no such folder: $dir" >&2; exit 1; }
  case "$dir" in /tmp/cadia-pg.*) ;; *) echo "postgres.sh: refusing to touch $dir" >&2; exit 1 ;; esac
}

down() {
  local dir=$1 as=()
  checked_dir "$dir"
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$(find_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

stop() {
  local dir=${1:-${PG_DIR:-}} bin as=()
  checked_dir "$dir"
  bin=$(find_bin)
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  down) down "${2:-}" ;;
  up) checked_dir "${2:-}"; pg_start "$(find_bin)" "$2" ;;
  *) echo "usage: $0 start | stop DIR | down DIR | up DIR" >&2; exit 2 ;;
esac
