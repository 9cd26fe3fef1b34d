#!/usr/bin/env bash
# Runs the project-local PostgreSQL cluster that `make run` and `make test` use when
# DATABASE_URL is not set (or not reachable).
#
#   db/cluster.sh start   start the cluster (idempotent), create the `portal` database
#   db/cluster.sh stop    stop it
#   db/cluster.sh url     print the URL to use: $DATABASE_URL when reachable, else the local cluster's (started)
#
# initdb and postgres refuse to run as root, so as root they run as the `postgres` user, and the
# data folder must be somewhere that user can reach.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
default_port=55432

log() { echo "cluster: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }

find_bindir() {
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/postgres" ]; then echo "$PG_BINDIR"; return 0; fi
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/postgres" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
	done
	if command -v postgres >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v postgres)")"
		return 0
	fi
	return 1
}

ensure_binaries() {
	if bindir=$(find_bindir); then return 0; fi
	if [ "$(id -u)" = 0 ]; then
		log "PostgreSQL server binaries missing: installing Debian's postgresql package"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >&2
		apt-get install -y -qq --no-install-recommends postgresql >&2
		bindir=$(find_bindir) || die "postgresql installed but no postgres/initdb binaries found"
		return 0
	fi
	die "PostgreSQL server binaries (postgres, initdb) not found. Install them, e.g. 'sudo apt-get install -y postgresql', or set DATABASE_URL to a reachable database."
}

# as_pg runs a server command as the postgres user when we are root.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# data_dir chooses the cluster's folder: .data/pg in the checkout, unless we are root and the
# postgres user cannot enter the checkout (a 0700 home folder, say); then a folder under the
# system temp folder named after the checkout.
data_dir() {
	local local_dir="$top/.data/pg"
	if [ "$(id -u)" != 0 ]; then echo "$local_dir"; return; fi
	id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' system user (it comes with Debian's postgresql-common package)"
	if runuser -u postgres -- test -x "$top" 2>/dev/null; then
		echo "$local_dir"
		return
	fi
	local tag
	tag=$(printf '%s' "$top" | sha256sum | cut -c1-12)
	echo "${TMPDIR:-/tmp}/partner-portal-$tag/pg"
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cluster_url() {
	local port
	port=$(cat "$dir/portal-port")
	echo "postgres://postgres@127.0.0.1:$port/portal?sslmode=disable"
}

reachable() {
	[ -n "$1" ] && command -v psql >/dev/null 2>&1 && PGCONNECT_TIMEOUT=3 psql "$1" -XAtqc 'select 1' >/dev/null 2>&1
}

start() {
	ensure_binaries
	dir=$(data_dir)
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then
		chown postgres:postgres "$dir"
		chmod 0700 "$dir"
		# postgres must be able to walk to its folder
		chmod 0755 "$(dirname "$dir")"
	fi
	if [ ! -f "$dir/PG_VERSION" ]; then
		log "creating a cluster in $dir"
		as_pg "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
	fi
	if as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
		log "already running ($(cluster_url))"
	else
		# another checkout's cluster may hold the default port: take the next free one
		local port=$default_port
		while port_in_use "$port"; do port=$((port + 1)); done
		echo "$port" | as_pg tee "$dir/portal-port" >/dev/null
		as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
			{ tail -n 20 "$dir/server.log" >&2; die "the cluster in $dir did not start"; }
		log "started on 127.0.0.1:$port ($dir)"
	fi
	local port
	port=$(cat "$dir/portal-port")
	if ! psql "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" -XAtqc "select 1 from pg_database where datname='portal'" | grep -q 1; then
		psql "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" -Xqc "create database portal" >/dev/null
	fi
}

stop() {
	bindir=$(find_bindir) || exit 0
	dir=$(data_dir)
	[ -f "$dir/PG_VERSION" ] || { log "no cluster in $dir"; return 0; }
	if as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
		as_pg "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
		log "stopped ($dir)"
	else
		log "not running ($dir)"
	fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url)
	if [ -n "${DATABASE_URL:-}" ]; then
		if reachable "$DATABASE_URL"; then echo "$DATABASE_URL"; exit 0; fi
		log "DATABASE_URL is set but not reachable: using the local cluster"
	fi
	start
	cluster_url
	;;
*) die "usage: $0 start|stop|url" ;;
esac
